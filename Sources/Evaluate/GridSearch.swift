import Learn
import Linalg

/// Fit preprocessing on `train` rows only and return the two feature matrices (train rows, then test rows).
public typealias Featurize = (_ train: [Int], _ test: [Int], _ seed: UInt64) throws -> (train: Matrix, test: Matrix)

/// Inner cross-validation on one outer training fold: scores every grid combination by the mean inner
/// Pearson r (averaged over folds and targets) and returns the best.
public struct GridSearch {
    public var candidates: [Params]
    public var innerFolds: Int

    public init(candidates: [Params], innerFolds: Int = 3) {
        self.candidates = candidates
        self.innerFolds = innerFolds
    }

    /// The best candidate and every candidate's mean inner r (in `candidates` order; −∞ where r was undefined).
    /// `rows` are the outer training rows (global indices); inner splits never leave them.
    /// `targets` gives the (possibly group-standardized) targets, fitted on each inner training fold.
    public func best(rows: [Int], y: Matrix, featurize: Featurize, factory: ModelFactory, seed: UInt64,
                     targets: FoldTargets? = nil) throws -> (params: Params, scores: [Double]) {
        let targets = targets ?? FoldTargets(y)
        guard let first = candidates.first else { throw EvaluateError("grid search has no candidates") }
        if candidates.count == 1 { return (first, [.nan]) }
        let inner = try KFold(nSplits: innerFolds, shuffle: true, seed: seed).splits(rows: rows.count)
        var sums = [Double](repeating: 0, count: candidates.count)
        for (f, split) in inner.enumerated() {
            let train = split.train.map { rows[$0] }, test = split.test.map { rows[$0] }
            let foldSeed = SeededGenerator(seed: seed, stream: UInt64(f)).next0()
            let features = try featurize(train, test, foldSeed)
            let yTrain = targets.values(train: train, rows: train), yTest = targets.values(train: train, rows: test)
            let fits = try Self.fitAll(candidates.map(factory), features.train, yTrain, seed: foldSeed)
            for (c, fitted) in fits.enumerated() {
                let predicted = try fitted.predict(features.test)
                var total = 0.0
                for t in 0..<y.cols {
                    if let r = try? Metric.pearson(yTest.column(t), predicted.column(t)) {
                        total += r
                    } else {
                        total = -.infinity  // a constant prediction cannot win
                    }
                }
                sums[c] += total / Double(y.cols)
            }
        }
        let scores = sums.map { $0 / Double(inner.count) }
        var bestIndex = 0
        for c in scores.indices where scores[c] > scores[bestIndex] { bestIndex = c }
        guard scores[bestIndex] > -.infinity else {
            throw EvaluateError("grid search: every candidate predicts a constant in some inner fold, so none can be scored")
        }
        return (candidates[bestIndex], scores)
    }
}

extension GridSearch {
    /// Every candidate fitted on one inner fold's features: a ridge grid shares one centring and one XᵀX
    /// (`Ridge.fitPath`, the same fits); other models fit one by one.
    static func fitAll(_ models: [any Regressor], _ x: Matrix, _ y: Matrix, seed: UInt64) throws -> [any FittedRegressor] {
        if let path = try Ridge.fitPath(models, x, y) { return path }
        return try models.map { try $0.fit(x, y, seed: seed) }
    }
}

extension SeededGenerator {
    /// The first value of a fresh stream (a derived seed).
    func next0() -> UInt64 {
        var g = self
        return g.next()
    }
}
