import Linalg

/// Shrinkage of a category's target mean toward the global mean (scikit-learn's `TargetEncoder(smooth=)`).
public enum TargetSmoothing: Sendable, Equatable, Codable {
    /// Empirical Bayes: weight λ = n·σ²_y / (n·σ²_y + σ²_category), so noisy or rare categories are shrunk most.
    case auto
    /// A fixed prior weight m: (sum + m · mean) / (count + m).
    case fixed(Double)
}

/// Target encoding of text columns with scikit-learn's `TargetEncoder` semantics for a continuous target:
/// each category is replaced by its shrunk mean target (one column per target), missing cells are a category
/// of their own, and categories not seen in the training rows get the training mean.
///
/// Training rows are encoded by internal cross-fitting (`cv` folds, as `TargetEncoder.fit_transform`), so no
/// training row's feature is computed from its own target; held-out and new rows use the table fitted on every
/// training row (`FittedCategoryTargetEncoder.encode`).
public struct CategoryTargetEncoding: Sendable, Equatable {
    public var columns: [String]
    public var smooth: TargetSmoothing
    public var cv: Int
    /// Names for the output columns (`<column>_te_<target>`); targets are numbered when empty.
    public var targetNames: [String]

    public init(columns: [String], smooth: TargetSmoothing = .auto, cv: Int = 5, targetNames: [String] = []) {
        self.columns = columns
        self.smooth = smooth
        self.cv = cv
        self.targetNames = targetNames
    }

    /// The encoding table from `values` (one array per column, row i of each belongs to row i of `targets`).
    public func fitTable(values: [[String?]], targets: Matrix) throws -> FittedCategoryTargetEncoder {
        try checkShapes(values, targets)
        let all = Array(0..<targets.rows)
        let stats = TargetStatistics(targets, rows: all)
        let tables = values.map { column -> CategoryTable in
            let coded = CategoryCodes(column)
            let encodings = stats.encodings(codes: coded.codes, categories: coded.categories.count, rows: all, smooth: smooth)
            return CategoryTable(categories: coded.categories, encodings: encodings.map { $0 ?? stats.means })
        }
        let names = (0..<targets.cols).map { $0 < targetNames.count ? targetNames[$0] : "target\($0 + 1)" }
        return FittedCategoryTargetEncoder(columns: columns, targetNames: names, tables: tables, targetMeans: stats.means)
    }

    private func checkShapes(_ values: [[String?]], _ targets: Matrix) throws {
        guard values.count == columns.count, values.allSatisfy({ $0.count == targets.rows }), targets.rows > 0 else {
            throw LearnError("target encoding needs one target row per training row (\(values.first?.count ?? 0) rows, "
                             + "\(targets.rows) targets)")
        }
        guard !targets.hasNonFinite else { throw LearnError("target encoding: targets contain missing or infinite values") }
    }

    /// Out-of-fold encodings of the training rows with a seeded shuffled `cv`-fold assignment, or whole groups
    /// per fold when `groups` (one per row) are given.
    public func crossFitted(values: [[String?]], targets: Matrix, seed: UInt64, groups: [String?]? = nil) throws -> [[Double]] {
        let n = targets.rows, k = max(2, min(cv, n))
        if let fold = CrossFitting.groupFolds(groups, k: k, seed: seed) {
            return try crossFitted(values: values, targets: targets, folds: fold)
        }
        var rng = SeededGenerator(seed: seed, stream: 0x5445)
        let order = rng.permutation(n)
        var fold = [Int](repeating: 0, count: n)
        for (position, row) in order.enumerated() { fold[row] = position * k / n }
        return try crossFitted(values: values, targets: targets, folds: fold)
    }

    /// Out-of-fold encodings of the training rows for a given fold of each row (columns in `featureNames` order):
    /// each fold's rows are encoded by a table fitted on the other folds (its own mean and variance).
    public func crossFitted(values: [[String?]], targets: Matrix, folds fold: [Int]) throws -> [[Double]] {
        try checkShapes(values, targets)
        let n = targets.rows, t = targets.cols
        guard fold.count == n else { throw LearnError("target encoding: \(fold.count) fold labels for \(n) rows") }
        let coded = values.map(CategoryCodes.init)
        var out = Array(repeating: [Double](repeating: 0, count: n), count: columns.count * t)
        for f in Set(fold).sorted() {
            let inside = (0..<n).filter { fold[$0] != f }, held = (0..<n).filter { fold[$0] == f }
            if inside.isEmpty {
                throw LearnError("target encoding: a cross-fitting fold leaves no training rows; use more rows or folds")
            }
            let stats = TargetStatistics(targets, rows: inside)
            for (j, column) in coded.enumerated() {
                let encodings = stats.encodings(codes: column.codes, categories: column.categories.count, rows: inside,
                                                smooth: smooth)
                for row in held {
                    let e = encodings[column.codes[row]] ?? stats.means
                    for c in 0..<t { out[j * t + c][row] = e[c] }
                }
            }
        }
        return out
    }

    static func precedes(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): false
        case (nil, _): true
        case (_, nil): false
        case let (x?, y?): x < y
        }
    }
}

