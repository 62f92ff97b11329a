/// A report as a list of blocks, rendered to Markdown or HTML by `MarkdownWriter` / `HTMLWriter`.
///
/// The report's content is built once and written in both formats, so the `.md` and `.html` reports always say the
/// same thing; each step's summary (`StepSummary`) is also the step's output block in the experiment file.
struct Document {
    var blocks: [Block] = []

    mutating func heading(_ level: Int, _ text: String, id: String) { blocks.append(.heading(level: level, text: text, id: id)) }
    mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
    mutating func list(_ items: [String]) { if !items.isEmpty { blocks.append(.list(items)) } }
    mutating func table(_ table: Table) { blocks.append(.table(table)) }
    /// A figure made by `step`, saved as `reports/EXPERIMENT/NAME.svg`; `half` figures are laid out two to a row in HTML.
    mutating func figure(_ svg: String, narrow: String? = nil, name: String, step: String, caption: String, half: Bool = false) {
        var file = Figure.fileName(name), n = 1
        let taken = Set(figures.map(\.name))
        while taken.contains(file) { n += 1; file = Figure.fileName("\(name)-\(n)") }
        blocks.append(.figure(Figure(name: file, step: step, svg: svg, narrowSVG: narrow, caption: caption, half: half)))
    }

    /// Removes the figures named in `names`.
    mutating func removeFigures(_ names: Set<String>) {
        blocks.removeAll { if case let .figure(f) = $0 { return names.contains(f.name) } else { return false } }
    }
    mutating func markdown(_ source: String) { blocks.append(.markdown(source)) }
    /// A warning as a Markdown quote (`> **Warning:** text`).
    mutating func warnings(_ texts: [String]?) { for text in texts ?? [] { markdown("> **Warning:** \(text)") } }
    mutating func append(_ other: Document) { blocks += other.blocks }

    /// Every figure, in order.
    var figures: [Figure] {
        blocks.compactMap { if case let .figure(f) = $0 { return f } else { return nil } }
    }

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
    /// A figure: inline SVG in HTML, an image link to its SVG file in Markdown.
    case figure(Figure)
    /// Author Markdown: verbatim in the `.md`, rendered through cmark in the `.html`.
    case markdown(String)
}

/// A plain table; columns listed in `numeric` are right-aligned. Cells are plain text, or inline Markdown
/// (code spans, emphasis) when `inlineMarkdown` is set: written as is in Markdown, rendered inline in HTML.
struct Table {
    var header: [String]
    var rows: [[String]]
    var numeric: Set<Int> = []
    var inlineMarkdown = false
}

/// A plot: drawn once, inlined in the HTML report and saved as `reports/EXPERIMENT/NAME` for Markdown viewers.
public struct Figure: Sendable, Equatable {
    /// The file name, e.g. `cluster-elbow.svg`: stable across runs, made of `a-z`, `0-9`, `-` and `_`.
    public var name: String
    /// The step whose output block shows the figure (`load`, `clean`, `cluster`, `evaluate`).
    public var step: String
    /// The `<svg>` element (with its namespace, so the same bytes are a standalone SVG file).
    public var svg: String
    /// The same plot redrawn for narrow screens (HTML only), for plots too wide to scale down legibly.
    var narrowSVG: String?
    public var caption: String
    var half = false

    /// `name` as a file name: lower case, every other character than letters, digits, `-` and `_` replaced by `-`.
    static func fileName(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        return String(name.lowercased().map { allowed.contains($0) ? $0 : "-" }) + ".svg"
    }

    /// The caption as Markdown image alt text (brackets escaped, on one line).
    var altText: String {
        caption.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "[", with: "\\[")
            .replacingOccurrences(of: "]", with: "\\]").replacingOccurrences(of: "\n", with: " ")
    }

    /// The Markdown image of this figure, its file under `folder` (a relative path ending in `/`).
    public func markdownImage(folder: String) -> String { "![\(altText)](\(folder)\(name))" }
}
