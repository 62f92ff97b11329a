internal import CCmark
#if canImport(Glibc)
import Glibc
#endif

/// Markdown to HTML through cmark (CommonMark, no extensions).
public enum MarkdownHTML {
    /// Renders CommonMark `markdown` to an HTML fragment.
    ///
    /// Raw HTML in the input is not passed through (cmark's safe default): it becomes an
    /// `<!-- raw HTML omitted -->` comment, so rendered prose can never inject scripts or external resources.
    public static func render(_ markdown: String) -> String {
        let length = markdown.utf8.count
        let rendered: UnsafeMutablePointer<CChar>? = markdown.withCString { text in
            cmark_markdown_to_html(text, length, CMARK_OPT_DEFAULT)
        }
        guard let rendered else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// Renders one line of inline Markdown (a table cell, a heading's text) to HTML without the paragraph
    /// around it: `code`, **bold**, *emphasis* and links work, `<`, `>` and `&` are escaped, raw HTML is omitted.
    ///
    /// Characters that would start a block (`#`, `>`, `- `, `1. `, a code fence...) are taken literally,
    /// so a cell reading `#` or `-0.5` stays text instead of becoming a heading or a list.
    public static func renderInline(_ text: String) -> String {
        let line = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }
            .joined(separator: " ").trimmingBlanks()
        guard !line.isEmpty else { return "" }
        var html = Substring(render(literalBlockStart(line)))
        while let last = html.last, last == "\n" { html = html.dropLast() }
        if html.hasPrefix("<p>") && html.hasSuffix("</p>") { html = html.dropFirst(3).dropLast(4) }
        return String(html)
    }

    /// `line` with a backslash before a leading character that CommonMark would read as the start of a block.
    static func literalBlockStart(_ line: String) -> String {
        guard let first = line.first else { return line }
        let rest = line.dropFirst()
        switch first {
        case "#", ">", "-", "+", "=", "~":
            return "\\" + line
        case "*", "_":
            let onlyMarkers = line.allSatisfy { $0 == first || $0 == " " || $0 == "\t" }
            let bullet = first == "*" && (rest.first.map { $0 == " " || $0 == "\t" } ?? true)
            return onlyMarkers || bullet ? "\\" + line : line
        case "`":
            let run = line.prefix { $0 == "`" }
            return run.count >= 3 && !line.dropFirst(run.count).contains("`") ? "\\" + line : line
        default:
            // An ordered-list marker: up to nine digits, then `.` or `)`, then a blank or the end of the line.
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            guard (1...9).contains(digits.count) else { return line }
            let after = line.dropFirst(digits.count)
            guard let marker = after.first, marker == "." || marker == ")" else { return line }
            let next = after.dropFirst().first
            guard next == nil || next == " " || next == "\t" else { return line }
            return String(digits) + "\\" + String(after)
        }
    }
}

private extension String {
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
