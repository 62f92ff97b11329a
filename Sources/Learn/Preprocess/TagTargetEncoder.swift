import Linalg

/// Tag target encoding: for each tag in at least `minCount` training rows, the mean of each target over the
/// training rows having it, smoothed towards the global mean: `(sum + smoothing · globalMean) / (count + smoothing)`.
/// A row's feature (one per target) is the mean over its encoded tags, or the global mean when it has none
/// (missing tag lists included).
///
/// Training rows are encoded out-of-fold (`folds`-fold cross-fitting, as scikit-learn's `TargetEncoder.fit_transform`)
/// so that no training row's feature is computed from its own target: use `CleanPipeline.fitTransform` for the
/// training matrix. `FittedCleanPipeline.transform` uses the table fitted on all training rows, which is right for
/// held-out and new rows.
public struct TagTargetEncoding: Sendable, Equatable {
    public var minCount: Int
    public var smoothing: Double
    public var folds: Int
    /// Names for the output columns (`<tag column>_te_<name>`); targets are numbered when empty.
    public var targetNames: [String]

    public init(minCount: Int = 5, smoothing: Double = 10, folds: Int = 5, targetNames: [String] = []) {
        self.minCount = minCount
        self.smoothing = smoothing
        self.folds = folds
        self.targetNames = targetNames
    }

    /// The encoding table from `lists` and `targets` (row i of `targets` belongs to `lists[i]`).
    public func fitTable(column: String, lists: [[String]?], targets: Matrix,
                         source: TagSource? = nil) throws -> FittedTagTargetEncoder {
        guard lists.count == targets.rows, !lists.isEmpty else {
            throw LearnError("tag target encoding needs one target row per training row (\(lists.count) rows, \(targets.rows) targets)")
        }
        guard !targets.hasNonFinite else { throw LearnError("tag target encoding: targets contain missing or infinite values") }
        let t = targets.cols
        let global = (0..<t).map { c in targets.column(c).reduce(0, +) / Double(targets.rows) }
        var sums: [String: [Double]] = [:], counts: [String: Int] = [:]
        for (i, list) in lists.enumerated() {
            guard let list else { continue }
            for tag in Set(list) {
                counts[tag, default: 0] += 1
                var s = sums[tag] ?? Array(repeating: 0, count: t)
                for c in 0..<t { s[c] += targets[i, c] }
                sums[tag] = s
            }
        }
        let tags = counts.filter { $0.value >= max(1, minCount) }.keys.sorted()
        let means = tags.map { tag -> [Double] in
            let n = Double(counts[tag] ?? 0), s = sums[tag] ?? []
            return (0..<t).map { (s[$0] + smoothing * global[$0]) / (n + smoothing) }
        }
        let names = (0..<t).map { $0 < targetNames.count ? targetNames[$0] : "target\($0 + 1)" }
        return FittedTagTargetEncoder(column: column, targetNames: names, tags: tags, means: means, globalMeans: global,
                                      source: source)
    }

    /// Out-of-fold encodings of the training rows (columns: one per target).
    /// With `groups` (one per row), whole groups share a fold.
    func crossFitted(column: String, lists: [[String]?], targets: Matrix, seed: UInt64,
                     groups: [String?]? = nil) throws -> [[Double]] {
        let n = lists.count, k = max(2, min(folds, n))
        var fold = [Int](repeating: 0, count: n)
        if let grouped = CrossFitting.groupFolds(groups, k: k, seed: seed) {
            fold = grouped
        } else {
            var rng = SeededGenerator(seed: seed, stream: 0x5445)
            let order = rng.permutation(n)
            for (position, row) in order.enumerated() { fold[row] = position % k }
        }
        var out = Array(repeating: Array(repeating: 0.0, count: n), count: targets.cols)
        for f in 0..<k {
            let inside = (0..<n).filter { fold[$0] != f }, held = (0..<n).filter { fold[$0] == f }
            if held.isEmpty || inside.isEmpty { continue }
            let table = try fitTable(column: column, lists: inside.map { lists[$0] }, targets: targets.selectingRows(inside))
            let encoded = table.encode(held.map { lists[$0] })
            for c in 0..<targets.cols { for (j, row) in held.enumerated() { out[c][row] = encoded[c][j] } }
        }
        return out
    }
}

/// A fitted tag → target-mean table.
public struct FittedTagTargetEncoder: Codable, Sendable, Equatable {
    public var column: String
    public var targetNames: [String]
    public var tags: [String]
    /// `means[tag][target]`, smoothed.
    public var means: [[Double]]
    public var globalMeans: [Double]
    /// The columns and separator the tags were read with; nil (models saved before it existed) means the list column `column`.
    public var source: TagSource?

    /// How to read each row's tags.
    public var tagSource: TagSource { source ?? TagSource(columns: [column]) }

    public var featureNames: [String] { targetNames.map { "\(column)_te_\($0)" } }

    /// One column per target: the mean encoding over each row's known tags (global mean when none).
    public func encode(_ lists: [[String]?]) -> [[Double]] {
        let index = Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1, $0) })
        var out = globalMeans.map { Array(repeating: $0, count: lists.count) }
        for (i, list) in lists.enumerated() {
            let known = Set(list ?? []).compactMap { index[$0] }.sorted()  // fixed order: sums must not depend on hashing
            if known.isEmpty { continue }
            for c in globalMeans.indices {
                out[c][i] = known.reduce(0) { $0 + means[$1][c] } / Double(known.count)
            }
        }
        return out
    }
}
