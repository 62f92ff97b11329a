/// How missing numbers are filled (scikit-learn's `SimpleImputer(strategy=...)`).
public enum ImputeStrategy: String, Sendable, Codable, CaseIterable {
    case mean
    case median
    case mostFrequent = "most_frequent"
    case constant
}

/// Fills NaN cells column by column with a statistic of the training rows (scikit-learn's `SimpleImputer`).
///
/// A column with no observed value in the training rows fills with 0 (or `fillValue` for `.constant`), as
/// scikit-learn does with `keep_empty_features=True`; the column is kept so widths never depend on the fold.
public struct SimpleImputer: Sendable, Equatable {
    public var strategy: ImputeStrategy
    /// The value used by `.constant`.
    public var fillValue: Double

    public init(strategy: ImputeStrategy = .mean, fillValue: Double = 0) {
        self.strategy = strategy
        self.fillValue = fillValue
    }

    /// Fits one fill value per column (each array is one column's training values, NaN = missing).
    public func fit(columns: [[Double]]) -> FittedImputer {
        FittedImputer(statistics: columns.map { statistic(of: $0) },
                      missingCounts: columns.map { $0.reduce(0) { $0 + ($1.isNaN ? 1 : 0) } })
    }

    /// The fill value for one column.
    public func statistic(of values: [Double]) -> Double {
        if strategy == .constant { return fillValue }
        let observed = values.filter { !$0.isNaN }
        if observed.isEmpty { return 0 }
        switch strategy {
        case .mean:
            return observed.reduce(0, +) / Double(observed.count)
        case .median:
            let s = observed.sorted()
            let mid = s.count / 2
            return s.count % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
        case .mostFrequent:
            // The most frequent value; ties go to the smallest (as scikit-learn).
            let s = observed.sorted()
            var best = s[0], bestCount = 0, i = 0
            while i < s.count {
                var j = i
                while j < s.count && s[j] == s[i] { j += 1 }
                if j - i > bestCount { best = s[i]; bestCount = j - i }
                i = j
            }
            return best
        case .constant:
            return fillValue
        }
    }
}

/// Fitted fill values, one per column, plus how many cells were missing in the training rows.
public struct FittedImputer: Codable, Sendable, Equatable {
    /// The fill value per column (scikit-learn's `statistics_`).
    public var statistics: [Double]
    /// Missing cells per column in the training rows.
    public var missingCounts: [Int]

    public init(statistics: [Double], missingCounts: [Int]) {
        self.statistics = statistics
        self.missingCounts = missingCounts
    }

    /// Column `j` with its NaN cells replaced by the fitted value.
    public func transform(_ values: [Double], column j: Int) -> [Double] {
        let fill = statistics[j]
        return values.map { $0.isNaN ? fill : $0 }
    }
}
