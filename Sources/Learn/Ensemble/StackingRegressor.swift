import Linalg

/// Hyperparameters of a stacking model (scikit-learn's `StackingRegressor` with a `Ridge` final estimator).
public struct StackingHyperparameters: Codable, Sendable, Equatable {
    /// The ridge meta-model's penalty.
    public var alpha: Double = 1.0
    /// Folds of the cross-fitted base predictions the meta-model learns from.
    public var cv: Int = 5
    /// Shuffle rows (seeded) before cutting the folds; scikit-learn's default `cv=5` does not.
    public var shuffle: Bool = true
    /// Also give the meta-model the original features.
    public var passthrough: Bool = false

    public init(alpha: Double = 1.0, cv: Int = 5, shuffle: Bool = true, passthrough: Bool = false) {
        self.alpha = alpha
        self.cv = cv
        self.shuffle = shuffle
        self.passthrough = passthrough
    }

    public func validate() throws {
        guard alpha.isFinite, alpha >= 0 else { throw LearnError("stacking alpha must be a non-negative number, got \(alpha)") }
        guard cv >= 2 else { throw LearnError("stacking cv must be at least 2, got \(cv)") }
    }
}

/// Stacking (scikit-learn's `StackingRegressor`): every base model is fitted on all training rows to predict new
/// rows, and a ridge meta-model per target learns how to combine the base models' predictions of that target from
/// their out-of-fold predictions over `cv` folds of the training rows, so it never sees a base model scoring rows
/// it was fitted on.
public struct StackingRegressor: Regressor {
    public var estimators: [(name: String, model: any Regressor)]
    public var hyperparameters: StackingHyperparameters

    public init(estimators: [(name: String, model: any Regressor)], hyperparameters: StackingHyperparameters = .init()) {
        self.estimators = estimators
        self.hyperparameters = hyperparameters
    }

    public func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor {
        try hyperparameters.validate()
        guard !estimators.isEmpty else { throw LearnError("stacking needs at least one base model") }
        guard x.rows >= hyperparameters.cv else {
            throw LearnError("stacking needs at least cv = \(hyperparameters.cv) training rows, got \(x.rows)")
        }
        let folds = Ensemble.foldAssignment(rows: x.rows, folds: hyperparameters.cv,
                                            shuffleSeed: hyperparameters.shuffle ? seed : nil)
        let models = estimators
        let seeds = models.indices.map { seed &+ UInt64($0 + 1) }
        // Every base model on all rows, concurrently.
        let full: [any FittedRegressor] = try Parallel.map(models.count) { m in try models[m].model.fit(x, y, seed: seeds[m]) }
        // Then fold by fold: the fold's rows are copied once and every base model fits them concurrently, so memory
        // holds one fold's copy, not one per base model.
        var outOfFold = [Matrix](repeating: Matrix(rows: x.rows, cols: y.cols), count: models.count)
        for f in 0..<hyperparameters.cv {
            let train = (0..<x.rows).filter { folds[$0] != f }, test = (0..<x.rows).filter { folds[$0] == f }
            let xTrain = x.selectingRows(train), yTrain = y.selectingRows(train), xTest = x.selectingRows(test)
            let predicted: [Matrix] = try Parallel.map(models.count) { m in
                let fitted = try models[m].model.fit(xTrain, yTrain, seed: seeds[m])
                return try Ensemble.checked(fitted.predict(xTest), rows: test.count, targets: y.cols)
            }
            for m in models.indices {
                for (i, row) in test.enumerated() {
                    for t in 0..<y.cols { outOfFold[m][row, t] = predicted[m][i, t] }
                }
            }
        }
        let meta = try Self.fitMeta(basePredictions: outOfFold, features: hyperparameters.passthrough ? x : nil,
                                    y: y, alpha: hyperparameters.alpha)
        return FittedStacking(names: models.map(\.name), bases: full, meta: meta,
                              passthrough: hyperparameters.passthrough)
    }

    /// One ridge meta-model per target on that target's base predictions (one column per base model), plus the
    /// features when `features` is given (passthrough).
    public static func fitMeta(basePredictions: [Matrix], features: Matrix?, y: Matrix, alpha: Double) throws -> [FittedLinearModel] {
        try (0..<y.cols).map { t in
            let z = metaFeatures(basePredictions, target: t, features: features)
            return try Ridge(alpha: alpha).fitLinear(z, Matrix(columns: [y.column(t)]))
        }
    }

