import Literate

/// The experiment's Markdown split into the workspace and the author's own `## Discussion` section, read from
/// cmark's parse of the document (Literate): headings, fences and HTML blocks are what cmark says they are.
struct Workspace {
    let document: ExperimentDocument
    /// The lines of the author's `## Discussion` section, its heading included.
    let discussionLines: ClosedRange<Int>?
    /// The lines of the title heading, when the document starts with a level-1 heading.
    let titleLines: ClosedRange<Int>?

    init(_ document: ExperimentDocument) {
        self.document = document
        let sections = document.blocks.filter { $0.isTopLevel && ($0.heading?.level ?? 3) <= 2 }
        if let index = sections.firstIndex(where: { $0.heading?.level == 2 && $0.heading?.text.lowercased() == "discussion" }) {
            let end = index + 1 < sections.count ? sections[index + 1].startLine - 1 : document.lines.count
            discussionLines = sections[index].startLine...max(sections[index].startLine, end)
        } else {
            discussionLines = nil
        }
        titleLines = document.blocks.first.flatMap { first in
            first.isTopLevel && first.heading?.level == 1 ? first.startLine...first.endLine : nil
        }
    }

    /// The text of the first level-1 heading, if the document starts with one.
    var title: String? { titleLines == nil ? nil : document.blocks.first?.heading?.text }

    /// The experiment text without the author's discussion section.
    var markdown: String { text(without: [discussionLines].compactMap { $0 }) }

    /// The workspace's parts for the HTML page, without the leading title (the page shows it itself) and the
    /// discussion.
    var segmentsWithoutTitle: [WorkspaceBlocks.Segment] {
        WorkspaceBlocks.segments(of: document, skipping: [titleLines, discussionLines].compactMap { $0 })
    }

    /// The body of the author's `## Discussion` section (without its heading), if it has any text.
    var authorDiscussion: String? {
        guard let section = discussionLines,
              let heading = document.blocks.first(where: { $0.startLine == section.lowerBound }) else { return nil }
        let lines = document.lines
        guard heading.endLine < section.upperBound else { return nil }
        var body = lines.bytes[lines.starts[heading.endLine]..<lines.ends[section.upperBound - 1]]
        while let first = body.first, first == 0x0A || first == 0x0D { body = body.dropFirst() }
        while let last = body.last, last == 0x0A || last == 0x0D { body = body.dropLast() }
        return body.isEmpty ? nil : String(decoding: body, as: UTF8.self)
    }

    /// The steps whose output block (`<!-- labbook:output STEP -->`) the workspace shows.
    var stepsWithOutput: Set<String> {
        Set(document.stepBlocks.compactMap { step in
            guard let region = step.output, !(discussionLines?.contains(region.startLine) ?? false) else { return nil }
            return step.name
        })
    }

    /// The document's bytes without the given lines (each with its line ending). When the removed lines end the
    /// file, the line ending before them goes too: the text then ends with its last kept line.
    private func text(without removed: [ClosedRange<Int>]) -> String {
        let lines = document.lines
        var out: [UInt8] = [], cursor = 0
        for range in removed.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound <= lines.count {
            let start = lines.starts[range.lowerBound - 1]
            if start > cursor { out += lines.bytes[cursor..<start] }
            cursor = max(cursor, lines.ends[min(range.upperBound, lines.count) - 1])
        }
        out += lines.bytes[cursor...]
        if let last = removed.map(\.upperBound).max(), last >= lines.count {
            if out.last == 0x0A { out.removeLast() }
            if out.last == 0x0D { out.removeLast() }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
