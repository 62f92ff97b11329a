import Runner
import Config
import Frame

/// The load step's `where:` block: per column, the conditions a row must meet to be kept, all combined with AND,
/// applied after the join and before `select` / `rename` (so names are those of the joined table):
///
/// ```yaml
/// where:
///   Genre: {in: [Rock, Pop]}          # also not_in: [...]; a list column matches when any element is listed
///   valence: {not_missing: true}
///   year: {min: 1990, max: 2000}      # inclusive; either bound may be left out
/// ```
///
/// Columns keep their file order; within a column the order is in, not_in, not_missing, min/max.
public struct RowFilterConfig: Decodable, Sendable, Equatable {
    public var columns: [ColumnFilter]

    public init(columns: [ColumnFilter]) { self.columns = columns }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        columns = try c.allKeys.map { key in
            var filter = try c.decode(ColumnFilter.self, forKey: key)
            filter.column = key.stringValue
            return filter
        }
    }

    /// The conditions in the order they apply, each with the config path of its key (for error positions).
    public var conditions: [(column: String, condition: RowCondition, path: String)] {
        columns.flatMap { f in f.conditions.map { (f.column, $0.condition, "where.\(f.column).\($0.key)") } }
    }

    /// Data-free checks: every column has a condition, lists are not empty, bounds are ordered numbers.
    func check() throws {
        var errors: [ConfigError] = []
        if columns.isEmpty { errors.append(ConfigError(path: "where", "`where` lists no column: remove it or add a condition")) }
        for f in columns {
            let path = "where.\(f.column)"
            if f.isIn == nil && f.notIn == nil && f.notMissing == nil && f.min == nil && f.max == nil {
                errors.append(ConfigError(path: path, "`\(path)` has no condition: give in, not_in, not_missing, min or max"))
            }
            for (key, list) in [("in", f.isIn), ("not_in", f.notIn)] where list?.isEmpty == true {
                errors.append(ConfigError(path: "\(path).\(key)", "`\(path).\(key)` is an empty list: list at least one value"))
            }
            if f.notMissing == false {
                errors.append(ConfigError(path: "\(path).not_missing",
                    "`\(path).not_missing: false` keeps every row: write `not_missing: true` or remove it"))
            }
            for (key, bound) in [("min", f.min), ("max", f.max)] where bound.map({ !$0.isFinite }) == true {
                errors.append(ConfigError(path: "\(path).\(key)", "`\(path).\(key)` must be a finite number"))
            }
            if let lo = f.min, let hi = f.max, lo > hi {
                errors.append(ConfigError(path: "\(path).min", "`\(path)`: min \(lo) is above max \(hi), so no row could pass"))
            }
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
    }
}

/// The conditions on one column of a `where:` block.
public struct ColumnFilter: Decodable, Sendable, Equatable {
    public var column: String
    public var isIn: [String]?
    public var notIn: [String]?
    public var notMissing: Bool?
    public var min: Double?
    public var max: Double?

    public init(column: String, isIn: [String]? = nil, notIn: [String]? = nil, notMissing: Bool? = nil,
                min: Double? = nil, max: Double? = nil) {
        self.column = column
        self.isIn = isIn
        self.notIn = notIn
        self.notMissing = notMissing
        self.min = min
        self.max = max
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case isIn = "in", notIn = "not_in", notMissing = "not_missing", min, max
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        column = ""
        isIn = try c.decodeIfPresent([String].self, forKey: .isIn)
        notIn = try c.decodeIfPresent([String].self, forKey: .notIn)
        notMissing = try c.decodeIfPresent(Bool.self, forKey: .notMissing)
        min = try c.decodeIfPresent(Double.self, forKey: .min)
        max = try c.decodeIfPresent(Double.self, forKey: .max)
    }

    /// The conditions with the key each came from (`min`/`max` together as one range, keyed by the first given).
    var conditions: [(key: String, condition: RowCondition)] {
        var out: [(String, RowCondition)] = []
        if let isIn { out.append(("in", .isIn(isIn))) }
        if let notIn { out.append(("not_in", .notIn(notIn))) }
        if notMissing == true { out.append(("not_missing", .notMissing)) }
        if min != nil || max != nil { out.append((min != nil ? "min" : "max", .range(min: min, max: max))) }
        return out
    }
}
