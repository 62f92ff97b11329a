import Linalg

/// Where each layer's weights (inputs × outputs, row-major) and biases sit in one flat parameter vector.
struct MLPLayout: Sendable, Equatable {
    let sizes: [Int]
    let weightOffsets: [Int]
    let biasOffsets: [Int]
    let parameterCount: Int

    init(sizes: [Int]) {
        self.sizes = sizes
        var w: [Int] = [], b: [Int] = [], at = 0
        for l in 0..<(sizes.count - 1) {
            w.append(at); at += sizes[l] * sizes[l + 1]
            b.append(at); at += sizes[l + 1]
        }
        weightOffsets = w
        biasOffsets = b
        parameterCount = at
    }

    var layerCount: Int { sizes.count - 1 }
    var widest: Int { sizes.max() ?? 0 }
}

/// A multilayer perceptron's parameters and its forward pass (linear output layer).
struct MLPNetwork<T: NeuralScalar>: Sendable {
    let layout: MLPLayout
    let activation: MLPActivation
    var parameters: [T]

    /// Seeded initialisation: Glorot uniform (weights and biases, as scikit-learn) or He normal.
    init(sizes: [Int], activation: MLPActivation, initialization: MLPInitialization, rng: inout SeededGenerator) {
        layout = MLPLayout(sizes: sizes)
        self.activation = activation
        parameters = [T](repeating: 0, count: layout.parameterCount)
        let scheme: MLPInitialization = initialization == .auto
            ? (activation == .tanh ? .glorotUniform : .heNormal) : initialization
        for l in 0..<layout.layerCount {
            let fanIn = sizes[l], fanOut = sizes[l + 1]
            let w = layout.weightOffsets[l], b = layout.biasOffsets[l]
            if scheme == .heNormal {
                let sd = (2.0 / Double(fanIn)).squareRoot()
                for i in 0..<(fanIn * fanOut) { parameters[w + i] = T(rng.nextGaussian() * sd) }
            } else {
                let bound = (6.0 / Double(fanIn + fanOut)).squareRoot()
                for i in 0..<(fanIn * fanOut) { parameters[w + i] = T((2 * rng.nextUnit() - 1) * bound) }
                for i in 0..<fanOut { parameters[b + i] = T((2 * rng.nextUnit() - 1) * bound) }
            }
        }
    }

    /// Outputs for the rows of `x` (in blocks, no dropout), as Doubles.
    func predict(_ x: Matrix) -> Matrix {
        let outs = layout.sizes[layout.layerCount]
        var result = Matrix(rows: x.rows, cols: outs)
        let block = 1024
        let workspace = MLPWorkspace<T>(layout: layout, rows: min(block, max(1, x.rows)))
        let input = UnsafeMutablePointer<T>.allocate(capacity: min(block, max(1, x.rows)) * x.cols)
        defer { input.deallocate() }
        var start = 0
        while start < x.rows {
            let m = min(block, x.rows - start)
            for i in 0..<(m * x.cols) { input[i] = T(x.values[start * x.cols + i]) }
            parameters.withUnsafeBufferPointer { p in
                forward(p, input: input, rows: m, workspace: workspace, dropout: 0, rng: nil)
            }
            let out = workspace.post[layout.layerCount]
            for i in 0..<(m * outs) { result.values[start * outs + i] = Double(out[i]) }
            start += m
        }
        return result
    }

