import Foundation
import XCTest
@testable import Learn
import Linalg

final class MLPTests: XCTestCase {
    /// Central finite differences of the full objective against back-propagation, in Float64.
    func testGradientsMatchFiniteDifferences() {
        for activation in MLPActivation.allCases {
            var rng = SeededGenerator(seed: 3)
            let sizes = [3, 5, 4, 2], rows = 7
            var net = MLPNetwork<Double>(sizes: sizes, activation: activation, initialization: .glorotUniform, rng: &rng)
            let x = (0..<(rows * 3)).map { _ in rng.nextGaussian() }
            let y = (0..<(rows * 2)).map { _ in rng.nextGaussian() }
            let alpha = 0.3
            let workspace = MLPWorkspace<Double>(layout: net.layout, rows: rows)
            var gradient = [Double](repeating: 0, count: net.layout.parameterCount)
            func objective(_ n: MLPNetwork<Double>) -> Double {
                var scratch = [Double](repeating: 0, count: n.layout.parameterCount)
                let data = n.parameters.withUnsafeBufferPointer { p in
                    scratch.withUnsafeMutableBufferPointer { g in
                        n.lossAndGradient(p, input: x, targets: y, rows: rows, alpha: alpha, dropout: 0, rng: nil,
                                          workspace: workspace, gradient: g.baseAddress!)
                    }
                }
                // lossAndGradient reports the data term per output; the objective sums over the 2 outputs.
                return data * 2 + alpha / (2 * Double(rows)) * n.squaredWeightSum()
            }
            _ = net.parameters.withUnsafeBufferPointer { p in
                gradient.withUnsafeMutableBufferPointer { g in
                    net.lossAndGradient(p, input: x, targets: y, rows: rows, alpha: alpha, dropout: 0, rng: nil,
                                        workspace: workspace, gradient: g.baseAddress!)
                }
            }
            let h = 1e-6
            for i in 0..<net.layout.parameterCount {
                let saved = net.parameters[i]
                net.parameters[i] = saved + h
                let up = objective(net)
                net.parameters[i] = saved - h
                let down = objective(net)
                net.parameters[i] = saved
                let numeric = (up - down) / (2 * h)
                XCTAssertEqual(gradient[i], numeric, accuracy: 1e-6 * max(1, abs(numeric)),
                               "\(activation) parameter \(i)")
            }
        }
    }

    /// y = sin(2 x1) + x2² on [-1.5, 1.5]², learned to R² > 0.9 on fresh points.
    func testFitsANonlinearFunction() throws {
        func sample(_ n: Int, seed: UInt64) -> (Matrix, Matrix) {
            var rng = SeededGenerator(seed: seed)
            var xs: [Double] = [], ys: [Double] = []
            for _ in 0..<n {
                let a = 3 * rng.nextUnit() - 1.5, b = 3 * rng.nextUnit() - 1.5
                xs += [a, b]
                ys.append(sin(2 * a) + b * b)
            }
            return (Matrix(rows: n, cols: 2, values: xs), Matrix(rows: n, cols: 1, values: ys))
        }
        let (x, y) = sample(1000, seed: 1), (xt, yt) = sample(300, seed: 2)
        var h = MLPHyperparameters()
        h.hiddenLayerSizes = [32, 32]
        h.activation = .tanh
        h.learningRateInit = 0.01
        h.batchSize = 32
        h.maxIter = 60
        let fitted = try MLPRegressor(h).fitMLP(x, y, seed: 0)
        let p = try fitted.predict(xt)
        let mean = yt.values.reduce(0, +) / Double(yt.rows)
        var sse = 0.0, sst = 0.0
        for i in 0..<yt.rows { sse += pow(p[i, 0] - yt[i, 0], 2); sst += pow(yt[i, 0] - mean, 2) }
        XCTAssertGreaterThan(1 - sse / sst, 0.9)
        let loss = try XCTUnwrap(fitted.curves["train_loss"])
        XCTAssertLessThan(try XCTUnwrap(loss.last), loss[0])
    }

    func smallProblem() -> (Matrix, Matrix) {
        var rng = SeededGenerator(seed: 9)
        let x = Matrix(rows: 200, cols: 4, values: (0..<800).map { _ in rng.nextGaussian() })
        var y = Matrix(rows: 200, cols: 2)
        for r in 0..<200 {
            y[r, 0] = 100 + 50 * (x[r, 0] - 0.5 * x[r, 1]) + 10 * tanh(x[r, 2])   // far from unit scale
            y[r, 1] = tanh(x[r, 3]) + 0.1 * rng.nextGaussian()
        }
        return (x, y)
    }

    func testSameSeedGivesIdenticalWeights() throws {
        let (x, y) = smallProblem()
        for precision in MLPPrecision.allCases {
            var h = MLPHyperparameters()
            h.hiddenLayerSizes = [16, 8]
            h.maxIter = 5
            h.dropout = 0.2
            h.precision = precision
            let a = try MLPRegressor(h).fitMLP(x, y, seed: 42)
            let b = try MLPRegressor(h).fitMLP(x, y, seed: 42)
            let c = try MLPRegressor(h).fitMLP(x, y, seed: 43)
            XCTAssertEqual(a.parameters, b.parameters)
            XCTAssertEqual(try a.predict(x), try b.predict(x))
            XCTAssertNotEqual(a.parameters, c.parameters)
        }
    }

