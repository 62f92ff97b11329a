import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Report
import XCTest

/// Pipe tables in the workspace become HTML tables (Debian's cmark has no table extension); fences stay code.
final class WorkspaceTableTests: XCTestCase {
    private func tableRows(_ html: String) throws -> [[(tag: String, cls: String?, xml: String)]] {
        let doc = try XMLDocument(xmlString: "<root>\(html)</root>", options: [])
        return try doc.nodes(forXPath: "//tr").map { row in
            (row.children ?? []).compactMap { $0 as? XMLElement }.map { cell in
                (cell.name ?? "", cell.attribute(forName: "class")?.stringValue,
                 (cell.children ?? []).map { $0.xmlString }.joined())
            }
        }
    }

    func testPipeTableBecomesTableWithCellsAndAlignment() throws {
        let html = WorkspaceHTML("Intro.\n\n| name | left | centre | n |\n|---|:---|:---:|---:|\n| a | b | c | 1 |\n| d | | f |\n").html
        XCTAssertFalse(html.contains("|"), html)
        XCTAssertTrue(html.hasPrefix("<p>Intro.</p>\n<div class=\"table\"><table>"))
        let rows = try tableRows(html)
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows[0].map(\.tag), ["th", "th", "th", "th"])
        XCTAssertEqual(rows[0].map(\.xml), ["name", "left", "centre", "n"])
        XCTAssertEqual(rows[0].map(\.cls), [nil, nil, "center", "num"])
        XCTAssertEqual(rows[1].map(\.tag), ["td", "td", "td", "td"])
        XCTAssertEqual(rows[1].map(\.xml), ["a", "b", "c", "1"])
        XCTAssertEqual(rows[2].map(\.xml), ["d", "", "f", ""], "a short row is padded with empty cells")
        XCTAssertEqual(rows[2].map(\.cls), [nil, nil, "center", "num"])
    }

    func testCellsAreInlineMarkdownWithEscaping() throws {
        let md = "| a | b |\n| --- | --- |\n| `x < y` | **bold** & *em* |\n| a \\| b | <script>alert(1)</script> |\n| # | - 1 |\n| 1. | -0.5 |\n"
        let html = WorkspaceHTML(md).html
        let rows = try tableRows(html)
        XCTAssertEqual(rows[1].map(\.xml), ["<code>x &lt; y</code>", "<strong>bold</strong> &amp; <em>em</em>"])
        XCTAssertEqual(rows[2][0].xml, "a | b", "an escaped pipe stays in its cell")
        XCTAssertFalse(html.contains("<script"), "raw HTML in a cell is dropped (cmark safe mode)")
        XCTAssertEqual(rows[3].map(\.xml), ["#", "- 1"], "block markers in cells stay text")
        XCTAssertEqual(rows[4].map(\.xml), ["1.", "-0.5"])
    }

    func testPipeLinesInsideFencesAndCommentsStayAsTheyAre() throws {
        let md = "```text\n| a | b |\n|---|---|\n| 1 | 2 |\n```\n\n~~~~\n| c | d |\n| - | - |\n~~~\n~~~~\n\n<!--\n| e | f |\n|---|---|\n-->\n"
        let html = WorkspaceHTML(md).html
        XCTAssertFalse(html.contains("<table>"), html)
        XCTAssertTrue(html.contains("<pre><code class=\"language-text\">| a | b |\n|---|---|\n| 1 | 2 |\n</code></pre>"))
        XCTAssertTrue(html.contains("<pre><code>| c | d |\n| - | - |\n~~~\n</code></pre>"), "a shorter fence does not close a longer one")
    }

    func testOnlyARealDelimiterRowMakesATable() {
        XCTAssertNil(PipeTable.parse(["| a | b |", "| c | d |"], at: 0))
        XCTAssertNil(PipeTable.parse(["| a | b |", "|---|"], at: 0), "cell counts must agree")
        XCTAssertNil(PipeTable.parse(["    | a |", "    |---|"], at: 0), "indented code")
        XCTAssertNil(PipeTable.parse(["a | b", "--|--"], at: 0), "the header must start with a pipe")
        let parsed = PipeTable.parse(["| a | b", "--- | :-:", "| x | y | z |", "", "| q |"], at: 0)
        XCTAssertEqual(parsed?.lineCount, 3)
        XCTAssertEqual(parsed?.table, PipeTable(header: ["a", "b"], alignments: [.none, .center], rows: [["x", "y"]]))
    }

    func testOutputBlocksAreLabelledAndTheirMarkersDropped() throws {
        let md = "```yaml load\nx: 1\n```\n<!-- labbook:output load -->\n| a |\n|---|\n| 1 |\n<!-- labbook:end load -->\n\nAfter.\n"
        let html = WorkspaceHTML(md).html
        XCTAssertEqual(Workspace(markdown: md).segmentsWithoutTitle.count, 5)
        XCTAssertFalse(html.contains("raw HTML omitted"))
        XCTAssertTrue(html.contains("<div class=\"step-output\" role=\"group\" aria-label=\"Output of step load\">\n"
            + "<p class=\"step-output-label\">output of step <code>load</code></p>\n<div class=\"table\"><table>"))
        XCTAssertTrue(html.contains("</table></div>\n</div>\n<p>After.</p>"))
        let unterminated = WorkspaceHTML("<!-- labbook:output load -->\n\ntext\n").html
        XCTAssertFalse(unterminated.contains("step-output"), "a start marker without its end marker is left to cmark")
    }

    func testHeadingsGetUniqueIdsAndAppearInTheContents() throws {
        let space = WorkspaceHTML("## Data & *cleaning*\n\ntext\n\n### Data & cleaning\n\n```\n## not a heading\n```\n\nSetext\n------\n")
        XCTAssertEqual(space.headings, [
            .init(level: 2, textHTML: "Data &amp; cleaning", id: "workspace-data-cleaning"),
            .init(level: 3, textHTML: "Data &amp; cleaning", id: "workspace-data-cleaning-2"),
            .init(level: 2, textHTML: "Setext", id: "workspace-setext"),
        ])
        XCTAssertTrue(space.html.contains("<h2 id=\"workspace-data-cleaning\">Data &amp; <em>cleaning</em></h2>"))
        let page = try ReportRenderer.html(Fixture.regression())
        for id in ["workspace-load", "workspace-clean", "workspace-cluster", "workspace-train-and-evaluate"] {
            XCTAssertTrue(page.contains("<li class=\"l3\"><a href=\"#\(id)\">"), id)
            XCTAssertTrue(page.contains(" id=\"\(id)\""), id)
        }
        XCTAssertFalse(page.contains("workspace-discussion"), "the author's discussion moves into the report")
    }

    /// The whole workspace of both fixtures is well-formed markup (every table and output block closed).
    func testFixtureWorkspacesAreWellFormed() throws {
        for input in [try Fixture.regression(), try Fixture.deep()] {
            let html = WorkspaceHTML(Workspace(input.experiment).segmentsWithoutTitle).html
            XCTAssertNoThrow(try XMLDocument(xmlString: "<root>\(html)</root>", options: []))
        }
        let html = try ReportRenderer.html(Fixture.regression())
        XCTAssertEqual(html.components(separatedBy: "<table>").count - 1, html.components(separatedBy: "</table>").count - 1)
        XCTAssertTrue(html.contains("<td class=\"center\"><strong>74.3%</strong></td>"))
        XCTAssertTrue(html.contains("<td>PCA of <code>audio</code></td><td>training rows, scores &lt; 0.5</td>"))
    }
}