    static func metaFeatures(_ predictions: [Matrix], target t: Int, features: Matrix?) -> Matrix {
        Matrix(columns: predictions.map { $0.column(t) } + (features.map { f in (0..<f.cols).map { f.column($0) } } ?? []))
    }
}

/// A fitted stack: base models fitted on every training row and one meta-model per target.
public struct FittedStacking: FittedRegressor {
    public let names: [String]
    public let bases: [any FittedRegressor]
    public let meta: [FittedLinearModel]
    public let passthrough: Bool

    public init(names: [String], bases: [any FittedRegressor], meta: [FittedLinearModel], passthrough: Bool) {
        self.names = names
        self.bases = bases
        self.meta = meta
        self.passthrough = passthrough
    }

    public func predict(_ x: Matrix) throws -> Matrix {
        let predictions = try bases.map { try Ensemble.checked($0.predict(x), rows: x.rows, targets: meta.count) }
        return Matrix(columns: try meta.indices.map { t in
            try meta[t].predict(StackingRegressor.metaFeatures(predictions, target: t, features: passthrough ? x : nil)).column(0)
        })
    }
}

/// Averaging (scikit-learn's `VotingRegressor`): the weighted mean of the base models' predictions.
public struct VotingRegressor: Regressor {
    public var estimators: [(name: String, model: any Regressor)]
    /// One weight per base model; equal weights when empty.
    public var weights: [Double]

    public init(estimators: [(name: String, model: any Regressor)], weights: [Double] = []) {
        self.estimators = estimators
        self.weights = weights
    }

    public func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor {
        guard !estimators.isEmpty else { throw LearnError("voting needs at least one base model") }
        guard weights.isEmpty || weights.count == estimators.count else {
            throw LearnError("voting has \(weights.count) weights for \(estimators.count) base models")
        }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.isEmpty || weights.reduce(0, +) > 0 else {
            throw LearnError("voting weights must be non-negative with a positive sum, got \(weights)")
        }
        let models = estimators
        let bases: [any FittedRegressor] = try Parallel.map(models.count) { m in
            try models[m].model.fit(x, y, seed: seed &+ UInt64(m + 1))
        }
        let w = weights.isEmpty ? [Double](repeating: 1, count: bases.count) : weights
        return FittedVoting(names: models.map(\.name), bases: bases, weights: w, targets: y.cols)
    }
}

public struct FittedVoting: FittedRegressor {
    public let names: [String]
    public let bases: [any FittedRegressor]
    public let weights: [Double]
    public let targets: Int

    public init(names: [String], bases: [any FittedRegressor], weights: [Double], targets: Int) {
        self.names = names
        self.bases = bases
        self.weights = weights
        self.targets = targets
    }

    public func predict(_ x: Matrix) throws -> Matrix {
        var out = Matrix(rows: x.rows, cols: targets)
        let total = weights.reduce(0, +)
        for (base, w) in zip(bases, weights) {
            let p = try Ensemble.checked(base.predict(x), rows: x.rows, targets: targets)
            for i in out.values.indices { out.values[i] += w / total * p.values[i] }
        }
        return out
    }
}

enum Ensemble {
    /// scikit-learn's `KFold` assignment: contiguous folds (the first `rows % folds` one row larger) over the rows,
    /// or over a seeded permutation of them.
    static func foldAssignment(rows: Int, folds: Int, shuffleSeed: UInt64?) -> [Int] {
        var order = Array(0..<rows)
        if let seed = shuffleSeed {
            var rng = SeededGenerator(seed: seed, stream: 0x5354)
            order = rng.permutation(rows)
        }
        return FoldAssignment.contiguous(order: order, folds: folds)
    }

    static func checked(_ p: Matrix, rows: Int, targets: Int) throws -> Matrix {
        guard p.rows == rows, p.cols == targets else {
            throw LearnError("a base model returned \(p.rows) × \(p.cols) predictions for \(rows) rows × \(targets) targets")
        }
        return p
    }
}
