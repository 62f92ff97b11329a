@testable import Literate
import XCTest

/// cmark's leaf blocks, with the lines they span: what the report reads instead of scanning lines itself.
final class MarkdownBlockTests: XCTestCase {
    private func blocks(_ text: String) -> [MarkdownBlock] {
        ExperimentDocument(bytes: Array(text.utf8), fileName: "x.md").blocks
    }

    func testKindsLinesAndLevels() {
        let found = blocks("# T\n\nOne\ntwo\n\n```yaml load\na: 1\n```\n<!-- c -->\n\n---\n")
        XCTAssertEqual(found, [
            MarkdownBlock(kind: .heading(level: 1, text: "T"), startLine: 1, endLine: 1, isTopLevel: true),
            MarkdownBlock(kind: .paragraph, startLine: 3, endLine: 4, isTopLevel: true),
            MarkdownBlock(kind: .code, startLine: 6, endLine: 8, isTopLevel: true),
            MarkdownBlock(kind: .html, startLine: 9, endLine: 9, isTopLevel: true),
            MarkdownBlock(kind: .thematicBreak, startLine: 11, endLine: 11, isTopLevel: true),
        ])
    }

    func testHTMLBlocksEndAtTheirLastLine() {
        let found = blocks("<!--\n| a |\n-->\nText\n\n<div>\nx\n\n<!-- one line -->")
        XCTAssertEqual(found.map { [$0.startLine, $0.endLine] }, [[1, 3], [4, 4], [6, 7], [9, 9]])
        XCTAssertEqual(found.map(\.kind), [.html, .paragraph, .html, .html])
    }

    func testSetextHeadingsEndAtTheirUnderline() {
        XCTAssertEqual(blocks("Title\n=====\n\nText\n").first?.endLine, 2)
        XCTAssertEqual(blocks("Two\nlines\n---\nText\n").first.map { [$0.startLine, $0.endLine] }, [1, 3])
        XCTAssertEqual(blocks("Title\n=====").first?.endLine, 2)
        XCTAssertEqual(blocks("> Quoted\n> ---\n\nText\n").first.map { [$0.startLine, $0.endLine] }, [1, 2])
    }

    func testBlocksInListsAndQuotesAreNotTopLevel() {
        let found = blocks("- # In a list\n\n  ```\n  code\n  ```\n\n> ## Quoted\n\n## Top\n")
        XCTAssertEqual(found.map(\.isTopLevel), [false, false, false, true])
        XCTAssertEqual(found.compactMap(\.heading?.text), ["In a list", "Quoted", "Top"])
        XCTAssertEqual(found[1].kind, .code)
        XCTAssertEqual([found[1].startLine, found[1].endLine], [3, 5])
    }

    func testCRLFLines() {
        let found = blocks("# T\r\n\r\nText\r\nmore\r\n\r\n## Discussion\r\n")
        XCTAssertEqual(found.map { [$0.startLine, $0.endLine] }, [[1, 1], [3, 4], [6, 6]])
        XCTAssertEqual(found.last?.heading?.text, "Discussion")
    }
}
