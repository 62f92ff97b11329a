/// One column of a `DataFrame`. Missing values: `.nan` for numbers, `nil` for text and lists.
public enum Column: Sendable, Equatable {
    case numeric([Double])
    case text([String?])
    /// List-of-strings cells, e.g. Spotify genre tags parsed from `['dance pop', 'pop']`.
    case list([[String]?])

    public var count: Int {
        switch self {
        case .numeric(let v): v.count
        case .text(let v): v.count
        case .list(let v): v.count
        }
    }

    /// Number of missing cells.
    public var missingCount: Int {
        switch self {
        case .numeric(let v): v.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case .text(let v): v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        case .list(let v): v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        }
    }

    /// The column's kind as users write it in configs: `numeric`, `text` or `list`.
    public var kindName: String {
        switch self {
        case .numeric: "numeric"
        case .text: "text"
        case .list: "list"
        }
    }

    /// The cells at `indices`, in that order.
    public func selecting(_ indices: [Int]) -> Column {
        switch self {
        case .numeric(let v): .numeric(indices.map { v[$0] })
        case .text(let v): .text(indices.map { v[$0] })
        case .list(let v): .list(indices.map { v[$0] })
        }
    }
}

/// A small column store: named columns of equal length.
public struct DataFrame: Sendable, Equatable {
    public private(set) var names: [String]
    public private(set) var columns: [Column]
    public private(set) var rowCount: Int

    public init() {
        names = []
        columns = []
        rowCount = 0
    }

    /// Builds a frame from (name, column) pairs; all columns must have the same length and distinct names.
    public init(_ pairs: [(String, Column)]) throws {
        self.init()
        for (name, column) in pairs { try append(name, column) }
    }

    public var columnCount: Int { names.count }

    public func index(of name: String) -> Int? { names.firstIndex(of: name) }

    public subscript(name: String) -> Column? {
        index(of: name).map { columns[$0] }
    }

    /// Adds a column at the end.
    public mutating func append(_ name: String, _ column: Column) throws {
        if names.contains(name) { throw FrameError.duplicateColumn(name) }
        if !columns.isEmpty && column.count != rowCount {
            throw FrameError.lengthMismatch(column: name, expected: rowCount, got: column.count)
        }
        if columns.isEmpty { rowCount = column.count }
        names.append(name)
        columns.append(column)
    }

    /// Replaces the column called `name` (same length) or appends it.
    public mutating func set(_ name: String, _ column: Column) throws {
        if let i = index(of: name) {
            if column.count != rowCount { throw FrameError.lengthMismatch(column: name, expected: rowCount, got: column.count) }
            columns[i] = column
        } else {
            try append(name, column)
        }
    }

    public mutating func remove(_ name: String) {
        guard let i = index(of: name) else { return }
        names.remove(at: i)
        columns.remove(at: i)
        if columns.isEmpty { rowCount = 0 }
    }

    public mutating func rename(_ old: String, to new: String) throws {
        guard let i = index(of: old) else { throw FrameError.missingColumn(old, available: names) }
        if old == new { return }
        if names.contains(new) { throw FrameError.duplicateColumn(new) }
        names[i] = new
    }

    /// The rows at `indices`, in that order.
    public func selectingRows(_ indices: [Int]) -> DataFrame {
        var out = self
        out.columns = columns.map { $0.selecting(indices) }
        out.rowCount = indices.count
        return out
    }

    /// The numeric column `name`, or an error naming what exists.
    public func numeric(_ name: String) throws -> [Double] {
        guard let c = self[name] else { throw FrameError.missingColumn(name, available: names) }
        guard case .numeric(let v) = c else { throw FrameError.wrongKind(column: name, expected: "numeric", got: c.kindName) }
        return v
    }

    /// The text column `name`, or an error naming what exists.
    public func text(_ name: String) throws -> [String?] {
        guard let c = self[name] else { throw FrameError.missingColumn(name, available: names) }
        guard case .text(let v) = c else { throw FrameError.wrongKind(column: name, expected: "text", got: c.kindName) }
        return v
    }

    /// The list column `name`, or an error naming what exists.
    public func list(_ name: String) throws -> [[String]?] {
        guard let c = self[name] else { throw FrameError.missingColumn(name, available: names) }
        guard case .list(let v) = c else { throw FrameError.wrongKind(column: name, expected: "list", got: c.kindName) }
        return v
    }
}

/// Errors about frame structure (not about parsing files: see the CSV reader's errors).
public enum FrameError: Error, Equatable, CustomStringConvertible {
    case duplicateColumn(String)
    case lengthMismatch(column: String, expected: Int, got: Int)
    case missingColumn(String, available: [String])
    case wrongKind(column: String, expected: String, got: String)

    public var description: String {
        switch self {
        case .duplicateColumn(let n): "duplicate column `\(n)`"
        case .lengthMismatch(let n, let e, let g): "column `\(n)` has \(g) rows, expected \(e)"
        case .missingColumn(let n, let available): "no column `\(n)` (columns: \(available.joined(separator: ", ")))"
        case .wrongKind(let n, let e, let g): "column `\(n)` is \(g), expected \(e)"
        }
    }
}
