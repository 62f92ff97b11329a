/// A report as a list of blocks, rendered to Markdown or HTML by `MarkdownWriter` / `HTMLWriter`.
///
/// The report's content is built once (see `ReportSections`) and written in both formats, so the
/// `.md` and `.html` reports always say the same thing.
struct Document {
    var blocks: [Block] = []

    mutating func heading(_ level: Int, _ text: String, id: String) { blocks.append(.heading(level: level, text: text, id: id)) }
    mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
    mutating func list(_ items: [String]) { if !items.isEmpty { blocks.append(.list(items)) } }
    mutating func table(_ table: Table) { blocks.append(.table(table)) }
    /// A figure; `half` figures are laid out two to a row in HTML.
    mutating func figure(_ svg: String, caption: String, half: Bool = false) { blocks.append(.figure(svg: svg, caption: caption, half: half)) }
    mutating func markdown(_ source: String) { blocks.append(.markdown(source)) }
    mutating func append(_ other: Document) { blocks += other.blocks }

    /// Headings up to `maxLevel`, in order, for a table of contents.
    func outline(maxLevel: Int) -> [(level: Int, text: String, id: String)] {
        blocks.compactMap { block in
            if case let .heading(level, text, id) = block, level <= maxLevel { return (level, text, id) }
            return nil
        }
    }
}

/// One unit of a report.
enum Block {
    /// A section heading; `id` is the HTML anchor.
    case heading(level: Int, text: String, id: String)
    /// Plain text (escaped in HTML, written as is in Markdown).
    case paragraph(String)
    case list([String])
    case table(Table)
    /// An inline SVG figure (HTML only; the Markdown report points to the HTML for figures).
    case figure(svg: String, caption: String, half: Bool)
    /// Author Markdown: verbatim in the `.md`, rendered through cmark in the `.html`.
    case markdown(String)
}

/// A plain table; columns listed in `numeric` are right-aligned.
struct Table {
    var header: [String]
    var rows: [[String]]
    var numeric: Set<Int> = []
}
