import Literate

/// Splits the workspace into the parts cmark renders and the pipe tables the report renders itself (Debian's
/// libcmark is plain CommonMark, without GitHub's table extension), using cmark's own parse of the document.
///
/// A table is looked for only inside a paragraph, so lines in fenced code, indented code and HTML blocks (such as
/// a table the author commented out) are never read as tables. A step's output block (between
/// `<!-- labbook:output STEP -->` and `<!-- labbook:end STEP -->`, as Literate found it after the step's block) is
/// marked by `outputStart` / `outputEnd` segments instead of its marker lines, so the page can set it apart.
enum WorkspaceBlocks {
    enum Segment: Equatable {
        /// Markdown for cmark, lines joined with `\n`.
        case markdown(String)
        case table(PipeTable)
        /// The start of the output labbook wrote for `step`.
        case outputStart(step: String)
        /// The end of the output block that was started last.
        case outputEnd
    }

    /// The document's segments, leaving out the lines in `skipping` (1-based, e.g. the title and the discussion).
    static func segments(of document: ExperimentDocument, skipping: [ClosedRange<Int>] = []) -> [Segment] {
        let lines = document.lines
        let texts = (0..<lines.count).map { lines.text($0) }
        var outputStarts: [Int: String] = [:], outputEnds: Set<Int> = []
        for step in document.stepBlocks {
            guard let region = step.output else { continue }
            outputStarts[region.startLine] = step.name
            outputEnds.insert(region.endLine)
        }
        let paragraphs = document.blocks.filter { $0.kind == .paragraph }
        var segments: [Segment] = [], pending: [String] = []
        func flush() {
            if !pending.isEmpty { segments.append(.markdown(pending.joined(separator: "\n"))) }
            pending = []
        }
        var line = 1
        while line <= lines.count {
            if skipping.contains(where: { $0.contains(line) }) {
                line += 1
                continue
            }
            if let step = outputStarts[line] {
                flush()
                segments.append(.outputStart(step: step))
            } else if outputEnds.contains(line) {
                flush()
                segments.append(.outputEnd)
            } else if let paragraph = paragraphs.first(where: { ($0.startLine...$0.endLine).contains(line) }),
                      let (table, count) = PipeTable.parse(Array(texts[(paragraph.startLine - 1)..<min(paragraph.endLine, lines.count)]),
                                                           at: line - paragraph.startLine) {
                flush()
                segments.append(.table(table))
                line += count
                continue
            } else {
                pending.append(texts[line - 1])
            }
            line += 1
        }
        flush()
        return segments
    }
}
