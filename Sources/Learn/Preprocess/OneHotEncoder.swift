import Frame

/// What to do with a category not seen in the training rows (scikit-learn's `handle_unknown`).
public enum UnknownCategory: String, Sendable, Codable, CaseIterable {
    /// Encode as an all-zero row.
    case ignore
    /// Throw an error naming the column and value.
    case error
}

/// One-hot encoding of text columns; categories are the training rows' distinct values, sorted.
/// Missing cells encode as all-zero rows.
public struct CategoricalSpec: Sendable, Equatable {
    public var columns: [String]
    public var handleUnknown: UnknownCategory

    public init(columns: [String], handleUnknown: UnknownCategory = .ignore) {
        self.columns = columns
        self.handleUnknown = handleUnknown
    }

    public func fit(_ frame: DataFrame, rows: [Int]) throws -> FittedOneHot {
        let categories = try columns.map { name in
            let all = try frame.text(name)
            return Array(Set(rows.compactMap { all[$0] })).sorted()
        }
        return FittedOneHot(columns: columns, categories: categories, handleUnknown: handleUnknown)
    }
}

/// Fitted categories per column.
public struct FittedOneHot: Codable, Sendable, Equatable {
    public var columns: [String]
    public var categories: [[String]]
    public var handleUnknown: UnknownCategory

    /// `<column>=<category>` for every category of every column.
    public var featureNames: [String] {
        zip(columns, categories).flatMap { name, cats in cats.map { "\(name)=\($0)" } }
    }

    /// The 0/1 indicator columns, in `featureNames` order.
    public func transform(_ frame: DataFrame, rows: [Int]) throws -> [[Double]] {
        var out: [[Double]] = []
        for (name, cats) in zip(columns, categories) {
            let all = try frame.text(name)
            let index = Dictionary(uniqueKeysWithValues: cats.enumerated().map { ($1, $0) })
            var block = Array(repeating: Array(repeating: 0.0, count: rows.count), count: cats.count)
            for (i, r) in rows.enumerated() {
                guard let value = all[r] else { continue }
                if let k = index[value] {
                    block[k][i] = 1
                } else if handleUnknown == .error {
                    throw LearnError("column `\(name)` has category `\(value)` (row \(r)) not seen in the training rows; "
                                     + "set handle_unknown: ignore to encode it as zeros")
                }
            }
            out.append(contentsOf: block)
        }
        return out
    }
}
