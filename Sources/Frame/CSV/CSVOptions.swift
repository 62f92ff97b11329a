/// The kind of a column as written in configs: `numeric`, `text` or `list`.
public enum ColumnKind: String, Sendable, Codable, CaseIterable {
    /// Doubles, NaN for missing.
    case numeric
    /// Strings, nil for missing.
    case text
    /// Python-style list literals such as `['dance pop', 'pop']`, parsed into `[String]`.
    case list
}

/// What to do with a record whose number of fields differs from the header's.
public enum RaggedRows: String, Sendable, Codable, CaseIterable {
    /// Stop with `PATH:LINE: error: ...` naming the first such record.
    case error
    /// Drop such records and count them (`CSVTable.skippedLines`).
    case skip
}

/// How to read a CSV file.
///
/// Column kinds are inferred: a column is numeric when every non-empty field parses as a decimal number,
/// a list when every non-empty field is a list literal, text otherwise. `types` overrides the inference.
public struct CSVOptions: Sendable, Equatable {
    /// Kind overrides by column name.
    public var types: [String: ColumnKind]
    public var raggedRows: RaggedRows
    /// Strip leading and trailing spaces and tabs from text fields (numbers are always trimmed).
    public var trimWhitespace: Bool
    /// Number of parallel chunks per window; nil chooses from the window size and the core count.
    public var chunks: Int?
    /// Bytes read at a time (`CSVReader` streams the file in windows of about this size, each ending at a
    /// record end); nil is `CSVReader.defaultWindowBytes`. The table does not depend on it.
    public var windowBytes: Int?
    /// Undeclared columns known not to be wholly numeric (set when windows disagree about a column's kind):
    /// inferred as a list or text only.
    var notNumeric: Set<String> = []

    public init(types: [String: ColumnKind] = [:], raggedRows: RaggedRows = .error,
                trimWhitespace: Bool = false, chunks: Int? = nil, windowBytes: Int? = nil) {
        self.types = types
        self.raggedRows = raggedRows
        self.trimWhitespace = trimWhitespace
        self.chunks = chunks
        self.windowBytes = windowBytes
    }

    /// Whether column `name` may be inferred (or is declared) numeric.
    func mayBeNumeric(_ name: String) -> Bool {
        switch types[name] {
        case .numeric?: true
        case nil: !notNumeric.contains(name)
        default: false
        }
    }
}

/// A parsed CSV file: the frame plus what was skipped.
public struct CSVTable: Sendable, Equatable {
    public var frame: DataFrame
    /// Physical line numbers (1-based) of ragged records that were skipped, in file order.
    public var skippedLines: [Int]
    /// The physical line each frame row starts on.
    public var rowLines: [Int]
}
