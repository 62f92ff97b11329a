/// How a table column is aligned (from a pipe table's delimiter row, or numeric columns of a report table).
enum ColumnAlignment: Equatable {
    case none, left, center, right
}

/// A GitHub-style pipe table found in author Markdown: a header row starting with `|`, a delimiter row
/// (`---`, `:---`, `:---:`, `---:` cells, as many as the header has) and the rows after it that start with `|`.
///
/// Cells keep their Markdown source (with `\|` unescaped); they are rendered inline when written as HTML.
struct PipeTable: Equatable {
    var header: [String]
    var alignments: [ColumnAlignment]
    var rows: [[String]]

    /// Parses the table starting at `lines[start]`; returns it with the number of lines it spans, or nil if
    /// `lines[start]` does not start a pipe table.
    static func parse(_ lines: [String], at start: Int) -> (table: PipeTable, lineCount: Int)? {
        guard start + 1 < lines.count, let header = rowCells(lines[start]),
              let alignments = delimiterRow(lines[start + 1]), alignments.count == header.count else { return nil }
        var rows: [[String]] = []
        var index = start + 2
        while index < lines.count, let cells = rowCells(lines[index]) {
            // Like GitHub: missing cells are empty, extra cells are dropped.
            rows.append(Array((cells + Array(repeating: "", count: max(0, header.count - cells.count))).prefix(header.count)))
            index += 1
        }
        return (PipeTable(header: header, alignments: alignments, rows: rows), index - start)
    }

    /// The cells of a line that starts with `|` (after at most three spaces), or nil for any other line.
    static func rowCells(_ line: String) -> [String]? {
        guard let content = indentedAtMostThree(line), content.first == "|" else { return nil }
        var cells: [String] = [], cell = ""
        var chars = content.dropFirst()[...]
        var closed = false
        while let ch = chars.first {
            chars = chars.dropFirst()
            closed = false
            if ch == "\\", let next = chars.first {
                // `\|` is a literal pipe (even inside code spans); other escapes are left for the inline renderer.
                if next != "|" { cell.append(ch) }
                cell.append(next)
                chars = chars.dropFirst()
            } else if ch == "|" {
                cells.append(cell.trimmingBlanks())
                cell = ""
                closed = true
            } else {
                cell.append(ch)
            }
        }
        if !closed || !cell.trimmingBlanks().isEmpty { cells.append(cell.trimmingBlanks()) }
        return cells
    }

    /// The alignments of a delimiter row (`| --- | :---: | ---: |`, outer pipes optional), or nil.
    static func delimiterRow(_ line: String) -> [ColumnAlignment]? {
        guard let content = indentedAtMostThree(line), content.contains("|"), content.contains("-") else { return nil }
        var text = content.trimmingBlanks()[...]
        if text.first == "|" { text = text.dropFirst() }
        if text.last == "|" { text = text.dropLast() }
        var alignments: [ColumnAlignment] = []
        for part in text.split(separator: "|", omittingEmptySubsequences: false) {
            let cell = String(part).trimmingBlanks()
            let left = cell.hasPrefix(":"), right = cell.hasSuffix(":") && cell.count > 1
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return alignments
    }

    /// The line without its indentation if that is at most three spaces (more would make it a code block).
    private static func indentedAtMostThree(_ line: String) -> Substring? {
        var text = Substring(line)
        if text.last == "\r" { text = text.dropLast() }
        let indent = text.prefix { $0 == " " }.count
        guard indent <= 3, text.dropFirst(indent).first != "\t" else { return nil }
        return text.dropFirst(indent)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
