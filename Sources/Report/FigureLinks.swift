import Foundation
import Literate

/// Links from Markdown to a report's figure files (`…/NAME/FIGURE.svg`), wherever the Markdown sits: the
/// experiment file links them relative to itself (`../reports/NAME/x.svg`), the Markdown report next to it
/// (`NAME/x.svg`), and the HTML report draws the same figures inline instead.
struct FigureLinks {
    let experiment: String
    let figures: [Figure]

    /// `](ANY/NAME/FILE.svg)`: a Markdown link target ending in the experiment's figure folder and a file.
    private var markdownLink: NSRegularExpression? {
        try? NSRegularExpression(pattern: "\\]\\((?:[^()\\s]*/)?" + NSRegularExpression.escapedPattern(for: experiment)
            + "/([A-Za-z0-9_-]+\\.svg)\\)")
    }

    /// The names of the figures that `markdown` links to.
    func shown(inMarkdown markdown: String) -> Set<String> {
        guard let markdownLink else { return [] }
        let known = Set(figures.map(\.name))
        let range = NSRange(markdown.startIndex..., in: markdown)
        return Set(markdownLink.matches(in: markdown, range: range).compactMap { match in
            Range(match.range(at: 1), in: markdown).map { String(markdown[$0]) }
        }.filter(known.contains))
    }

    /// `markdown` with its figure links pointing at `NAME/FILE.svg` (for the Markdown report, next to the folder).
    func localized(_ markdown: String) -> String {
        guard let markdownLink else { return markdown }
        let template = "](" + NSRegularExpression.escapedTemplate(for: experiment) + "/$1)"
        return markdownLink.stringByReplacingMatches(in: markdown, range: NSRange(markdown.startIndex..., in: markdown),
                                                     withTemplate: template)
    }

    /// cmark's HTML with every paragraph made only of figure images replaced by the figures themselves, inline
    /// (several in one paragraph are laid out side by side).
    func inlined(_ html: String) -> String {
        let byName = Dictionary(figures.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let image = "<img src=\"(?:[^\"]*/)?" + NSRegularExpression.escapedPattern(for: HTMLWriter.escape(experiment))
            + "/([A-Za-z0-9_-]+\\.svg)\" alt=\"[^\"]*\"(?: title=\"[^\"]*\")? />"
        guard let paragraph = try? NSRegularExpression(pattern: "<p>(?:\(image)\\s*)+</p>"),
              let one = try? NSRegularExpression(pattern: image) else { return html }
        var out = html
        for match in paragraph.matches(in: html, range: NSRange(html.startIndex..., in: html)).reversed() {
            guard let whole = Range(match.range, in: html) else { continue }
            let text = String(html[whole])
            let drawn = one.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
                Range(m.range(at: 1), in: text).flatMap { byName[String(text[$0])] }
            }
            guard !drawn.isEmpty, drawn.count == one.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
            else { continue }
            let figures = drawn.map(HTMLWriter.figure).joined(separator: "\n")
            out.replaceSubrange(whole, with: drawn.count > 1 ? "<div class=\"figure-row\">\n\(figures)\n</div>" : figures)
        }
        return out
    }
}
