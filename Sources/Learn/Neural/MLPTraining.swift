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

        let (trainRows, validationRows) = holdOut(rows: x.rows, rng: &splitRNG)
        let data = MinibatchSource<T>(x: x, y: y, rows: trainRows)
        let xValidation = x.selectingRows(validationRows), yValidation = y.selectingRows(validationRows)
        var network = MLPNetwork<T>(sizes: [x.cols] + h.hiddenLayerSizes + [y.cols], activation: h.activation,
                                    initialization: h.initialization, rng: &initRNG)
        var optimizer = MLPOptimizer<T>(solver: h.solver, momentum: h.momentum, count: network.layout.parameterCount)
        let step = MinibatchStep<T>(layout: network.layout, data: data, batch: min(h.batchSize, data.rows))

        var trainLoss: [Double] = [], validationLoss: [Double] = []
        var monitor = StoppingMonitor(tol: h.tol, patience: h.nIterNoChange)
        var bestParameters = network.parameters
        for epoch in 0..<h.maxIter {
            let order = shuffleRNG.permutation(data.rows)
            trainLoss.append(step.epoch(&network, optimizer: &optimizer, order: order, lr: h.learningRate(epoch: epoch),
                                        hyperparameters: h, dropoutRNG: dropoutRNG))
            // Stop criterion: validation loss with early stopping, training loss otherwise (as scikit-learn).
            var monitored = trainLoss[trainLoss.count - 1]
            if h.earlyStopping {
                monitored = Self.halfMeanSquaredError(network.predict(xValidation), yValidation)
                validationLoss.append(monitored)
            }
            let (improved, stop) = monitor.record(monitored)
            if improved, h.earlyStopping { bestParameters = network.parameters }
            if stop { break }
        }
        if h.earlyStopping { network.parameters = bestParameters }
        var curves = ["train_loss": trainLoss]
        if h.earlyStopping { curves["validation_loss"] = validationLoss }
        return Outcome(network: network, curves: curves)
    }

    /// The training and validation rows (both sorted): with early stopping, a seeded `validation_fraction` of the
    /// rows (at least one, leaving at least two to train on) is held out; otherwise every row trains.
    func holdOut(rows: Int, rng: inout SeededGenerator) -> (train: [Int], validation: [Int]) {
        let h = hyperparameters
        guard h.earlyStopping else { return (Array(0..<rows), []) }
        let order = rng.permutation(rows)
        let nVal = min(rows - 2, max(1, Int((h.validationFraction * Double(rows)).rounded(.up))))
        return (Array(order.dropFirst(nVal)).sorted(), Array(order.prefix(nVal)).sorted())
    }

    /// Half the mean squared error per entry (the figure of the loss curves).
    static func halfMeanSquaredError(_ p: Matrix, _ y: Matrix) -> Double {
        var s = 0.0
        for i in p.values.indices { let e = p.values[i] - y.values[i]; s += e * e }
        return 0.5 * s / Double(max(1, p.values.count))
    }
}

/// scikit-learn's stopping rule: stop after `patience` epochs in a row without an improvement of more than `tol`
/// on the best loss so far, or as soon as the loss is not finite.
struct StoppingMonitor {
    let tol: Double
    let patience: Int
    private(set) var best = Double.infinity
    private var stale = 0

    init(tol: Double, patience: Int) {
        self.tol = tol
        self.patience = patience
    }

    /// Records an epoch's loss: whether it is the best so far, and whether training stops here.
    mutating func record(_ loss: Double) -> (improved: Bool, stop: Bool) {
        if loss < best - tol { stale = 0 } else { stale += 1 }
        let improved = loss < best
        if improved { best = loss }
        return (improved, !loss.isFinite || stale >= patience)
    }
}

/// The training rows of x and y converted once to the network's scalar type, row-major.
struct MinibatchSource<T: NeuralScalar> {
    let xs: [T]
    let ys: [T]
    let rows: Int
    let inputs: Int
    let outputs: Int

    init(x: Matrix, y: Matrix, rows: [Int]) {
        xs = rows.flatMap { r in x.row(r).map { T($0) } }
        ys = rows.flatMap { r in y.row(r).map { T($0) } }
        self.rows = rows.count
        inputs = x.cols
        outputs = y.cols
    }
}

/// One epoch of minibatch steps: gathers each batch's rows into its buffers, back-propagates, updates.
final class MinibatchStep<T: NeuralScalar> {
    let data: MinibatchSource<T>
    let batch: Int
    let workspace: MLPWorkspace<T>
    private let xb: UnsafeMutablePointer<T>
    private let yb: UnsafeMutablePointer<T>
    private let gradient: UnsafeMutablePointer<T>

    init(layout: MLPLayout, data: MinibatchSource<T>, batch: Int) {
        self.data = data
        self.batch = batch
        workspace = MLPWorkspace<T>(layout: layout, rows: batch)
        xb = .allocate(capacity: batch * data.inputs)
        yb = .allocate(capacity: batch * data.outputs)
        gradient = .allocate(capacity: layout.parameterCount)
    }

    deinit {
        xb.deallocate()
        yb.deallocate()
        gradient.deallocate()
    }

    /// Trains one pass over the rows in `order` and returns the mean minibatch loss per row.
    func epoch(_ network: inout MLPNetwork<T>, optimizer: inout MLPOptimizer<T>, order: [Int], lr: Double,
               hyperparameters h: MLPHyperparameters, dropoutRNG: UnsafeMutablePointer<SeededGenerator>) -> Double {
        let n = data.rows
        var total = 0.0
        var start = 0
        while start < n {
            let m = min(batch, n - start)
            gather(order[start..<(start + m)])
            let loss = network.parameters.withUnsafeBufferPointer { p in
                network.lossAndGradient(p, input: xb, targets: yb, rows: m, alpha: h.alpha, dropout: h.dropout,
                                        rng: h.dropout > 0 ? dropoutRNG : nil, workspace: workspace,
                                        gradient: gradient)
            }
            optimizer.update(&network.parameters, gradient: gradient, lr: lr)
            total += loss * Double(m)
            start += m
        }
        return total / Double(n)
    }

    /// Copies the batch's rows (positions into the training rows) to the front of the batch buffers.
    private func gather(_ rows: ArraySlice<Int>) {
        let d = data.inputs, t = data.outputs
        data.xs.withUnsafeBufferPointer { px in
            data.ys.withUnsafeBufferPointer { py in
                guard let bx = px.baseAddress, let by = py.baseAddress else { return }
                for (i, r) in rows.enumerated() {
                    (xb + i &* d).update(from: bx + r &* d, count: d)
                    (yb + i &* t).update(from: by + r &* t, count: t)
                }
            }
        }
    }
}