/// A column's values as integer codes of its sorted distinct values (missing first).
struct CategoryCodes {
    let categories: [String?]
    let codes: [Int]

    init(_ column: [String?]) {
        var index: [String?: Int] = [:], order: [String?] = []
        var first = [Int](repeating: 0, count: column.count)
        for (i, value) in column.enumerated() {
            if let k = index[value] { first[i] = k } else {
                index[value] = order.count
                first[i] = order.count
                order.append(value)
            }
        }
        let sorted = order.indices.sorted { CategoryTargetEncoding.precedes(order[$0], order[$1]) }
        var rank = [Int](repeating: 0, count: order.count)
        for (position, k) in sorted.enumerated() { rank[k] = position }
        categories = sorted.map { order[$0] }
        codes = first.map { rank[$0] }
    }
}

/// The target mean and (population) variance over some rows, and per-category encodings from them.
struct TargetStatistics {
    let targets: Matrix
    let means: [Double]
    let variances: [Double]

    init(_ targets: Matrix, rows: [Int]) {
        self.targets = targets
        let n = Double(rows.count)
        means = (0..<targets.cols).map { c in rows.reduce(0) { $0 + targets[$1, c] } / n }
        variances = (0..<targets.cols).map { [means] c in
            rows.reduce(0) { acc, r in let d = targets[r, c] - means[c]; return acc + d * d } / n
        }
    }

    /// Per category code, its encoding per target over `rows` (nil for a category with no row there).
    func encodings(codes: [Int], categories m: Int, rows: [Int], smooth: TargetSmoothing) -> [[Double]?] {
        let t = targets.cols
        var counts = [Int](repeating: 0, count: m)
        for r in rows { counts[codes[r]] += 1 }
        var out: [[Double]?] = counts.map { $0 > 0 ? [Double](repeating: 0, count: t) : nil }
        for c in 0..<t {
            var sums = [Double](repeating: 0, count: m)
            for r in rows { sums[codes[r]] += targets[r, c] }
            var squares = [Double](repeating: 0, count: m)
            for r in rows {
                let k = codes[r], d = targets[r, c] - sums[k] / Double(counts[k])
                squares[k] += d * d
            }
            for k in 0..<m where counts[k] > 0 {
                out[k]?[c] = Self.encoding(count: counts[k], sum: sums[k], squares: squares[k], mean: means[c],
                                           variance: variances[c], smooth: smooth)
            }
        }
        return out
    }

    static func encoding(count: Int, sum: Double, squares: Double, mean: Double, variance: Double,
                         smooth: TargetSmoothing) -> Double {
        let n = Double(count)
        switch smooth {
        case .fixed(let m):
            return (sum + m * mean) / (n + m)
        case .auto:
            let lambda = variance * n / (variance * n + squares / n)
            return lambda.isNaN ? mean : lambda * (sum / n) + (1 - lambda) * mean
        }
    }
}

/// One column's categories and their encodings (`encodings[category][target]`).
public struct CategoryTable: Codable, Sendable, Equatable {
    /// Sorted; `nil` is the missing-value category.
    public var categories: [String?]
    public var encodings: [[Double]]
}

/// A fitted category → shrunk target mean table per column.
public struct FittedCategoryTargetEncoder: Codable, Sendable, Equatable {
    public var columns: [String]
    public var targetNames: [String]
    public var tables: [CategoryTable]
    /// The training mean of each target: the encoding of unseen categories.
    public var targetMeans: [Double]

    /// `<column>_te_<target>` per column, then per target.
    public var featureNames: [String] {
        columns.flatMap { column in targetNames.map { "\(column)_te_\($0)" } }
    }

    /// One output column per column and target (in `featureNames` order) for rows with these `values`
    /// (one array per column).
    public func encode(_ values: [[String?]]) -> [[Double]] {
        var out: [[Double]] = []
        for (table, column) in zip(tables, values) {
            let index = Dictionary(uniqueKeysWithValues: table.categories.enumerated().map { ($1, $0) })
            for c in targetMeans.indices {
                out.append(column.map { value in index[value].map { table.encodings[$0][c] } ?? targetMeans[c] })
            }
        }
        return out
    }
}

/// Folds for cross-fitting target statistics inside a training fold.
enum CrossFitting {
    /// With `groups` (one per training row), every group's rows share a fold (groups dealt to `k` folds in a seeded
    /// order), so that training rows are encoded the way rows of unseen groups are; nil without groups or with
    /// fewer than two groups.
    static func groupFolds(_ groups: [String?]?, k: Int, seed: UInt64) -> [Int]? {
        guard let groups else { return nil }
        let distinct = Array(Set(groups)).sorted { CategoryTargetEncoding.precedes($0, $1) }
        guard distinct.count >= 2 else { return nil }
        var rng = SeededGenerator(seed: seed, stream: 0x4746)
        let folds = min(k, distinct.count)
        var foldOf: [String?: Int] = [:]
        for (position, g) in rng.permutation(distinct.count).enumerated() { foldOf[distinct[g]] = position % folds }
        return groups.map { foldOf[$0] ?? 0 }
    }
}
