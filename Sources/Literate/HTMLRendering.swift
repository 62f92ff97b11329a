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
}
