#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Parameter updates from gradients, over one flat parameter vector.
struct MLPOptimizer<T: NeuralScalar> {
    let solver: MLPSolver
    let momentum: Double
    private var first: [T]
    private var second: [T]
    private var steps = 0

    init(solver: MLPSolver, momentum: Double, count: Int) {
        self.solver = solver
        self.momentum = momentum
        first = [T](repeating: 0, count: count)
        second = solver == .adam ? [T](repeating: 0, count: count) : []
    }

    /// Applies one update with learning rate `lr`.
    mutating func update(_ parameters: inout [T], gradient: UnsafePointer<T>, lr: Double) {
        steps += 1
        let n = parameters.count
        switch solver {
        case .adam:
            let b1 = 0.9, b2 = 0.999
            // scikit-learn's bias-corrected step size.
            let step = T(lr * (1 - pow(b2, Double(steps))).squareRoot() / (1 - pow(b1, Double(steps))))
            parameters.withUnsafeMutableBufferPointer { p in
                first.withUnsafeMutableBufferPointer { m in
                    second.withUnsafeMutableBufferPointer { v in
                        guard let pp = p.baseAddress, let mp = m.baseAddress, let vp = v.baseAddress else { return }
                        T.adam(pp, mp, vp, gradient, count: n, step: step,
                                           beta1: T(b1), beta2: T(b2), epsilon: T(1e-8))
                    }
                }
            }
        case .sgd:
            parameters.withUnsafeMutableBufferPointer { p in
                first.withUnsafeMutableBufferPointer { velocity in
                    guard let pp = p.baseAddress, let vp = velocity.baseAddress else { return }
                    T.momentum(pp, vp, gradient, count: n, mu: T(momentum), lr: T(lr))
                }
            }
        }
    }
}

extension MLPHyperparameters {
    /// Learning rate of `epoch` (0-based) under the schedule.
    func learningRate(epoch: Int) -> Double {
        switch learningRateSchedule {
        case .constant: return learningRateInit
        case .step: return learningRateInit * pow(lrGamma, Double(epoch / lrStepSize))
        case .cosine: return learningRateInit * 0.5 * (1 + cos(Double.pi * Double(epoch) / Double(maxIter)))
        }
    }
}
