import Literate

/// Splits author Markdown into the parts cmark renders and the pipe tables the report renders itself
/// (Debian's libcmark is plain CommonMark, without GitHub's table extension).
///
/// Lines inside fenced code blocks and HTML comments (such as a table commented out by the author) are never read
/// as tables. A step's output block (between `<!-- labbook:output STEP -->` and `<!-- labbook:end STEP -->`) is
/// marked by `outputStart` / `outputEnd` segments instead of its marker lines, so the page can set it apart.
enum WorkspaceBlocks {
    enum Segment: Equatable {
        /// Markdown for cmark, lines joined with `\n`.
        case markdown(String)
        case table(PipeTable)
        /// The start of the output labbook wrote for `step` (only when its end marker follows).
        case outputStart(step: String)
        /// The end of the output block that was started last.
        case outputEnd
    }

    static func split(_ markdown: String) -> [Segment] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var segments: [Segment] = []
        var pending: [String] = []
        var fence: Fence? = nil
        var inComment = false
        var openOutput: String? = nil
        var index = 0
        func flush() {
            if !pending.isEmpty { segments.append(.markdown(pending.joined(separator: "\n"))) }
            pending = []
        }
        while index < lines.count {
            let line = lines[index]
            if let open = fence {
                if open.isClosed(by: line) { fence = nil }
            } else if inComment {
                if line.contains("-->") { inComment = false }
            } else if let open = Fence(opening: line) {
                fence = open
            } else if openOutput == nil, let step = outputStep(line),
                      lines[(index + 1)...].contains(where: { blockText($0)?.trimmingBlanks() == OutputMarker.end(step) }) {
                flush()
                segments.append(.outputStart(step: step))
                openOutput = step
                index += 1
                continue
            } else if let step = openOutput, blockText(line)?.trimmingBlanks() == OutputMarker.end(step) {
                flush()
                segments.append(.outputEnd)
                openOutput = nil
                index += 1
                continue
            } else if let text = blockText(line), text.hasPrefix("<!--") {
                inComment = !line.contains("-->")
            } else if let (table, count) = PipeTable.parse(lines, at: index) {
                flush()
                segments.append(.table(table))
                index += count
                continue
            }
            pending.append(line)
            index += 1
        }
        flush()
        if openOutput != nil { segments.append(.outputEnd) }
        return segments
    }

    /// The step named by an output start marker line (`<!-- labbook:output STEP -->`), or nil.
    static func outputStep(_ line: String) -> String? {
        guard let text = blockText(line)?.trimmingBlanks(), text.hasPrefix("<!-- labbook:output "), text.hasSuffix(" -->") else {
            return nil
        }
        let step = String(text.dropFirst("<!-- labbook:output ".count).dropLast(" -->".count))
        return !step.isEmpty && OutputMarker.start(step) == text ? step : nil
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