    /// Forward pass of `rows` rows: fills `workspace.pre` (z) and `workspace.post` (activations, after
    /// inverted dropout on hidden layers when `dropout` > 0 and `rng` is given).
    func forward(_ p: UnsafeBufferPointer<T>, input: UnsafePointer<T>, rows: Int, workspace: MLPWorkspace<T>,
                 dropout: Double, rng: UnsafeMutablePointer<SeededGenerator>?) {
        guard let base = p.baseAddress else { return }
        var a = input
        for l in 0..<layout.layerCount {
            let nIn = layout.sizes[l], nOut = layout.sizes[l + 1]
            let z = workspace.pre[l + 1], out = workspace.post[l + 1]
            // z = 1 bᵀ + A W: bias rows first, then the product accumulated on top (beta = 1).
            let bias = base + layout.biasOffsets[l]
            for r in 0..<rows { (z + r &* nOut).update(from: bias, count: nOut) }
            T.gemm(transposeA: false, transposeB: false, m: rows, n: nOut, k: nIn, alpha: 1,
                   a: a, lda: nIn, b: base + layout.weightOffsets[l], ldb: nOut, beta: 1, c: z, ldc: nOut)
            let last = l == layout.layerCount - 1
            let count = rows &* nOut
            if last {
                out.update(from: z, count: count)
            } else if activation == .relu {
                T.relu(z, into: out, count: count)
            } else {
                for i in 0..<count { out[i] = Activation.apply(activation, z[i]) }
            }
            if !last, dropout > 0, let rng {
                let mask = workspace.masks[l + 1]
                let keep = T(1 / (1 - dropout))
                for i in 0..<count { mask[i] = rng.pointee.nextUnit() < dropout ? 0 : keep }
                T.multiply(out, by: mask, count: count)
            }
            a = UnsafePointer(out)
        }
    }
}

/// Scratch buffers for a forward/backward pass over at most `rows` rows, owned by one thread.
final class MLPWorkspace<T: NeuralScalar> {
    let rows: Int
    /// Index l = 1...L: layer l's pre-activation z, activation a and dropout mask (index 0 unused).
    let pre: [UnsafeMutablePointer<T>]
    let post: [UnsafeMutablePointer<T>]
    let masks: [UnsafeMutablePointer<T>]
    /// Two buffers of rows × widest layer for back-propagated deltas.
    let deltaA: UnsafeMutablePointer<T>
    let deltaB: UnsafeMutablePointer<T>
    /// `rows` ones, for bias gradients as a product (1ᵀ δ).
    let ones: UnsafeMutablePointer<T>

    init(layout: MLPLayout, rows: Int) {
        self.rows = rows
        ones = .allocate(capacity: max(1, rows))
        ones.initialize(repeating: 1, count: max(1, rows))
        pre = layout.sizes.map { UnsafeMutablePointer<T>.allocate(capacity: max(1, rows * $0)) }
        post = layout.sizes.map { UnsafeMutablePointer<T>.allocate(capacity: max(1, rows * $0)) }
        masks = layout.sizes.map { UnsafeMutablePointer<T>.allocate(capacity: max(1, rows * $0)) }
        deltaA = .allocate(capacity: max(1, rows * layout.widest))
        deltaB = .allocate(capacity: max(1, rows * layout.widest))
    }

    deinit {
        for p in pre { p.deallocate() }
        for p in post { p.deallocate() }
        for p in masks { p.deallocate() }
        deltaA.deallocate()
        deltaB.deallocate()
        ones.deallocate()
    }
}

/// Activation functions and their derivatives with respect to the pre-activation z.
enum Activation {
    /// √(2/π), GELU's constant.
    static let sqrtTwoOverPi = 0.7978845608028654

    @inline(__always)
    static func apply<T: NeuralScalar>(_ f: MLPActivation, _ z: T) -> T {
        switch f {
        case .relu: return z > 0 ? z : 0
        case .tanh: return T.tanh(z)
        case .gelu: return 0.5 * z * (1 + T.tanh(T(sqrtTwoOverPi) * (z + 0.044715 * z * z * z)))
        }
    }

    @inline(__always)
    static func derivative<T: NeuralScalar>(_ f: MLPActivation, _ z: T) -> T {
        switch f {
        case .relu: return z > 0 ? 1 : 0
        case .tanh: let t = T.tanh(z); return 1 - t * t
        case .gelu:
            let c = T(sqrtTwoOverPi)
            let t = T.tanh(c * (z + 0.044715 * z * z * z))
            return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * c * (1 + 3 * 0.044715 * z * z)
        }
    }

}