    func testOneNetworkPerTargetEarlyStoppingAndTargetScale() throws {
        let (x, y) = smallProblem()
        var h = MLPHyperparameters()
        h.hiddenLayerSizes = [32]
        h.maxIter = 200
        h.learningRateInit = 0.01
        h.multiOutput = false
        h.earlyStopping = true
        h.nIterNoChange = 5
        h.solver = .sgd
        h.learningRateSchedule = .cosine
        let fitted = try MLPRegressor(h).fitMLP(x, y, seed: 1)
        XCTAssertEqual(fitted.parameters.count, 2)
        // One network per target: each target's own curves, keyed by its index.
        XCTAssertEqual(Set(fitted.curves.keys), ["train_loss 0", "validation_loss 0", "train_loss 1", "validation_loss 1"])
        XCTAssertNotEqual(fitted.curves["train_loss 0"], fitted.curves["train_loss 1"])
        let train = try XCTUnwrap(fitted.curves["train_loss 0"]), validation = try XCTUnwrap(fitted.curves["validation_loss 0"])
        XCTAssertEqual(train.count, validation.count)
        XCTAssertLessThan(train.count, 200, "early stopping should end training before max_iter")
        let p = try fitted.predict(x)
        // Predictions are back on the targets' scale (mean ≈ 100).
        XCTAssertEqual(p.column(0).reduce(0, +) / 200, 100, accuracy: 15)
        XCTAssertGreaterThan(pearson(p.column(0), y.column(0)), 0.8)
    }

    func testHyperparametersDecodeSnakeCaseWithAliasesAndValidate() throws {
        let json = #"{"hidden_layer_sizes": [64, 32], "epochs": 30, "batch_size": 64, "activation": "gelu", "patience": 3, "learning_rate_schedule": "step"}"#
        let h = try JSONDecoder().decode(MLPHyperparameters.self, from: Data(json.utf8))
        XCTAssertEqual(h.hiddenLayerSizes, [64, 32])
        XCTAssertEqual(h.maxIter, 30)
        XCTAssertEqual(h.nIterNoChange, 3)
        XCTAssertEqual(h.activation, .gelu)
        XCTAssertEqual(h.learningRateSchedule, .step)
        XCTAssertEqual(h.alpha, 1e-4)
        let back = try JSONDecoder().decode(MLPHyperparameters.self, from: JSONEncoder().encode(h))
        XCTAssertEqual(back, h)
        var bad = h
        bad.dropout = 1
        XCTAssertThrowsError(try MLPRegressor(bad).fit(Matrix(rows: 4, cols: 1), Matrix(rows: 4, cols: 1), seed: 0))
        XCTAssertThrowsError(try MLPRegressor().fit(Matrix(rowArrays: [[.nan], [1]]), Matrix(rows: 2, cols: 1), seed: 0))
        XCTAssertEqual(h.learningRate(epoch: 25), 1e-3 * 0.25, accuracy: 1e-15)
    }

    private func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count), ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var ab = 0.0, aa = 0.0, bb = 0.0
        for i in a.indices { ab += (a[i] - ma) * (b[i] - mb); aa += (a[i] - ma) * (a[i] - ma); bb += (b[i] - mb) * (b[i] - mb) }
        return ab / (aa * bb).squareRoot()
    }
    /// scikit-learn's rule: patience counts epochs without an improvement larger than tol; a non-finite loss stops.
    func testStoppingMonitorCountsEpochsWithoutATolImprovement() {
        var monitor = StoppingMonitor(tol: 0.1, patience: 2)
        XCTAssertTrue(monitor.record(1.0) == (true, false))
        XCTAssertTrue(monitor.record(0.95) == (true, false), "better, but by less than tol: stale 1")
        XCTAssertTrue(monitor.record(0.99) == (false, true), "stale 2 = patience")
        var fresh = StoppingMonitor(tol: 0.1, patience: 2)
        _ = fresh.record(1.0)
        XCTAssertTrue(fresh.record(0.5) == (true, false), "an improvement by more than tol resets the count")
        XCTAssertEqual(fresh.best, 0.5)
        XCTAssertTrue(fresh.record(.nan) == (false, true))
    }

    /// The held-out rows are a seeded share of the rows, disjoint from the training rows, both sorted.
    func testHoldOutSplitsTheRowsOnce() {
        var h = MLPHyperparameters()
        h.earlyStopping = true
        h.validationFraction = 0.2
        let training = MLPTraining(hyperparameters: h, seed: 1, stream: 0)
        var rng = SeededGenerator(seed: 1, stream: 2)
        let (train, validation) = training.holdOut(rows: 50, rng: &rng)
        XCTAssertEqual(validation.count, 10)
        XCTAssertEqual((train + validation).sorted(), Array(0..<50))
        XCTAssertEqual(train, train.sorted())
        XCTAssertEqual(validation, validation.sorted())
        h.earlyStopping = false
        let all = MLPTraining(hyperparameters: h, seed: 1, stream: 0).holdOut(rows: 50, rng: &rng)
        XCTAssertEqual(all.train, Array(0..<50))
        XCTAssertTrue(all.validation.isEmpty)
    }
}
