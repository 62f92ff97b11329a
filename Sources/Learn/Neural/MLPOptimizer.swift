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
            let eps = T(1e-8), tb1 = T(b1), tb2 = T(b2)
            parameters.withUnsafeMutableBufferPointer { p in
                first.withUnsafeMutableBufferPointer { m in
                    second.withUnsafeMutableBufferPointer { v in
                        for i in 0..<n {
                            let g = gradient[i]
                            m[i] = tb1 * m[i] + (1 - tb1) * g
                            v[i] = tb2 * v[i] + (1 - tb2) * g * g
                            p[i] -= step * m[i] / (v[i].squareRoot() + eps)
                        }
                    }
                }
            }
        case .sgd:
            let mu = T(momentum), rate = T(lr)
            parameters.withUnsafeMutableBufferPointer { p in
                first.withUnsafeMutableBufferPointer { velocity in
                    for i in 0..<n {
                        velocity[i] = mu * velocity[i] - rate * gradient[i]
                        p[i] += velocity[i]
                    }
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
