import Linalg

extension MLPNetwork {
    /// One minibatch: forward, squared-error loss, back-propagation into `gradient`.
    ///
    /// The objective is 0.5 / B · Σ_rows Σ_outputs (p − y)² + alpha / (2B) · Σ w² (biases unpenalised),
    /// and `gradient` receives its exact derivative. Returns the data part divided by the output count
    /// (half the mean squared error per entry), the figure recorded in the loss curves.
    func lossAndGradient(_ p: UnsafeBufferPointer<T>, input: UnsafePointer<T>, targets: UnsafePointer<T>,
                         rows: Int, alpha: Double, dropout: Double, rng: UnsafeMutablePointer<SeededGenerator>?,
                         workspace: MLPWorkspace<T>, gradient: UnsafeMutablePointer<T>) -> Double {
        guard let base = p.baseAddress else { return 0 }
        forward(p, input: input, rows: rows, workspace: workspace, dropout: dropout, rng: rng)
        let L = layout.layerCount
        let outs = layout.sizes[L]
        let invB = T(1 / Double(rows))
        var delta = workspace.deltaA, spare = workspace.deltaB
        let out = workspace.post[L]
        var loss = 0.0
        for i in 0..<(rows * outs) {
            let e = out[i] - targets[i]
            loss += Double(e) * Double(e)
            delta[i] = e * invB
        }
        let useMask = dropout > 0 && rng != nil
        for l in stride(from: L - 1, through: 0, by: -1) {
            let nIn = layout.sizes[l], nOut = layout.sizes[l + 1]
            let a = l == 0 ? input : UnsafePointer(workspace.post[l])
            let gw = gradient + layout.weightOffsets[l], gb = gradient + layout.biasOffsets[l]
            let w = base + layout.weightOffsets[l]
            // gW = A_inᵀ δ + (alpha / B) W;  gb = 1ᵀ δ
            T.scale(w, by: T(alpha) * invB, into: gw, count: nIn &* nOut)
            T.gemm(transposeA: true, transposeB: false, m: nIn, n: nOut, k: rows, alpha: 1,
                   a: a, lda: nIn, b: delta, ldb: nOut, beta: 1, c: gw, ldc: nOut)
            T.gemm(transposeA: true, transposeB: false, m: 1, n: nOut, k: rows, alpha: 1,
                   a: workspace.ones, lda: 1, b: delta, ldb: nOut, beta: 0, c: gb, ldc: nOut)
            if l == 0 { break }
            // δ_in = (δ Wᵀ) ⊙ mask ⊙ f'(z_in)
            T.gemm(transposeA: false, transposeB: true, m: rows, n: nIn, k: nOut, alpha: 1,
                   a: delta, lda: nOut, b: w, ldb: nOut, beta: 0, c: spare, ldc: nIn)
            let z = workspace.pre[l], count = rows &* nIn
            if activation == .relu {
                T.reluBackward(spare, z: z, count: count)
            } else {
                for i in 0..<count { spare[i] *= Activation.derivative(activation, z[i]) }
            }
            if useMask { T.multiply(spare, by: workspace.masks[l], count: count) }
            swap(&delta, &spare)
        }
        return 0.5 * loss / Double(rows * outs)
    }

    /// Half the L2 penalty's sum of squared weights (biases excluded), for objective checks.
    func squaredWeightSum() -> Double {
        var s = 0.0
        for l in 0..<layout.layerCount {
            let w = layout.weightOffsets[l]
            for i in 0..<(layout.sizes[l] * layout.sizes[l + 1]) { s += Double(parameters[w + i] * parameters[w + i]) }
        }
        return s
    }
}
