import Learn
import Linalg

/// k-fold cross-validation (scikit-learn's `KFold`): the first `n % k` folds get one extra row.
/// With `shuffle`, rows are permuted by labbook's own seeded generator (so folds differ from scikit-learn's).
public struct KFold: Sendable, Equatable {
    public var nSplits: Int
    public var shuffle: Bool
    public var seed: UInt64

    public init(nSplits: Int = 5, shuffle: Bool = true, seed: UInt64 = 0) {
        self.nSplits = nSplits
        self.shuffle = shuffle
        self.seed = seed
    }

    /// The splits of rows 0..<rows; test indices and train indices are each ascending.
    public func splits(rows: Int) throws -> [Split] {
        guard nSplits >= 2 else { throw EvaluateError("k-fold needs at least 2 folds, got \(nSplits)") }
        guard rows >= nSplits else {
            throw EvaluateError("k-fold with \(nSplits) folds needs at least \(nSplits) rows, got \(rows)")
        }
        var order = Array(0..<rows)
        if shuffle {
            var g = SeededGenerator(seed: seed)
            order = g.permutation(rows)
        }
        return splitsFromFoldIndex(FoldAssignment.contiguous(order: order, folds: nSplits), folds: nSplits)
    }
}

/// k-fold with whole groups on one side (scikit-learn's `GroupKFold` without shuffling): groups are taken
/// largest first (ties: the later group in code-point order first) and each goes to the fold with fewest rows
/// so far, exactly as scikit-learn assigns them.
public struct GroupKFold: Sendable, Equatable {
    public var nSplits: Int

    public init(nSplits: Int = 5) { self.nSplits = nSplits }

    /// The fold (0..<nSplits) each row is tested in.
    public func foldIndex(groups: [String]) throws -> [Int] {
        guard nSplits >= 2 else { throw EvaluateError("group k-fold needs at least 2 folds, got \(nSplits)") }
        let unique = Array(Set(groups)).sorted {
            $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value }
        }
        guard unique.count >= nSplits else {
            throw EvaluateError("group k-fold with \(nSplits) folds needs at least \(nSplits) distinct groups, "
                                + "got \(unique.count)")
        }
        var id: [String: Int] = [:]
        for (i, g) in unique.enumerated() { id[g] = i }
        let groupOfRow = groups.map { id[$0] ?? 0 }
        var sizes = [Int](repeating: 0, count: unique.count)
        for g in groupOfRow { sizes[g] += 1 }
        // A stable ascending sort, reversed: larger groups first, equal sizes by descending group index.
        let order = Array(sizes.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] < sizes[$1] : $0 < $1 }.reversed())
        var load = [Int](repeating: 0, count: nSplits)
        var foldOfGroup = [Int](repeating: 0, count: unique.count)
        for g in order {
            var lightest = 0
            for f in 1..<nSplits where load[f] < load[lightest] { lightest = f }
            load[lightest] += sizes[g]
            foldOfGroup[g] = lightest
        }
        return groupOfRow.map { foldOfGroup[$0] }
    }

    /// The splits, one per fold; indices ascending.
    public func splits(groups: [String]) throws -> [Split] {
        splitsFromFoldIndex(try foldIndex(groups: groups), folds: nSplits)
    }
}

/// A single split given by a column, e.g. Deezer's official `train` / `validation` / `test`:
/// rows whose value is in `trainValues` train, rows in `testValues` test, other rows are left out.
public struct PredefinedSplit: Sendable, Equatable {
    public var trainValues: Set<String>
    public var testValues: Set<String>

    public init(trainValues: Set<String> = ["train", "validation"], testValues: Set<String> = ["test"]) {
        self.trainValues = trainValues
        self.testValues = testValues
    }

    public func splits(column: [String?]) throws -> [Split] {
        let overlap = trainValues.intersection(testValues)
        guard overlap.isEmpty else {
            throw EvaluateError("predefined split: \(overlap.sorted()) are listed as both train and test values")
        }
        var train: [Int] = [], test: [Int] = []
        for (i, v) in column.enumerated() {
            guard let v else { continue }
            if trainValues.contains(v) { train.append(i) } else if testValues.contains(v) { test.append(i) }
        }
        let seen = Set(column.compactMap { $0 }).sorted()
        guard !train.isEmpty else {
            throw EvaluateError("predefined split: no rows have a train value \(trainValues.sorted()); the column has \(seen)")
        }
        guard !test.isEmpty else {
            throw EvaluateError("predefined split: no rows have a test value \(testValues.sorted()); the column has \(seen)")
        }
        return [Split(train: train, test: test)]
    }
}

/// Splits from a per-row fold number (rows with a fold outside 0..<folds are never tested nor trained on).
public func splitsFromFoldIndex(_ fold: [Int], folds: Int) -> [Split] {
    (0..<folds).map { f in
        var train: [Int] = [], test: [Int] = []
        for (i, g) in fold.enumerated() where g >= 0 && g < folds {
            if g == f { test.append(i) } else { train.append(i) }
        }
        return Split(train: train, test: test)
    }
}

/// One split per distinct group (scikit-learn's `LeaveOneGroupOut`): groups in sorted order (code points, as
/// `np.unique`), each group's rows are the test set once and every other row trains.
public struct LeaveOneGroupOut: Sendable, Equatable {
    public init() {}

    /// The distinct groups, in the order of the splits.
    public func groups(_ groups: [String]) -> [String] {
        Array(Set(groups)).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
    }

    public func splits(groups: [String]) throws -> [Split] {
        let unique = self.groups(groups)
        guard unique.count >= 2 else {
            throw EvaluateError("leave-one-group-out needs at least 2 distinct groups, got \(unique.count)")
        }
        var id: [String: Int] = [:]
        for (i, g) in unique.enumerated() { id[g] = i }
        return splitsFromFoldIndex(groups.map { id[$0] ?? -1 }, folds: unique.count)
    }
}
