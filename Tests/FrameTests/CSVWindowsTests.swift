import Foundation
@testable import Frame
import XCTest

/// The CSV reader streams files in windows: whatever the window size, it must give the one-window table or error.
final class CSVWindowsTests: XCTestCase {
    /// The table (printed: missing numbers are NaN, which equals nothing) or the error, as text.
    func outcome(_ text: String, _ options: CSVOptions) -> String {
        do {
            return "\(try CSVReader.parse(text: text, path: "t.csv", options: options))"
        } catch {
            return "error: \(error)"
        }
    }

    /// Asserts every window size gives what one window gives, and returns that.
    @discardableResult
    func assertSameForAnyWindow(_ text: String, _ options: CSVOptions = CSVOptions(), sizes: [Int] = [1, 5, 17, 64, 333, 4096],
                                file: StaticString = #filePath, line: UInt = #line) -> String {
        var whole = options
        whole.windowBytes = text.utf8.count + 1
        let expected = outcome(text, whole)
        for size in sizes {
            var windowed = options
            windowed.windowBytes = size
            XCTAssertEqual(outcome(text, windowed), expected, "window \(size) bytes", file: file, line: line)
        }
        return expected
    }

    func testWindowsGiveTheOneWindowTable() throws {
        var rng = SplitMix(seed: 11)
        let names = ["plain", "with, comma", "say \"\"hi\"\"", "Beyoncé", "multi\nline", ""]
        var text = "id,x,name,genres,c\n"
        for i in 0..<600 {
            let x = Double(Int64(bitPattern: rng.next()) % 1_000_000) / 1e3
            let name = names[Int(rng.next() % UInt64(names.count))]
            let c = ["", "7", "1e-3", "\"2\"", " 3 "][Int(rng.next() % 5)]
            text += "\(i),\(x),\"\(name)\",\"['x', 'y \(i % 5)']\",\(c)\(i % 4 == 0 ? "\r\n" : "\n")"
            if i % 50 == 0 { text += "\n" }
        }
        let table = assertSameForAnyWindow(text)
        XCTAssertFalse(table.hasPrefix("error"), table)
        assertSameForAnyWindow(text, CSVOptions(types: ["id": .text], trimWhitespace: true, chunks: 3))
        let f = try CSVReader.parse(text: text, options: CSVOptions(windowBytes: 100)).frame
        XCTAssertEqual(f.rowCount, 600)
        XCTAssertEqual(f.columns.map(\.kindName), ["numeric", "numeric", "text", "list", "numeric"])
    }

    /// Windows infer kinds from their own rows; where they disagree the file is read again, as one window would.
    func testKindsThatChangeAfterTheFirstWindowAreInferredForTheWholeFile() throws {
        var text = "n,l,t,e\n"
        for i in 0..<200 { text += "\(i),,\(i),\n" }            // l, t and e empty or numeric so far
        for i in 0..<200 { text += "\(i),\"['a', 'b\(i % 3)']\",,\n" }  // l lists, t empty
        text += "1,[],word,\n"                                   // t has text at the very end
        assertSameForAnyWindow(text)
        let f = try CSVReader.parse(text: text, options: CSVOptions(windowBytes: 64)).frame
        XCTAssertEqual(f.columns.map(\.kindName), ["numeric", "list", "text", "numeric"])
        XCTAssertEqual(try f.list("l").first, .some(nil))
        XCTAssertEqual(try f.text("t").first, "0")
        XCTAssertEqual(try f.text("t").last, "word")
        // A list column whose last value is not a list becomes text, its lists kept as written.
        let mixed = text + "2,not a list,x,\n"
        assertSameForAnyWindow(mixed)
        XCTAssertEqual(try CSVReader.parse(text: mixed, options: CSVOptions(windowBytes: 64)).frame.text("l").last, "not a list")
    }

    func testSkippedRaggedRowsAndLinesAcrossWindows() {
        var text = "a,b\n"
        for i in 0..<100 { text += i % 7 == 3 ? "\(i)\n" : "\(i),\"x\ny\"\n" }
        let result = assertSameForAnyWindow(text, CSVOptions(raggedRows: .skip))
        XCTAssertFalse(result.hasPrefix("error"), result)
        XCTAssertTrue(assertSameForAnyWindow(text).hasPrefix("error: t.csv:8: error: row has 1 field"))
    }

