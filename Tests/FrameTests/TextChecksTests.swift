import XCTest
@testable import Frame

/// Data files must be UTF-8 and numeric values finite: checked by the CSV reader, reported at FILE:LINE.
final class TextChecksTests: XCTestCase {
    private func invalid(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { TextChecks.firstInvalidUTF8($0) }
    }

    func testUTF8ValidatorAgreesWithSwiftsDecoder() {
        let samples: [[UInt8]] = [
            Array("plain ascii, long enough to take the eight-byte path\n".utf8),
            Array("Beyoncé, Sigur Rós, 坂本龍一, 🎵\n".utf8),
            [0x61, 0xE9, 0x62],               // Latin-1 é
            [0xC0, 0xAF],                     // overlong
            [0xED, 0xA0, 0x80],               // surrogate
            [0xF4, 0x90, 0x80, 0x80],         // above U+10FFFF
            [0xE2, 0x82],                     // truncated
            Array(repeating: 0x41, count: 17) + [0x80],
        ]
        for bytes in samples {
            let valid = String(validating: bytes, as: UTF8.self) != nil
            XCTAssertEqual(invalid(bytes) == nil, valid, "\(bytes)")
        }
        XCTAssertEqual(invalid([0x61, 0xE9, 0x62]), 1)
        XCTAssertEqual(invalid(Array(repeating: 0x41, count: 17) + [0x80]), 17)
    }

    func testLatin1ByteIsAnErrorAtItsLine() {
        var text = Array("name,x\nabc,1\n".utf8)
        text += [0x42, 0x6A, 0xF6, 0x72, 0x6B] + Array(",2\n".utf8)
        XCTAssertThrowsError(try text.withUnsafeBufferPointer { try CSVReader.parse($0, path: "a.csv", options: CSVOptions()) }) {
            XCTAssertEqual("\($0)", "a.csv:3: error: invalid UTF-8 byte 0xF6: labbook reads UTF-8 data files; convert it "
                           + "(e.g. iconv -f LATIN1 -t UTF-8)")
        }
    }

    func testInfinityIsAnErrorAndEmptyOrNaNIsMissing() throws {
        XCTAssertThrowsError(try CSVReader.parse(text: "x,y\n1,2\n3,-inf\n", path: "b.csv")) {
            XCTAssertEqual("\($0)", "b.csv:3: error: column `y` has the infinite value -inf: leave the field empty to mark a missing value")
        }
        XCTAssertThrowsError(try CSVReader.parse(text: "x,y\n1,2\n\"3\",1e400\n", path: "b.csv"))
        let table = try CSVReader.parse(text: "x,y\n1,\n2,nan\n", path: "b.csv")
        guard case .numeric(let y)? = table.frame["y"] else { return XCTFail("y is not numeric") }
        XCTAssertTrue(y.allSatisfy(\.isNaN))
    }
}
