import Foundation
@testable import Frame
import XCTest

/// The fast path must give exactly the general path's tables (values bit for bit, kinds, lines, skipped lines),
/// and must decline (not guess) whenever it cannot.
final class CSVFastPathTests: XCTestCase {
    func parse(_ text: String, _ options: CSVOptions, _ route: CSVReader.Route) throws -> CSVTable {
        var copy = text
        return try copy.withUTF8 { try CSVReader.parse($0, path: "t.csv", options: options, route: route) }
    }

    /// Asserts both paths agree (NaN-aware, bit for bit) and returns whether the fast path took the file.
    @discardableResult
    func assertSame(_ text: String, _ options: CSVOptions = CSVOptions(), file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
        let general = try parse(text, options, .general)
        let automatic = try parse(text, options, .automatic)
        XCTAssertEqual(automatic.frame.names, general.frame.names, file: file, line: line)
        XCTAssertEqual(automatic.rowLines, general.rowLines, file: file, line: line)
        XCTAssertEqual(automatic.skippedLines, general.skippedLines, file: file, line: line)
        for (a, b) in zip(automatic.frame.columns, general.frame.columns) {
            switch (a, b) {
            case let (.numeric(x), .numeric(y)): XCTAssertEqual(x.map(\.bitPattern), y.map(\.bitPattern), file: file, line: line)
            default: XCTAssertEqual(a, b, file: file, line: line)
            }
        }
        return (try? parse(text, options, .fastOnly)) != nil
    }

    func testTrickyFieldsMatchTheGeneralPath() throws {
        let text = "id,x,name,y\r\n"
            + "1, 2.5 ,\"a, b\",\"3.25\"\r\n"
            + "\r\n"
            + "2,,\"say \"\"hi\"\"\",nan\n"
            + "\n"
            + "3,1e5,\"two\nlines\",-inf\n"
            + "4,12345678901234567890123,x,1.7976931348623157e308\n"
            + "5,0.000000000000000000000000001,y,4.9e-324\n"
            + "6,+7.,z,-.5\r"
        XCTAssertTrue(try assertSame(text))
        let f = try parse(text, CSVOptions(), .fastOnly).frame
        XCTAssertEqual(f.rowCount, 6)
        XCTAssertEqual(try f.numeric("x")[0], 2.5)
        XCTAssertTrue(try f.numeric("x")[1].isNaN)
        XCTAssertEqual(try f.numeric("y")[0], 3.25)
        XCTAssertEqual(try f.text("name")[2], "two\nlines")
    }

    func testRaggedRowsAreSkippedOrLeftToTheGeneralPath() throws {
        let text = "a,b,c\n1,2,3\n4,5\n6,7,8,9\nnot,a,number,row\n10,11,12\n"
        XCTAssertTrue(try assertSame(text, CSVOptions(raggedRows: .skip)))
        let skipped = try parse(text, CSVOptions(raggedRows: .skip), .fastOnly)
        XCTAssertEqual(skipped.skippedLines, [3, 4, 5])
        XCTAssertEqual(try skipped.frame.numeric("a"), [1, 10])  // a skipped record does not make `a` text
        XCTAssertThrowsError(try parse(text, CSVOptions(), .fastOnly))
        XCTAssertThrowsError(try parse(text, CSVOptions(), .automatic)) { error in
            XCTAssertEqual("\(error)", "t.csv:3: error: row has 2 fields, expected 3 as in the header")
        }
    }

    func testTextAfterTheSampleIsFoundByASecondPass() throws {
        var text = "id,v\n"
        for i in 0..<20_000 { text += "\(i),\(i % 10 == 0 ? "" : "\(Double(i) / 8)")\n" }
        text += "20000,oops\n"
        XCTAssertTrue(try assertSame(text, CSVOptions(chunks: 4)))
        XCTAssertEqual(try parse(text, CSVOptions(), .automatic).frame.text("v").last, "oops")
        XCTAssertThrowsError(try parse(text, CSVOptions(types: ["v": .numeric]), .automatic)) { error in
            XCTAssertEqual("\(error)", "t.csv:20002: error: column `v` is numeric but has the value \"oops\"")
        }
    }

    func testFilesAreReadWhetherMappedOrNot() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csvfast-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "\u{FEFF}id,v,name\n1,0.5,\"a, b\"\n2,,c\n"
        let file = dir.appendingPathComponent("t.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        // (compared as text: the missing value is NaN, which equals nothing)
        XCTAssertEqual("\(try CSVReader.read(file, path: "t.csv"))", "\(try CSVReader.parse(text: text, path: "t.csv"))")
        XCTAssertEqual(try CSVReader.read(file).frame.text("name"), ["a, b", "c"])
        let empty = dir.appendingPathComponent("empty.csv")
        try "".write(to: empty, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try CSVReader.read(empty, path: "empty.csv")) { error in
            XCTAssertEqual("\(error)", "empty.csv:1: error: empty file: expected a header row")
        }
        XCTAssertThrowsError(try CSVReader.read(dir, path: "dir")) { error in
            XCTAssertTrue("\(error)".hasPrefix("dir: error: cannot read file"), "\(error)")
        }
    }

    func testRandomFilesMatchForAnyChunkCount() throws {
        var rng = SplitMix(seed: 7)
        let names = ["plain", "with, comma", "say \"\"hi\"\"", "Beyoncé", "multi\nline", ""]
        var text = "id,a,b,name,genres,c\n"
        for i in 0..<4000 {
            let a = Double(bitPattern: rng.next() >> 2)
            let b = Double(Int64(bitPattern: rng.next()) % 1_000_000_000) / 1e6
            let name = names[Int(rng.next() % UInt64(names.count))]
            let c = ["", "7", "1e-3", "\"2\"", " 3 ", "9007199254740993", "0.1234567890123"][Int(rng.next() % 7)]
            text += "\(i),\(a),\(b),\"\(name)\",\"['x', 'y \(i % 5)']\",\(c)\(i % 4 == 0 ? "\r\n" : "\n")"
            if i % 500 == 0 { text += "\n" }
        }
        for k in [1, 2, 3, 8, 61] {
            XCTAssertTrue(try assertSame(text, CSVOptions(chunks: k)), "chunks: \(k)")
            XCTAssertTrue(try assertSame(text, CSVOptions(types: ["id": .text], trimWhitespace: true, chunks: k)))
        }
        let f = try parse(text, CSVOptions(chunks: 8), .fastOnly).frame
        XCTAssertEqual(f.rowCount, 4000)
        XCTAssertNotNil(try? f.list("genres"))
    }
}

/// SplitMix64, so the random files are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
