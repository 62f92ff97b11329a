/// Writes a `Document` as CommonMark (pipe tables for tables; figures become images of their SVG files in `figureFolder`).
enum MarkdownWriter {
    static func render(_ document: Document, figureFolder: String) -> String {
        var out: [String] = []
        for block in document.blocks {
            switch block {
            case let .heading(level, text, _):
                out.append(String(repeating: "#", count: max(1, min(level, 6))) + " " + text)
            case let .paragraph(text):
                out.append(text)
            case let .list(items):
                out.append(items.map { "- " + $0 }.joined(separator: "\n"))
            case let .table(table):
                out.append(renderTable(table))
            case let .figure(figure):
                out.append(figure.markdownImage(folder: figureFolder))
            case let .markdown(source):
                out.append(source.trimmingTrailingNewlines())
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    private static func renderTable(_ table: Table) -> String {
        func row(_ cells: [String]) -> String {
            "|" + cells.map { $0.isEmpty ? " |" : " \($0.replacingOccurrences(of: "|", with: "\\|")) |" }.joined()
        }
        let rule = "|" + table.header.indices.map { table.numeric.contains($0) ? " ---: |" : " --- |" }.joined()
        return ([row(table.header), rule] + table.rows.map(row)).joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
