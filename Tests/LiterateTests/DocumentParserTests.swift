import XCTest
@testable import Literate

final class DocumentParserTests: XCTestCase {
    private func parse(_ text: String) -> ExperimentDocument {
        ExperimentDocument(bytes: Array(text.utf8), fileName: "x.md")
    }

    func testFindsStepBlocksWithLinesInfoAndContent() {
        let doc = parse("# Title *here*\n\nProse.\n\n```yaml load\na: 1\nb: [x, y]\n```\n\n```python\nprint(1)\n```\n")
        XCTAssertEqual(doc.title, "Title here")
        XCTAssertEqual(doc.fencedBlocks.count, 2)
        XCTAssertEqual(doc.stepBlocks.map(\.name), ["load"])
        let step = doc.stepBlocks[0]
        XCTAssertEqual(step.block.openingLine, 5)
        XCTAssertEqual(step.block.closingLine, 8)
        XCTAssertEqual(step.block.info, "yaml load")
        XCTAssertEqual(step.block.content, "a: 1\nb: [x, y]\n")
        XCTAssertEqual(step.nameColumn, 9)
        XCTAssertEqual(step.block.fenceColumn, 1)
        XCTAssertEqual(doc.fencedBlocks[1].info, "python")
        XCTAssertTrue(doc.diagnostics.isEmpty)
    }

    func testTildeAndLongerBacktickFences() {
        let doc = parse("~~~~yaml clean\nx: 1\n~~~\n~~~~\n\n`````yaml train\n```\nnot: closed\n`````\n")
        XCTAssertEqual(doc.stepBlocks.map(\.name), ["clean", "train"])
        XCTAssertEqual(doc.stepBlocks[0].block.fenceCharacter, "~")
        XCTAssertEqual(doc.stepBlocks[0].block.fenceLength, 4)
        XCTAssertEqual(doc.stepBlocks[0].block.content, "x: 1\n~~~\n")
        XCTAssertEqual(doc.stepBlocks[0].block.closingLine, 4)
        XCTAssertEqual(doc.stepBlocks[1].block.fenceLength, 5)
        XCTAssertEqual(doc.stepBlocks[1].block.openingLine, 6)
        XCTAssertEqual(doc.stepBlocks[1].block.closingLine, 9)
        XCTAssertEqual(doc.stepBlocks[1].block.content, "```\nnot: closed\n")
    }

    func testIndentedFenceInListMapsColumnsBack() {
        let doc = parse("- item\n\n  ```yaml train\n  rate: 0.1\n    deep: 2\n  ```\n")
        XCTAssertEqual(doc.stepBlocks.count, 1)
        let block = doc.stepBlocks[0].block
        XCTAssertEqual(block.openingLine, 3)
        XCTAssertEqual(block.fenceColumn, 3)
        XCTAssertEqual(doc.stepBlocks[0].nameColumn, 11)
        XCTAssertEqual(block.content, "rate: 0.1\n  deep: 2\n")
        XCTAssertEqual(block.fileLocation(contentLine: 1, contentColumn: 1, file: "x.md"),
                       SourceLocation(file: "x.md", line: 4, column: 3))
        XCTAssertEqual(block.fileLocation(contentLine: 2, contentColumn: 3, file: "x.md"),
                       SourceLocation(file: "x.md", line: 5, column: 5))
    }

    func testCRLFLinesAndContent() {
        let doc = parse("# T\r\n\r\n```yaml load\r\na: 1\r\n```\r\n")
        XCTAssertEqual(doc.lines.lineEnding, [0x0D, 0x0A])
        XCTAssertEqual(doc.stepBlocks.first?.block.openingLine, 3)
        XCTAssertEqual(doc.stepBlocks.first?.block.closingLine, 5)
        XCTAssertEqual(doc.stepBlocks.first?.block.content, "a: 1\n")
    }

    func testUnterminatedFenceIsReportedAtItsOpeningLine() {
        let doc = parse("# T\n\n```yaml load\na: 1\n\nmore text\n")
        XCTAssertEqual(doc.stepBlocks.count, 0)
        XCTAssertEqual(doc.diagnostics.count, 1)
        XCTAssertEqual(doc.diagnostics[0].location, SourceLocation(file: "x.md", line: 3, column: 1))
        XCTAssertTrue(doc.diagnostics[0].message.contains("unterminated code fence"))
        // A shorter fence inside a longer one does not close it.
        XCTAssertEqual(parse("````yaml load\n```\n").diagnostics.first?.location.line, 1)
    }

    func testOnlyYamlPlusOneWordIsAStep() {
        let doc = parse("```yaml\na: 1\n```\n\n```yaml load extra\nb: 1\n```\n\n    ```yaml load\n    indented code\n")
        XCTAssertTrue(doc.stepBlocks.isEmpty)
        XCTAssertEqual(doc.fencedBlocks.count, 2)
    }

    func testFindsExistingOutputRegionAfterBlankLines() {
        let doc = parse("```yaml load\na: 1\n```\n\n<!-- labbook:output load -->\nold\n<!-- labbook:end load -->\ntail\n")
        XCTAssertEqual(doc.stepBlocks.first?.output, OutputRegion(startLine: 5, endLine: 7))
        let broken = parse("```yaml load\na: 1\n```\n<!-- labbook:output load -->\nold\n")
        XCTAssertNil(broken.stepBlocks.first?.output)
        XCTAssertEqual(broken.diagnostics.first?.location.line, 4)
    }
}
