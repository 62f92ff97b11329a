/// A test on one column's cells, for keeping rows (pandas' `isin`, `~isin`, `notna`, `between`).
///
/// - `in` / `notIn` compare text cells exactly; numeric cells compare as numbers (`"3"` matches 3.0); a list
///   cell is "in" when any of its elements is listed. A missing cell is never `in`, and is kept by `notIn`.
/// - `range` keeps numbers with `min ≤ x ≤ max` (either bound optional); missing cells are dropped.
public enum RowCondition: Sendable, Equatable {
    case isIn([String])
    case notIn([String])
    case notMissing
    case range(min: Double?, max: Double?)

    /// `Genre in [Rock, Pop]`, `year between 1990 and 2000`, ...
    public var description: String {
        switch self {
        case .isIn(let values): "in [\(values.joined(separator: ", "))]"
        case .notIn(let values): "not in [\(values.joined(separator: ", "))]"
        case .notMissing: "not missing"
        case .range(let lo?, let hi?): "between \(Self.number(lo)) and \(Self.number(hi))"
        case .range(let lo?, nil): "≥ \(Self.number(lo))"
        case .range(nil, let hi?): "≤ \(Self.number(hi))"
        case .range(nil, nil): "any number"
        }
    }

    private static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }

    /// Whether each cell of `column` passes. Throws when the condition cannot apply to the column's kind
    /// (a range on text, or an `in` list with a non-number for a numeric column).
    public func passes(_ column: Column) throws -> [Bool] {
        switch (self, column) {
        case (.notMissing, .numeric(let v)): return v.map { !$0.isNaN }
        case (.notMissing, .text(let v)): return v.map { $0 != nil }
        case (.notMissing, .list(let v)): return v.map { $0 != nil }
        case (.range(let lo, let hi), .numeric(let v)):
            return v.map { x in !x.isNaN && (lo.map { x >= $0 } ?? true) && (hi.map { x <= $0 } ?? true) }
        case (.range, _):
            throw RowConditionError.needsNumbers(kind: column.kindName)
        case (.isIn(let values), _), (.notIn(let values), _):
            let keep = if case .isIn = self { true } else { false }
            let hit = try Self.membership(values, column)
            return hit.map { h in h.map { $0 == keep } ?? !keep }
        }
    }

    /// The listed values (of `in` / `not_in`) that no cell of `column` holds: usually a typo or untrimmed data.
    public func unseenValues(_ column: Column) -> [String] {
        switch self {
        case .isIn(let values), .notIn(let values): Self.unseen(values, column)
        case .notMissing, .range: []
        }
    }

    private static func unseen(_ values: [String], _ column: Column) -> [String] {
        switch column {
        case .text(let cells):
            let present = Set(cells.compactMap { $0 })
            return values.filter { !present.contains($0) }
        case .list(let cells):
            let present = Set(cells.flatMap { $0 ?? [] })
            return values.filter { !present.contains($0) }
        case .numeric(let cells):
            let present = Set(cells.filter { !$0.isNaN })
            return values.filter { Double($0).map { !present.contains($0) } ?? true }
        }
    }

    /// Per cell: listed or not; nil when the cell is missing.
    private static func membership(_ values: [String], _ column: Column) throws -> [Bool?] {
        switch column {
        case .text(let cells):
            let set = Set(values)
            return cells.map { $0.map(set.contains) }
        case .list(let cells):
            let set = Set(values)
            return cells.map { $0.map { $0.contains(where: set.contains) } }
        case .numeric(let cells):
            let numbers = try values.map { text -> Double in
                guard let x = Double(text) else { throw RowConditionError.notANumber(text) }
                return x
            }
            let set = Set(numbers)
            return cells.map { $0.isNaN ? nil : set.contains($0) }
        }
    }
}

/// Why a condition cannot apply to a column.
public enum RowConditionError: Error, Equatable, CustomStringConvertible {
    case needsNumbers(kind: String)
    case notANumber(String)

    public var description: String {
        switch self {
        case .needsNumbers(let kind): "a range needs a numeric column; this one is \(kind)"
        case .notANumber(let text): "`\(text)` is not a number, and this column is numeric"
        }
    }
}

/// A condition of `filteringRows` that cannot apply: `condition` is its index in the list given.
public struct RowFilterError: Error, Equatable, CustomStringConvertible {
    public var condition: Int
    public var message: String
    public init(condition: Int, message: String) {
        self.condition = condition
        self.message = message
    }
    public var description: String { message }
}

/// Rows dropped by one condition.
public struct RowFilterStep: Sendable, Equatable {
    public var column: String
    public var condition: RowCondition
    /// Rows this condition dropped among those the earlier conditions kept.
    public var dropped: Int
    /// Values listed by `in` / `not_in` that no row of the column holds (before any filtering).
    public var unseen: [String] = []
}

extension DataFrame {
    /// The rows passing every condition (in order; each counts what it drops among the rows still kept), their
    /// indices in this frame (ascending), and per-condition counts. Throws `RowFilterError` naming the condition
    /// that cannot apply.
    public func filteringRows(_ conditions: [(column: String, condition: RowCondition)]) throws
        -> (frame: DataFrame, rows: [Int], steps: [RowFilterStep]) {
        var keep = [Bool](repeating: true, count: rowCount)
        var steps: [RowFilterStep] = []
        for (index, (name, condition)) in conditions.enumerated() {
            guard let column = self[name] else {
                throw RowFilterError(condition: index, message: FrameError.missingColumn(name, available: names).description)
            }
            let passes: [Bool]
            do {
                passes = try condition.passes(column)
            } catch {
                throw RowFilterError(condition: index, message: "column `\(name)`: \(error)")
            }
            var dropped = 0
            for r in 0..<rowCount where keep[r] && !passes[r] {
                keep[r] = false
                dropped += 1
            }
            steps.append(RowFilterStep(column: name, condition: condition, dropped: dropped, unseen: condition.unseenValues(column)))
        }
        let rows = keep.indices.filter { keep[$0] }
        return (selectingRows(rows), rows, steps)
    }
}
