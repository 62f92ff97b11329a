import Literate
@testable import Report
import XCTest

extension Workspace {
    /// The workspace of Markdown text, parsed by Literate as the runner does.
    init(markdown: String) { self.init(ExperimentDocument(bytes: Array(markdown.utf8), fileName: "x.md")) }
}

/// The report reads the experiment through Literate's cmark parse: wherever cmark (and write-back) see a code
/// block, an HTML block or a heading, so does the report.
final class WorkspaceParseTests: XCTestCase {
    private func tables(_ markdown: String) -> [PipeTable] {
        Workspace(markdown: markdown).segmentsWithoutTitle.compactMap { if case let .table(t) = $0 { return t } else { return nil } }
    }

    func testALongerBacktickFenceHoldsShorterFenceLines() {
        let md = "# T\n\n````markdown\n```\n## Discussion\n| a | b |\n|---|---|\n```\n````\n\nText.\n"
        let w = Workspace(markdown: md)
        XCTAssertNil(w.authorDiscussion, "a heading inside a code block is not the author's discussion")
        XCTAssertEqual(w.markdown, md)
        XCTAssertEqual(tables(md), [])
    }

    func testTildeFencesAndFencesInListsAreCode() {
        let md = "- item\n\n  ~~~\n  | a | b |\n  |---|---|\n  ```\n  ~~~\n\n- other\n\n      ```\n      | c |\n      |---|\n"
        XCTAssertEqual(tables(md), [])
        let document = ExperimentDocument(bytes: Array(md.utf8), fileName: "x.md")
        XCTAssertEqual(document.fencedBlocks.count, 1)
    }

    func testAFenceLeftOpenInAListItemEndsWithTheList() {
        // cmark closes the code block when the list ends; the discussion after it is the author's.
        let md = "# T\n\n- item\n\n  ```\n  code\n\n## Discussion\n\nMine.\n"
        let w = Workspace(markdown: md)
        XCTAssertEqual(w.authorDiscussion, "Mine.")
        XCTAssertEqual(w.markdown, "# T\n\n- item\n\n  ```\n  code\n")
    }

    func testAHeadingInsideAnHTMLCommentIsNotADiscussion() {
        let md = "# T\n\n<!--\n## Discussion\n| a | b |\n|---|---|\n-->\n\nText.\n"
        XCTAssertNil(Workspace(markdown: md).authorDiscussion)
        XCTAssertEqual(tables(md), [])
    }

    func testCRLFFilesHaveTheirTitleDiscussionTablesAndOutputs() {
        let md = "# T\r\n\r\nIntro.\r\n\r\n```yaml load\r\nx: 1\r\n```\r\n<!-- labbook:output load -->\r\n\r\n| a |\r\n|---|\r\n| 1 |\r\n\r\n"
            + "<!-- labbook:end load -->\r\n\r\n## Discussion\r\n\r\nMine.\r\n"
        let w = Workspace(markdown: md)
        XCTAssertEqual(w.title, "T")
        XCTAssertEqual(w.authorDiscussion, "Mine.")
        XCTAssertEqual(w.stepsWithOutput, ["load"])
        XCTAssertEqual(w.markdown, String(md.components(separatedBy: "## Discussion")[0].utf8.dropLast(2))!)
        let segments = w.segmentsWithoutTitle
        XCTAssertEqual(segments.first, .markdown("\nIntro.\n\n```yaml load\nx: 1\n```"))
        XCTAssertTrue(segments.contains(.outputStart(step: "load")))
        XCTAssertTrue(segments.contains(.table(PipeTable(header: ["a"], alignments: [.none], rows: [["1"]]))))
        XCTAssertFalse(WorkspaceHTML(segments).html.contains("# T"), "the title is left out of the page's workspace")
    }

    func testASetextTitleAndDiscussionAreHeadingsToo() {
        let md = "Title\n=====\n\nIntro.\n\nDiscussion\n----------\n\nMine.\n"
        let w = Workspace(markdown: md)
        XCTAssertEqual(w.title, "Title")
        XCTAssertEqual(w.authorDiscussion, "Mine.")
        XCTAssertEqual(w.segmentsWithoutTitle, [.markdown("\nIntro.\n")])
    }

    /// Output blocks are the ones Literate found after a step's block: the same regions write-back replaces.
    func testOutputBlocksAreLiterates() {
        let md = "```yaml load\nx: 1\n```\n\n<!-- labbook:output load -->\n\nbody\n\n<!-- labbook:end load -->\n\n"
            + "```text\n<!-- labbook:output train -->\nnot an output\n<!-- labbook:end train -->\n```\n"
        let document = ExperimentDocument(bytes: Array(md.utf8), fileName: "x.md")
        let w = Workspace(document)
        XCTAssertEqual(w.stepsWithOutput, Set(document.stepBlocks.filter { $0.output != nil }.map(\.name)))
        XCTAssertEqual(w.segmentsWithoutTitle.filter { $0 == .outputEnd }.count, 1)
    }

    /// Any mix of the tricky pieces: nothing crashes, the workspace keeps every line it does not move, and the
    /// segments hold every line of the page's workspace but the output markers.
    func testMixedDocumentsKeepEveryLine() {
        let pieces = ["# T", "", "Text", "| a | b |", "|---|---|", "| 1 | 2 |", "```", "````", "~~~", "- item", "  ```",
                      "> quote", "<!--", "-->", "Title", "=====", "---", "    indented", "## Discussion", "\r"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined(separator: Bool.random(using: &generator) ? "\n" : "\r\n")
            let w = Workspace(markdown: text)
            if w.discussionLines == nil { XCTAssertEqual(w.markdown, text) }
            XCTAssertEqual(w.segmentsWithoutTitle.filter { $0 == .outputEnd }.count, w.stepsWithOutput.count)
        }
    }
}
