import Linalg

/// The target values a fold works with: the raw targets, or targets z-scored within the groups of a column
/// (label normalization per group, e.g. per corpus when corpora are annotated on different scales).
///
/// Statistics are fitted on a fold's training rows only: `values(train:rows:)` gives the targets of `rows` as a
/// model fitted on `train` sees them. A group with at least two training rows and a non-zero spread is
/// standardized with its training mean and standard deviation (population sd, as scikit-learn's
/// `StandardScaler`). A group the training rows do not describe (absent, one row, or constant) is standardized
/// with the mean and sd of its own rows among `rows`: an unseen corpus's labels are put on the z scale of that
/// corpus, which leaves its within-group r unchanged; a group with a single row or constant values is only centred.
public struct FoldTargets: Sendable {
    public let y: Matrix
    /// Per target: each row's group when that target is standardized within groups, else nil (raw values).
    public let groups: [[String]?]

    public init(_ y: Matrix, groups: [[String]?]? = nil) {
        self.y = y
        self.groups = groups ?? [[String]?](repeating: nil, count: y.cols)
        precondition(self.groups.count == y.cols, "one grouping (or nil) per target")
    }

    public var standardizesAny: Bool { groups.contains { $0 != nil } }

    /// Targets of `rows` (rows.count × targets), standardized with statistics of `train` where configured.
    public func values(train: [Int], rows: [Int]) -> Matrix {
        var out = y.selectingRows(rows)
        for (t, grouping) in groups.enumerated() {
            guard let grouping else { continue }
            let fitted = Self.stats(y: y, column: t, groups: grouping, rows: train)
            let own = Self.stats(y: y, column: t, groups: grouping, rows: rows)
            for (i, r) in rows.enumerated() {
                let g = grouping[r]
                let s = fitted[g].flatMap { $0.usable ? $0 : nil } ?? own[g] ?? GroupStats(mean: 0, sd: 1, count: 0)
                out[i, t] = (y[r, t] - s.mean) / (s.usable ? s.sd : 1)
            }
        }
        return out
    }

    /// Target `t`'s mean and sd per group described by `train` (nil when the target is not standardized).
    public func groupStatistics(train: [Int], target t: Int) -> [String: [Double]]? {
        guard let grouping = groups[t] else { return nil }
        var out: [String: [Double]] = [:]
        for (g, s) in Self.stats(y: y, column: t, groups: grouping, rows: train) where s.usable { out[g] = [s.mean, s.sd] }
        return out
    }

    /// The groups of target `t`'s column that appear in `rows` but are not described by `train`.
    public func unseenGroups(train: [Int], rows: [Int], target t: Int) -> [String] {
        guard let grouping = groups[t] else { return [] }
        let fitted = Self.stats(y: y, column: t, groups: grouping, rows: train)
        return Set(rows.map { grouping[$0] }).filter { fitted[$0]?.usable != true }.sorted()
    }

    struct GroupStats {
        var mean: Double
        var sd: Double
        var count: Int
        var usable: Bool { count >= 2 && sd > 0 }
    }

    static func stats(y: Matrix, column t: Int, groups: [String], rows: [Int]) -> [String: GroupStats] {
        var sums: [String: (n: Int, sum: Double)] = [:]
        for r in rows { sums[groups[r], default: (0, 0)].n += 1; sums[groups[r], default: (0, 0)].sum += y[r, t] }
        var squares: [String: Double] = [:]
        for r in rows {
            guard let s = sums[groups[r]] else { continue }
            let d = y[r, t] - s.sum / Double(s.n)
            squares[groups[r], default: 0] += d * d
        }
        var out: [String: GroupStats] = [:]
        for (g, s) in sums {
            out[g] = GroupStats(mean: s.sum / Double(s.n), sd: ((squares[g] ?? 0) / Double(s.n)).squareRoot(), count: s.n)
        }
        return out
    }
}
