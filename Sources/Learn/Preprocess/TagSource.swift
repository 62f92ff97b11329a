import Foundation
import Frame

/// Where each row's tags come from: one or several columns, their tags united per row. A list column gives its
/// elements; a text column gives its value split at `separator` (every piece trimmed of spaces and tabs, empty
/// pieces dropped), or the whole trimmed value as one tag without a separator. A row is missing (nil) only when
/// every column is missing there.
public struct TagSource: Codable, Sendable, Equatable {
    public var columns: [String]
    public var separator: String?

    public init(columns: [String], separator: String? = nil) {
        self.columns = columns
        self.separator = separator
    }

    /// The name that prefixes feature names: the column, or the columns joined by `+`.
    public var name: String { columns.joined(separator: "+") }

    /// Every row's tags, in first-seen order without repeats.
    public func lists(_ frame: DataFrame) throws -> [[String]?] {
        let parts = try columns.map { try tags(of: $0, in: frame) }
        if parts.count == 1 { return parts[0] }
        return (0..<frame.rowCount).map { r in
            var present = false
            var seen: Set<String> = []
            var out: [String] = []
            for part in parts {
                guard let tags = part[r] else { continue }
                present = true
                for tag in tags where seen.insert(tag).inserted { out.append(tag) }
            }
            return present ? out : nil
        }
    }

    private func tags(of name: String, in frame: DataFrame) throws -> [[String]?] {
        guard let column = frame[name] else { throw FrameError.missingColumn(name, available: frame.names) }
        switch column {
        case .list(let cells): return cells
        case .text(let cells):
            var cache: [String: [String]] = [:]
            return cells.map { cell in
                guard let cell else { return nil }
                if let hit = cache[cell] { return hit }
                let tags = split(cell)
                cache[cell] = tags
                return tags
            }
        case .numeric:
            throw FrameError.wrongKind(column: name, expected: "list or text", got: "numeric")
        }
    }

    /// `" rock; pop ;; "` with separator `;` → `["rock", "pop"]`.
    func split(_ text: String) -> [String] {
        let pieces = separator.map { text.components(separatedBy: $0) } ?? [text]
        var seen: Set<String> = []
        return pieces.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
