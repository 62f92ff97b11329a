import Foundation
import Literate

/// The workspace part of the HTML report: author Markdown through cmark (safe mode), pipe tables through the
/// report's own table writer, and an id on every heading so the table of contents can link to it.
struct WorkspaceHTML {
    /// A workspace heading, for the table of contents.
    struct Heading: Equatable {
        var level: Int
        /// The heading's text as HTML (inline tags removed, entities kept escaped).
        var textHTML: String
        var id: String
    }

    /// The rendered fragment.
    var html: String
    /// The headings in document order.
    var headings: [Heading] = []

    /// Renders Markdown text (all of it, a leading title included).
    init(_ markdown: String, idPrefix: String = "workspace-") {
        self.init(WorkspaceBlocks.segments(of: ExperimentDocument(bytes: Array(markdown.utf8), fileName: "")),
                  idPrefix: idPrefix)
    }

    /// Renders the workspace's segments; heading ids are `idPrefix` followed by the heading's slug (made unique).
    init(_ segments: [WorkspaceBlocks.Segment], idPrefix: String = "workspace-") {
        var parts: [String] = []
        var used: Set<String> = []
        var headings: [Heading] = []
        for segment in segments {
            switch segment {
            case let .markdown(source):
                guard source.contains(where: { !$0.isWhitespace }) else { continue }
                let rendered = MarkdownHTML.render(source).trimmingTrailingNewlines()
                parts.append(Self.identifyHeadings(rendered, idPrefix: idPrefix, used: &used, headings: &headings))
            case let .table(table):
                parts.append(HTMLWriter.renderTable(header: table.header.map(MarkdownHTML.renderInline),
                                                    rows: table.rows.map { $0.map(MarkdownHTML.renderInline) },
                                                    alignments: table.alignments))
            case let .outputStart(step):
                let name = HTMLWriter.escape(step)
                parts.append("<div class=\"step-output\" role=\"group\" aria-label=\"Output of step \(name)\">\n"
                    + "<p class=\"step-output-label\">output of step <code>\(name)</code></p>")
            case .outputEnd:
                parts.append("</div>")
            }
        }
        html = OfflineHTML.neutralizeRemoteImages(parts.joined(separator: "\n"))
        self.headings = headings
    }

    private static let headingTag = try? NSRegularExpression(pattern: "<h([1-6])>([\\s\\S]*?)</h\\1>")
    private static let anyTag = try? NSRegularExpression(pattern: "<[^>]*>")

    /// Adds `id="…"` to cmark's `<hN>` tags (cmark escapes `<` in text and drops raw HTML, so every `<hN>` is a heading).
    static func identifyHeadings(_ html: String, idPrefix: String, used: inout Set<String>, headings: inout [Heading]) -> String {
        guard let headingTag, html.contains("<h") else { return html }
        let ns = html as NSString
        var out = "", cursor = 0
        for match in headingTag.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let level = Int(ns.substring(with: match.range(at: 1))) ?? 2
            let inner = ns.substring(with: match.range(at: 2))
            let text = plainHTML(inner)
            var id = idPrefix + slug(decodeEntities(text)), n = 2
            while used.contains(id) { id = idPrefix + slug(decodeEntities(text)) + "-\(n)"; n += 1 }
            used.insert(id)
            headings.append(Heading(level: level, textHTML: text, id: id))
            out += ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
            out += "<h\(level) id=\"\(id)\">\(inner)</h\(level)>"
            cursor = match.range.location + match.range.length
        }
        return out + ns.substring(from: cursor)
    }

    /// HTML with its tags removed and blanks collapsed (still escaped text).
    static func plainHTML(_ html: String) -> String {
        let stripped = anyTag.map { $0.stringByReplacingMatches(in: html, range: NSRange(html.startIndex..., in: html), withTemplate: "") } ?? html
        return stripped.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    /// The four entities cmark writes for text.
    static func decodeEntities(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Lowercase letters and digits, other runs of characters become one `-`: "Data & cleaning" gives "data-cleaning".
    static func slug(_ text: String) -> String {
        var out = "", gap = false
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber {
                if gap && !out.isEmpty { out.append("-") }
                out.append(ch)
                gap = false
            } else {
                gap = true
            }
        }
        return out.isEmpty ? "section" : out
    }
}