    /// Errors rank as in a whole-file parse: scan errors first, then ragged rows, values, UTF-8, infinities.
    func testErrorsRankAsInAWholeFileParse() {
        let rows = (0..<50).map { "\($0),\($0)\n" }.joined()
        // A ragged row early, an unclosed quote late: the quote.
        XCTAssertEqual(assertSameForAnyWindow("a,b\n1\n" + rows + "2,\"open\n"),
                       "error: t.csv:53: error: quoted field is not closed before the end of the file")
        // Bad values in two declared columns: the leftmost column's, though it comes later.
        let values = "a,b\n" + rows + "1,x\n" + rows + "y,2\n"
        XCTAssertEqual(assertSameForAnyWindow(values, CSVOptions(types: ["a": .numeric, "b": .numeric])),
                       "error: t.csv:103: error: column `a` is numeric but has the value \"y\"")
        // An infinity early, a ragged row late: the ragged row (invalid UTF-8: testInvalidUTF8IsFoundInAnyWindow).
        XCTAssertEqual(assertSameForAnyWindow("a,b\n" + rows + "3,inf\n" + rows + "4\n"),
                       "error: t.csv:103: error: row has 1 field, expected 2 as in the header")
        XCTAssertEqual(assertSameForAnyWindow("a,b\n" + rows + "3,inf\n"),
                       "error: t.csv:52: error: column `b` has the infinite value inf: leave the field empty to mark a missing value")
    }

    func testInvalidUTF8IsFoundInAnyWindow() throws {
        var bytes = Array("name,x\n".utf8)
        for i in 0..<40 { bytes += Array("abc,\(i)\n".utf8) }
        bytes += [0x42, 0x6A, 0xF6, 0x72, 0x6B] + Array(",2\n".utf8)
        for size in [1, 9, 100, 1 << 20] {
            XCTAssertThrowsError(try bytes.withUnsafeBufferPointer {
                try CSVReader.parse($0, path: "a.csv", options: CSVOptions(windowBytes: size))
            }) { XCTAssertTrue("\($0)".hasPrefix("a.csv:42: error: invalid UTF-8 byte 0xF6"), "\($0)") }
        }
        // A ragged row after it ranks first, as in a whole-file parse.
        bytes += Array("1\n".utf8)
        for size in [1, 9, 1 << 20] {
            XCTAssertThrowsError(try bytes.withUnsafeBufferPointer {
                try CSVReader.parse($0, path: "a.csv", options: CSVOptions(windowBytes: size))
            }) { XCTAssertEqual("\($0)", "a.csv:43: error: row has 1 field, expected 2 as in the header") }
        }
    }

    /// An overlong field ends its window, so the error comes without reading the rest of the file; quoted or not,
    /// closed or not, it is reported as too long at the line of its record.
    func testOverlongFieldIsReportedWithoutReadingTheRest() throws {
        let long = String(repeating: "x", count: CSVScanner.maxLength + 10)
        let tail = String(repeating: "1,2\n", count: 1000)
        for field in [long, "\"" + long, "\"" + long + "\""] {
            let text = "a,b\n1,2\n3," + field + "\n" + tail
            XCTAssertEqual(assertSameForAnyWindow(text, sizes: [5, 4096]), "error: t.csv:3: error: field longer than 8388607 bytes")
        }
        let bytes = Array(("a,b\n1,2\n3,\"" + long + tail).utf8)
        bytes.withUnsafeBufferPointer { b in
            let end = CSVScanner(bytes: b, columns: 2).windowEnd(from: 12, inQuotes: true, line: 3)
            XCTAssertTrue(end.truncated)
            XCTAssertLessThan(end.position, 12 + CSVScanner.maxLength + 3)
        }
        // A field of exactly the limit (and one more byte for a CR before the LF) is fine.
        let limit = String(repeating: "y", count: CSVScanner.maxLength)
        let fine = try CSVReader.parse(text: "a,b\n1," + limit + "\r\n2,z\n", options: CSVOptions(windowBytes: 1000))
        XCTAssertEqual(try fine.frame.text("b").first??.utf8.count, CSVScanner.maxLength)
    }

    /// A file larger than a window is read window by window from its mapping, and gives the parsed-text table.
    func testLargeFileIsStreamedFromItsMapping() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csvwindows-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "id,v,name\n"
        for i in 0..<20_000 { text += "\(i),\(Double(i) / 4),\"n \(i % 13), x\"\n" }
        let file = dir.appendingPathComponent("t.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let streamed = try CSVReader.read(file, path: "t.csv", options: CSVOptions(windowBytes: 4096))
        XCTAssertEqual("\(streamed)", "\(try CSVReader.parse(text: text, path: "t.csv"))")
        XCTAssertEqual(streamed.frame.rowCount, 20_000)
        XCTAssertEqual(streamed.rowLines.last, 20_001)
    }
}
