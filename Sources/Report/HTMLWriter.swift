import Literate

/// Writes a `Document` as an HTML fragment (author Markdown through cmark).
public enum HTMLWriter {
    static func render(_ document: Document) -> String {
        var out: [String] = []
        var inRow = false
        for block in document.blocks {
            let half: Bool
            if case let .figure(figure) = block { half = figure.half } else { half = false }
            if half && !inRow { out.append("<div class=\"figure-row\">") }
            if !half && inRow { out.append("</div>") }
            inRow = half
            switch block {
            case let .heading(level, text, id):
                let h = max(1, min(level, 6))
                let part = h == 2 ? " class=\"part\"" : ""
                out.append("<h\(h) id=\"\(escape(id))\"\(part)>\(escape(text))</h\(h)>")
            case let .paragraph(text):
                out.append("<p>\(MarkdownHTML.renderInline(text))</p>")
            case let .list(items):
                out.append("<ul>\n" + items.map { "<li>\(MarkdownHTML.renderInline($0))</li>" }.joined(separator: "\n") + "\n</ul>")
            case let .table(table):
                out.append(renderTable(table))
            case let .figure(figure):
                out.append(self.figure(figure))
            case let .markdown(source):
                out.append(OfflineHTML.neutralizeRemoteImages(MarkdownHTML.render(source)).trimmingTrailingNewlines())
            }
        }
        if inRow { out.append("</div>") }
        return out.joined(separator: "\n") + "\n"
    }

    /// A figure with its SVG inline and its caption (inline Markdown: code spans become `<code>`).
    /// A plot with a narrow redraw shows the one that fits the screen (CSS only); any plot wider than the screen
    /// keeps its size and scrolls, so its labels never shrink.
    static func figure(_ figure: Figure) -> String {
        let drawing = figure.narrowSVG.map { "<div class=\"chart-box chart-wide\">\n\(figure.svg)\n</div>\n"
            + "<div class=\"chart-box chart-narrow\">\n\($0)\n</div>" } ?? "<div class=\"chart-box\">\n\(figure.svg)\n</div>"
        return "<figure id=\"figure-\(escape(String(figure.name.dropLast(4))))\">\n\(drawing)\n"
            + "<figcaption>\(MarkdownHTML.renderInline(figure.caption))</figcaption>\n</figure>"
    }

    static func renderTable(_ table: Table) -> String {
        let cell: (String) -> String = table.inlineMarkdown ? MarkdownHTML.renderInline : escape
        return renderTable(header: table.header.map(escape), rows: table.rows.map { $0.map(cell) },
                    alignments: table.header.indices.map { table.numeric.contains($0) ? .right : .none })
    }

    /// The table writer behind every HTML table: cells are HTML already (escaped or rendered inline);
    /// right-aligned columns get the numeric style, centred ones `class="center"`.
    static func renderTable(header: [String], rows: [[String]], alignments: [ColumnAlignment]) -> String {
        func cells(_ values: [String], tag: String) -> String {
            values.enumerated().map { i, html in
                let cls: String
                switch i < alignments.count ? alignments[i] : .none {
                case .right: cls = " class=\"num\""
                case .center: cls = " class=\"center\""
                case .left, .none: cls = ""
                }
                return "<\(tag)\(cls)>\(html)</\(tag)>"
            }.joined()
        }
        var lines = ["<div class=\"table\"><table>", "<thead><tr>\(cells(header, tag: "th"))</tr></thead>", "<tbody>"]
        lines += rows.map { "<tr>\(cells($0, tag: "td"))</tr>" }
        lines += ["</tbody>", "</table></div>"]
        return lines.joined(separator: "\n")
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
