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
        let coded = TagCodes(lists)
        let table = statistics(coded, targets: targets, rows: Array(0..<lists.count))
        let names = (0..<targets.cols).map { $0 < targetNames.count ? targetNames[$0] : "target\($0 + 1)" }
        return FittedTagTargetEncoder(column: column, targetNames: names, tags: table.kept.map { coded.tags[$0] },
                                      means: table.means, globalMeans: table.global, source: source)
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
        // Tags are coded once for every fold: each fold's table is the one `fitTable` would fit on its rows.
        let coded = TagCodes(lists)
        var out = Array(repeating: Array(repeating: 0.0, count: n), count: targets.cols)
        for f in 0..<k {
            let inside = (0..<n).filter { fold[$0] != f }, held = (0..<n).filter { fold[$0] == f }
            if held.isEmpty || inside.isEmpty { continue }
            let table = statistics(coded, targets: targets, rows: inside)
            for row in held {
                for c in 0..<targets.cols { out[c][row] = table.encode(coded.codes[row], target: c) }
            }
        }
        return out
    }

    /// The smoothed table of the tags in at least `minCount` of `rows` (increasing), fitted on those rows' targets.
    /// Sums run over rows in order and encodings over tags in sorted order, as in `FittedTagTargetEncoder.encode`.
    private func statistics(_ coded: TagCodes, targets: Matrix, rows: [Int]) -> TagStatistics {
        let t = targets.cols, tagCount = coded.tags.count
        var global = [Double](repeating: 0, count: t)
        for c in 0..<t {
            for r in rows { global[c] += targets[r, c] }
            global[c] /= Double(rows.count)
        }
        var counts = [Int](repeating: 0, count: tagCount), sums = [Double](repeating: 0, count: tagCount * t)
        for r in rows {
            for code in coded.codes[r] {
                counts[code] += 1
                for c in 0..<t { sums[code * t + c] += targets[r, c] }
            }
        }
        var position = [Int](repeating: -1, count: tagCount), kept: [Int] = [], means: [[Double]] = []
        for code in 0..<tagCount where counts[code] >= max(1, minCount) {
            position[code] = kept.count
            kept.append(code)
            let n = Double(counts[code])
            means.append((0..<t).map { (sums[code * t + $0] + smoothing * global[$0]) / (n + smoothing) })
        }
        return TagStatistics(kept: kept, position: position, means: means, global: global)
    }
}

/// Every row's distinct tags as codes into `tags`, which are sorted: codes sort as the tags do.
struct TagCodes {
    let tags: [String]
    /// Per row, its distinct tags' codes in increasing order (empty for a missing list).
    let codes: [[Int]]

    init(_ lists: [[String]?]) {
        var distinct = Set<String>()
        for list in lists { if let list { distinct.formUnion(list) } }
        tags = distinct.sorted()
        let code = Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1, $0) })
        codes = lists.map { list in
            var row = (list ?? []).compactMap { code[$0] }
            row.sort()
            var distinct: [Int] = []
            for c in row where c != distinct.last { distinct.append(c) }
            return distinct
        }
    }
}

/// A tag target table over `TagCodes`: the kept codes (sorted), each code's position among them, smoothed means.
struct TagStatistics {
    let kept: [Int]
    /// −1 for a code below `minCount`.
    let position: [Int]
    let means: [[Double]]
    let global: [Double]

    /// Target `c`'s encoding of a row with these (increasing) codes: the mean over its kept tags, else the global mean.
    func encode(_ codes: [Int], target c: Int) -> Double {
        var sum = 0.0, known = 0
        for code in codes where position[code] >= 0 {
            sum += means[position[code]][c]
            known += 1
        }
        return known == 0 ? global[c] : sum / Double(known)
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
