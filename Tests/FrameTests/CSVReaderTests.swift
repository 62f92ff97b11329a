import Foundation
@testable import Frame
import XCTest

final class CSVReaderTests: XCTestCase {
    func read(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> DataFrame {
        try CSVReader.parse(text: text, path: "t.csv", options: options).frame
    }

    func errorText(_ text: String, _ options: CSVOptions = CSVOptions()) -> String {
        do {
            _ = try CSVReader.parse(text: text, path: "t.csv", options: options)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testCommasDoubledQuotesAndNewlinesInsideQuotes() throws {
        let f = try read("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\n1,2,3\n")
        XCTAssertEqual(try f.text("a"), ["x, y", "1"])
        XCTAssertEqual(try f.text("b"), ["say \"hi\"", "2"])
        XCTAssertEqual(try f.text("c"), ["line1\nline2", "3"])
    }

    func testTabsAndSpacesInsideQuotesArePreservedUnlessTrimmed() throws {
        let text = "a,b\n\"\tBlues\t\",\"  x \"\n"
        XCTAssertEqual(try read(text).text("a"), ["\tBlues\t"])
        XCTAssertEqual(try read(text).text("b"), ["  x "])
        XCTAssertEqual(try read(text, CSVOptions(trimWhitespace: true)).text("a"), ["Blues"])
        XCTAssertEqual(try read("n\n\" 3.5\t\"\n 4 \n").numeric("n"), [3.5, 4])
    }

    func testCRLFAndBOMAndMissingLastNewline() throws {
        let f = try read("\u{FEFF}id,name\r\n1,\"a\"\r\n2,b")
        XCTAssertEqual(f.names, ["id", "name"])
        XCTAssertEqual(try f.numeric("id"), [1, 2])
        XCTAssertEqual(try f.text("name"), ["a", "b"])
        let crlfQuoted = try read("a,b\r\n\"x\r\ny\",2\r\n")
        XCTAssertEqual(try crlfQuoted.text("a"), ["x\r\ny"])
    }

    func testEmptyFieldsAreMissing() throws {
        let f = try read("n,t\n1,\n,\"\"\n3,z\n")
        let n = try f.numeric("n")
        XCTAssertEqual(n[0], 1)
        XCTAssertTrue(n[1].isNaN)
        XCTAssertEqual(try f.text("t"), [nil, nil, "z"])
    }

    func testBlankLinesAreSkipped() throws {
        XCTAssertEqual(try read("a\n1\n\n2\r\n\r\n").numeric("a"), [1, 2])
    }

    func testRaggedRowIsAnErrorNamingFileAndLine() {
        XCTAssertEqual(errorText("a,b\n1,2\n3\n"), "t.csv:3: error: row has 1 field, expected 2 as in the header")
        XCTAssertEqual(errorText("a,b\n1,2,3\n4,5\n"), "t.csv:2: error: row has 3 fields, expected 2 as in the header")
        // The line is the physical line where the record starts, after a quoted newline.
        XCTAssertEqual(errorText("a,b\n\"x\ny\",2\n1,2,3\n"), "t.csv:4: error: row has 3 fields, expected 2 as in the header")
    }

    func testRaggedRowsSkippedAndCounted() throws {
        let t = try CSVReader.parse(text: "a,b\n1,2\n3\n4,5,6\n7,8\n", path: "t.csv", options: CSVOptions(raggedRows: .skip))
        XCTAssertEqual(t.skippedLines, [3, 4])
        XCTAssertEqual(try t.frame.numeric("a"), [1, 7])
        XCTAssertEqual(t.rowLines, [2, 5])
    }

    func testFileErrors() {
        XCTAssertEqual(errorText(""), "t.csv:1: error: empty file: expected a header row")
        XCTAssertEqual(errorText("a,b\n"), "t.csv:1: error: the file has a header but no data rows")
        XCTAssertEqual(errorText("a,b\n1,\"open\n2,3\n"), "t.csv:2: error: quoted field is not closed before the end of the file")
        XCTAssertEqual(errorText("a,a\n1,2\n"), "t.csv:1: error: header names column `a` twice")
        XCTAssertEqual(errorText("a,b\n1,2\nx,3\n", CSVOptions(types: ["a": .numeric])),
                       "t.csv:3: error: column `a` is numeric but has the value \"x\"")
        XCTAssertThrowsError(try CSVReader.read(URL(fileURLWithPath: "/nonexistent/x.csv"))) { error in
            XCTAssertEqual("\(error)", "data file not found: /nonexistent/x.csv")
        }
    }

    func testTypeInferenceAndOverrides() throws {
        let text = "id,score,genres,name\n007,1.5,\"['dance pop', 'pop']\",a\n8,2e3,[],b\n"
        let f = try read(text)
        XCTAssertEqual(f.columns.map(\.kindName), ["numeric", "numeric", "list", "text"])
        XCTAssertEqual(try f.list("genres"), [["dance pop", "pop"], []])
        let g = try read(text, CSVOptions(types: ["id": .text, "genres": .text]))
        XCTAssertEqual(try g.text("id"), ["007", "8"])
        XCTAssertEqual(try g.text("genres"), ["['dance pop', 'pop']", "[]"])
    }

    func testChunkedParseEqualsSingleChunk() throws {
        var text = "id,name,value\n"
        var rng = SystemRandomNumberGenerator()
        for i in 0..<3000 {
            let name = i % 7 == 0 ? "\"multi\nline, \"\"quoted\"\"\"" : "n\(i)"
            text += "\(i),\(name),\(Double(Int.random(in: 0..<1_000_000, using: &rng)) / 1000)\(i % 3 == 0 ? "\r\n" : "\n")"
        }
        let one = try CSVReader.parse(text: text, options: CSVOptions(chunks: 1))
        for k in [2, 3, 7, 64] {
            XCTAssertEqual(try CSVReader.parse(text: text, options: CSVOptions(chunks: k)), one, "chunks: \(k)")
        }
        XCTAssertEqual(one.frame.rowCount, 3000)
        XCTAssertEqual(one.rowLines.last, 1 + 3000 + 429) // 429 records with a quoted newline
    }
}
