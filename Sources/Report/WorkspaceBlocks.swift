/// Splits author Markdown into the parts cmark renders and the pipe tables the report renders itself
/// (Debian's libcmark is plain CommonMark, without GitHub's table extension).
///
/// Lines inside fenced code blocks and HTML comments (such as the `<!-- labbook:output STEP -->` markers, or a
/// table commented out by the author) are never read as tables.
enum WorkspaceBlocks {
    enum Segment: Equatable {
        /// Markdown for cmark, lines joined with `\n`.
        case markdown(String)
        case table(PipeTable)
    }

    static func split(_ markdown: String) -> [Segment] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var segments: [Segment] = []
        var pending: [String] = []
        var fence: Fence? = nil
        var inComment = false
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if let open = fence {
                if open.isClosed(by: line) { fence = nil }
            } else if inComment {
                if line.contains("-->") { inComment = false }
            } else if let open = Fence(opening: line) {
                fence = open
            } else if let text = blockText(line), text.hasPrefix("<!--") {
                inComment = !line.contains("-->")
            } else if let (table, count) = PipeTable.parse(lines, at: index) {
                if !pending.isEmpty { segments.append(.markdown(pending.joined(separator: "\n"))) }
                pending = []
                segments.append(.table(table))
                index += count
                continue
            }
            pending.append(line)
            index += 1
        }
        if !pending.isEmpty { segments.append(.markdown(pending.joined(separator: "\n"))) }
        return segments
    }

    /// The line after its indentation (at most three spaces, or it is indented code), without a trailing `\r`.
    static func blockText(_ line: String) -> Substring? {
        var text = Substring(line)
        if text.last == "\r" { text = text.dropLast() }
        let indent = text.prefix { $0 == " " }.count
        return indent <= 3 ? text.dropFirst(indent) : nil
    }

    /// An open fenced code block: its character (backtick or tilde) and length.
    struct Fence: Equatable {
        var character: Character
        var length: Int

        /// The fence a line opens (three or more backticks or tildes; a backtick fence's info string has no backtick).
        init?(opening line: String) {
            guard let text = WorkspaceBlocks.blockText(line), let first = text.first, first == "`" || first == "~" else { return nil }
            let run = text.prefix { $0 == first }.count
            guard run >= 3, first == "~" || !text.dropFirst(run).contains("`") else { return nil }
            character = first
            length = run
        }

        /// Whether `line` closes this fence: the same character at least as many times, then only blanks.
        func isClosed(by line: String) -> Bool {
            guard let text = WorkspaceBlocks.blockText(line) else { return false }
            let run = text.prefix { $0 == character }.count
            return run >= length && text.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
        }
    }
}
