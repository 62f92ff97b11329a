/// How rows without a match are treated.
public enum JoinKind: String, Sendable, Codable, CaseIterable {
    /// Every left row is kept; unmatched rows get missing values in the right columns.
    case left
    /// Only left rows with a match are kept.
    case inner
}

/// A pair of key columns: `left` in the left frame equals `right` in the right frame.
public struct JoinKey: Sendable, Equatable {
    public var left: String
    public var right: String
    public init(left: String, right: String) {
        self.left = left
        self.right = right
    }
}

/// How to join two frames.
public struct JoinOptions: Sendable, Equatable {
    public var keys: [JoinKey]
    public var kind: JoinKind
    public var normalization: Set<KeyNormalization>
    /// Appended to right-side column names that clash with a left column (e.g. `valence` → `valence_spotify`).
    public var suffix: String
    /// Name of an optional numeric 1/0 column saying whether the row found a match.
    public var indicator: String?

    public init(keys: [JoinKey], kind: JoinKind = .left, normalization: Set<KeyNormalization> = [],
                suffix: String = "_right", indicator: String? = nil) {
        self.keys = keys
        self.kind = kind
        self.normalization = normalization
        self.suffix = suffix
        self.indicator = indicator
    }
}

/// What a join did.
public struct JoinReport: Sendable, Equatable {
    public var leftRows: Int
    public var rightRows: Int
    /// Left rows that found a right row.
    public var matchedRows: Int
    /// Right rows dropped because an earlier right row had the same normalized key.
    public var rightDuplicatesDropped: Int
    /// Right columns renamed because of a clash, as (from, to).
    public var renamed: [(from: String, to: String)]
    /// Output rows without a match (left joins), ascending.
    public var unmatchedRows: [Int] = []
    /// Per left row (in the left frame's order): did it find a right row.
    public var leftMatched: [Bool] = []

    public static func == (a: JoinReport, b: JoinReport) -> Bool {
        a.leftRows == b.leftRows && a.rightRows == b.rightRows && a.matchedRows == b.matchedRows
            && a.rightDuplicatesDropped == b.rightDuplicatesDropped
            && a.renamed.map(\.from) == b.renamed.map(\.from) && a.renamed.map(\.to) == b.renamed.map(\.to)
            && a.leftMatched == b.leftMatched
    }
}

extension DataFrame {
    /// Joins `right` onto this frame by equal normalized keys: all left columns, then all right columns (those
    /// whose names clash with a left column get `options.suffix`). For duplicate keys on the right the first
    /// row wins and the others are counted. Missing keys never match.
    public func joined(with right: DataFrame, options: JoinOptions) throws -> (frame: DataFrame, report: JoinReport) {
        guard !options.keys.isEmpty else { throw JoinError.noKeys }
        let leftKeys = try keyStrings(options.keys.map(\.left), options.normalization)
        let rightKeys = try right.keyStrings(options.keys.map(\.right), options.normalization)
        var firstRow: [String: Int] = [:]
        firstRow.reserveCapacity(right.rowCount)
        var dropped = 0
        for (r, key) in rightKeys.enumerated() {
            guard let key else { continue }
            if firstRow[key] == nil { firstRow[key] = r } else { dropped += 1 }
        }
        var leftRows: [Int] = []
        var rightRows: [Int] = []
        var matched = 0
        var leftMatched = [Bool](repeating: false, count: rowCount)
        for (l, key) in leftKeys.enumerated() {
            let r = key.flatMap { firstRow[$0] } ?? -1
            if r >= 0 {
                matched += 1
                leftMatched[l] = true
            }
            if r >= 0 || options.kind == .left {
                leftRows.append(l)
                rightRows.append(r)
            }
        }
        var out = selectingRows(leftRows)
        var renamed: [(from: String, to: String)] = []
        for (name, column) in zip(right.names, right.columns) {
            var target = name
            if names.contains(name) {
                target = name + options.suffix
                if names.contains(target) || right.names.contains(target) { throw JoinError.suffixClash(column: name, renamed: target) }
                renamed.append((name, target))
            }
            try out.append(target, column.selecting(orMissing: rightRows))
        }
        if let indicator = options.indicator {
            if out.index(of: indicator) != nil { throw FrameError.duplicateColumn(indicator) }
            try out.append(indicator, .numeric(rightRows.map { $0 >= 0 ? 1 : 0 }))
        }
        let report = JoinReport(leftRows: rowCount, rightRows: right.rowCount, matchedRows: matched,
                                rightDuplicatesDropped: dropped, renamed: renamed,
                                unmatchedRows: rightRows.indices.filter { rightRows[$0] < 0 }, leftMatched: leftMatched)
        return (out, report)
    }

    /// The normalized composite key of every row; nil when any part is missing or normalizes to "".
    func keyStrings(_ columns: [String], _ normalization: Set<KeyNormalization>) throws -> [String?] {
        let parts: [[String?]] = try columns.map { name in
            guard let column = self[name] else { throw FrameError.missingColumn(name, available: names) }
            let raw: [String?]
            switch column {
            case .text(let v): raw = v
            case .numeric(let v): raw = v.map { $0.isNaN ? nil : ($0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String($0)) }
            case .list: throw FrameError.wrongKind(column: name, expected: "text or numeric", got: "list")
            }
            var cache: [String: String] = [:]
            return raw.map { cell in
                guard let cell else { return nil }
                if let hit = cache[cell] { return hit.isEmpty ? nil : hit }
                let key = KeyNormalization.apply(normalization, to: cell)
                cache[cell] = key
                return key.isEmpty ? nil : key
            }
        }
        return (0..<rowCount).map { r in
            var pieces: [String] = []
            for part in parts {
                guard let p = part[r] else { return nil }
                pieces.append(p)
            }
            return pieces.joined(separator: "\u{1F}")
        }
    }
}

/// Errors of `DataFrame.joined(with:options:)`.
public enum JoinError: Error, Equatable, CustomStringConvertible {
    case noKeys
    case suffixClash(column: String, renamed: String)

    public var description: String {
        switch self {
        case .noKeys: "a join needs at least one pair of key columns"
        case .suffixClash(let c, let r):
            "the right-side column `\(c)` clashes with a left column, and its suffixed name `\(r)` is taken too: choose another suffix"
        }
    }
}
