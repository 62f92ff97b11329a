import Linalg

/// The minibatch training loop of one network: shuffling, schedule, early stopping, loss curves.
struct MLPTraining {
    let hyperparameters: MLPHyperparameters
    let seed: UInt64
    /// Distinguishes the networks of one fit (one per target when `multi_output` is false).
    let stream: UInt64

    struct Outcome {
        var network: any MLPPredictor
        var curves: [String: [Double]]
    }

    func run<T: NeuralScalar>(_ x: Matrix, _ y: Matrix, as: T.Type) -> Outcome {
        let h = hyperparameters
        var initRNG = SeededGenerator(seed: seed, stream: stream * 4)
        var shuffleRNG = SeededGenerator(seed: seed, stream: stream * 4 + 1)
        var splitRNG = SeededGenerator(seed: seed, stream: stream * 4 + 2)
        let dropoutRNG = UnsafeMutablePointer<SeededGenerator>.allocate(capacity: 1)
        dropoutRNG.initialize(to: SeededGenerator(seed: seed, stream: stream * 4 + 3))
        defer { dropoutRNG.deallocate() }

        var trainRows = Array(0..<x.rows), validationRows: [Int] = []
        if h.earlyStopping {
            let order = splitRNG.permutation(x.rows)
            let nVal = min(x.rows - 2, max(1, Int((h.validationFraction * Double(x.rows)).rounded(.up))))
            validationRows = Array(order.prefix(nVal)).sorted()
            trainRows = Array(order.dropFirst(nVal)).sorted()
        }
        let d = x.cols, t = y.cols, n = trainRows.count
        let xs = trainRows.flatMap { r in x.row(r).map { T($0) } }
        let ys = trainRows.flatMap { r in y.row(r).map { T($0) } }
        let xValidation = x.selectingRows(validationRows), yValidation = y.selectingRows(validationRows)

        var network = MLPNetwork<T>(sizes: [d] + h.hiddenLayerSizes + [t], activation: h.activation,
                                    initialization: h.initialization, rng: &initRNG)
        var optimizer = MLPOptimizer<T>(solver: h.solver, momentum: h.momentum, count: network.layout.parameterCount)
        let batch = min(h.batchSize, n)
        let workspace = MLPWorkspace<T>(layout: network.layout, rows: batch)
        let xb = UnsafeMutablePointer<T>.allocate(capacity: batch * d)
        let yb = UnsafeMutablePointer<T>.allocate(capacity: batch * t)
        let gradient = UnsafeMutablePointer<T>.allocate(capacity: network.layout.parameterCount)
        defer { xb.deallocate(); yb.deallocate(); gradient.deallocate() }

        var trainLoss: [Double] = [], validationLoss: [Double] = []
        var best = Double.infinity, stale = 0, bestParameters = network.parameters
        for epoch in 0..<h.maxIter {
            let lr = h.learningRate(epoch: epoch)
            let order = shuffleRNG.permutation(n)
            var total = 0.0
            var start = 0
            while start < n {
                let m = min(batch, n - start)
                xs.withUnsafeBufferPointer { px in
                    ys.withUnsafeBufferPointer { py in
                        for i in 0..<m {
                            let r = order[start + i]
                            if let bx = px.baseAddress, let by = py.baseAddress {
                                (xb + i &* d).update(from: bx + r &* d, count: d)
                                (yb + i &* t).update(from: by + r &* t, count: t)
                            }
                        }
                    }
                }
                let loss = network.parameters.withUnsafeBufferPointer { p in
                    network.lossAndGradient(p, input: xb, targets: yb, rows: m, alpha: h.alpha, dropout: h.dropout,
                                            rng: h.dropout > 0 ? dropoutRNG : nil, workspace: workspace,
                                            gradient: gradient)
                }
                optimizer.update(&network.parameters, gradient: gradient, lr: lr)
                total += loss * Double(m)
                start += m
            }
            trainLoss.append(total / Double(n))
            // Stop criterion: validation loss with early stopping, training loss otherwise (as scikit-learn).
            var monitored = trainLoss[trainLoss.count - 1]
            if h.earlyStopping {
                let p = network.predict(xValidation)
                var s = 0.0
                for i in p.values.indices { let e = p.values[i] - yValidation.values[i]; s += e * e }
                monitored = 0.5 * s / Double(max(1, p.values.count))
                validationLoss.append(monitored)
            }
            if monitored < best - h.tol { stale = 0 } else { stale += 1 }
            if monitored < best {
                best = monitored
                if h.earlyStopping { bestParameters = network.parameters }
            }
            if !monitored.isFinite || stale >= h.nIterNoChange { break }
        }
        if h.earlyStopping { network.parameters = bestParameters }
        var curves = ["train_loss": trainLoss]
        if h.earlyStopping { curves["validation_loss"] = validationLoss }
        return Outcome(network: network, curves: curves)
    }
}
