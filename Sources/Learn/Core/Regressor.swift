import Linalg

/// A regression model's specification: hyperparameters as plain data, nothing fitted yet.
///
/// `fit` never mutates the specification, so one value can be fitted in every fold in parallel.
public protocol Regressor: Sendable {
    /// Fits on `x` (n × d features) to `y` (n × t, one column per target, e.g. valence and arousal).
    /// `seed` drives every random choice; the same seed gives the same fitted model.
    func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor
}

/// A fitted model: predicts every target for any rows.
public protocol FittedRegressor: Sendable {
    /// Predictions, n × t in the order of the targets it was fitted on.
    func predict(_ x: Matrix) throws -> Matrix
    /// Training curves for reports, e.g. `["train_loss": [...], "validation_loss": [...]]`; empty when none.
    var curves: [String: [Double]] { get }
}

public extension FittedRegressor {
    var curves: [String: [Double]] { [:] }
}

/// A model that predicts one target; `PerTarget` lifts it to several targets by fitting one copy per column.
public protocol SingleTargetRegressor: Sendable {
    func fit(_ x: Matrix, _ y: [Double], seed: UInt64) throws -> any SingleTargetFitted
}

public protocol SingleTargetFitted: Sendable {
    func predict(_ x: Matrix) throws -> [Double]
}

/// Fits one `Base` model per target column.
public struct PerTarget<Base: SingleTargetRegressor>: Regressor {
    public let base: Base
    public init(_ base: Base) { self.base = base }

    public func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor {
        var models: [any SingleTargetFitted] = []
        for t in 0..<y.cols {
            models.append(try base.fit(x, y.column(t), seed: seed &+ UInt64(t)))
        }
        return Fitted(models: models)
    }

    struct Fitted: FittedRegressor {
        let models: [any SingleTargetFitted]
        func predict(_ x: Matrix) throws -> Matrix {
            Matrix(columns: try models.map { try $0.predict(x) })
        }
    }
}

/// Bad input reaching a model or transform (NaN, too few rows, k > n...). The message is for people.
public struct LearnError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
