import Support
import XCTest
@testable import Literate

final class WriteBackTests: XCTestCase {
    private func writeBack(_ text: String, _ outputs: [String: String]) -> String {
        String(decoding: WriteBack.apply(outputs, to: ExperimentDocument(bytes: Array(text.utf8), fileName: "x.md")),
               as: UTF8.self)
    }

    func testInsertsBlockAfterClosingFence() {
        let result = writeBack("# T\n\n```yaml load\na: 1\n```\n\nAfter.\n", ["load": "| rows | 3 |\n"])
        XCTAssertEqual(result, "# T\n\n```yaml load\na: 1\n```\n<!-- labbook:output load -->\n\n| rows | 3 |\n\n"
                       + "<!-- labbook:end load -->\n\nAfter.\n")
    }

    func testSecondRunIsByteIdenticalAndStaleBlockIsReplaced() {
        let original = "```yaml load\na: 1\n```\n\ntext  \n"
        let first = writeBack(original, ["load": "new"])
        XCTAssertEqual(writeBack(first, ["load": "new"]), first)
        let stale = writeBack(first, ["load": "old\n\nlines"])
        XCTAssertEqual(writeBack(stale, ["load": "new"]), first)
    }

    func testDeletingTheBlockRestoresIt() {
        let original = "```yaml load\na: 1\n```\n\ntext\n"
        let first = writeBack(original, ["load": "body"])
        let deleted = first.replacingOccurrences(of: "<!-- labbook:output load -->\n\nbody\n\n<!-- labbook:end load -->\n",
                                                 with: "")
        XCTAssertEqual(deleted, original)
        XCTAssertEqual(writeBack(deleted, ["load": "body"]), first)
    }

    func testCRLFFileGetsCRLFInsertedLines() {
        let original = "```yaml load\r\na: 1\r\n```\r\nEnd\r\n"
        let result = writeBack(original, ["load": "one\ntwo"])
        XCTAssertEqual(result, "```yaml load\r\na: 1\r\n```\r\n<!-- labbook:output load -->\r\n\r\none\r\ntwo\r\n\r\n"
                       + "<!-- labbook:end load -->\r\nEnd\r\n")
        XCTAssertFalse(result.utf8.enumerated().contains { $0.element == 0x0A && $0.offset > 0
            && Array(result.utf8)[$0.offset - 1] != 0x0D })
    }

    func testIndentedFenceInListKeepsIndentation() {
        let result = writeBack("- item\n\n  ```yaml train\n  a: 1\n  ```\n", ["train": "x\n\ny"])
        XCTAssertEqual(result, "- item\n\n  ```yaml train\n  a: 1\n  ```\n  <!-- labbook:output train -->\n\n  x\n\n  y\n\n"
                       + "  <!-- labbook:end train -->\n")
    }

    func testBlockquotedStepKeepsTheQuotePrefix() {
        let result = writeBack("> ```yaml load\n> a: 1\n> ```\n", ["load": "b"])
        XCTAssertEqual(result, "> ```yaml load\n> a: 1\n> ```\n> <!-- labbook:output load -->\n>\n> b\n>\n"
                       + "> <!-- labbook:end load -->\n")
        XCTAssertEqual(writeBack(result, ["load": "b"]), result)
    }

    func testFileEndingAtClosingFenceWithoutNewline() {
        let result = writeBack("```yaml load\na: 1\n```", ["load": "b"])
        XCTAssertEqual(result, "```yaml load\na: 1\n```\n<!-- labbook:output load -->\n\nb\n\n<!-- labbook:end load -->\n")
        XCTAssertEqual(writeBack(result, ["load": "b"]), result)
    }

    func testStepsWithoutOutputKeepTheirBlocks() {
        let text = "```yaml load\na: 1\n```\n<!-- labbook:output load -->\nkeep\n<!-- labbook:end load -->\n"
            + "```yaml clean\nb: 1\n```\n"
        XCTAssertEqual(writeBack(text, ["clean": "c"]), text + "<!-- labbook:output clean -->\n\nc\n\n<!-- labbook:end clean -->\n")
    }

    func testAtomicWriteReplacesFileAndSkipsUnchanged() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("x.md")
        try Data("old".utf8).write(to: file)
        XCTAssertTrue(try AtomicFile.write(Array("new\r\n".utf8), to: file))
        XCTAssertEqual(try Data(contentsOf: file), Data("new\r\n".utf8))
        XCTAssertFalse(try AtomicFile.write(Array("new\r\n".utf8), to: file))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["x.md"])
    }
}
