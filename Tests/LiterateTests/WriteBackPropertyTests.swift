import XCTest
@testable import Literate

/// Rule 1 of write-back, on 10,000 generated documents: no byte outside the markers changes, every
/// step gets its block, and a second write-back is byte-identical.
final class WriteBackPropertyTests: XCTestCase {
    func testTenThousandDocumentsRoundTrip() {
        var generator = DocumentGenerator(seed: 20_251_125)
        var failures = 0
        for index in 0..<10_000 {
            let generated = generator.document()
            var outputs: [String: String] = [:]
            for name in generated.steps { outputs[name] = generator.output() }
            let original = Array(generated.text.utf8)
            let document = ExperimentDocument(bytes: original, fileName: "gen.md")
            let once = WriteBack.apply(outputs, to: document)
            let reparsed = ExperimentDocument(bytes: once, fileName: "gen.md")
            let twice = WriteBack.apply(outputs, to: reparsed)

            var expectedOutside = Self.outsideMarkers(original)
            if generated.endsAtBareFence { expectedOutside += document.lines.lineEnding }
            var problems: [String] = []
            if Self.outsideMarkers(once) != expectedOutside { problems.append("bytes outside the markers changed") }
            if twice != once { problems.append("second write-back differs") }
            if reparsed.stepBlocks.map(\.name) != generated.steps { problems.append("steps \(reparsed.stepBlocks.map(\.name))") }
            if !reparsed.stepBlocks.allSatisfy({ $0.output != nil }) { problems.append("an output block is missing") }
            if !document.diagnostics.isEmpty { problems.append("\(document.diagnostics)") }
            let ok = problems.isEmpty
            if !ok {
                failures += 1
                if failures <= 3 {
                    XCTFail("document \(index) failed (\(problems.joined(separator: "; "))):\n\(generated.text)\n--- became ---\n\(String(decoding: once, as: UTF8.self))")
                }
            }
        }
        XCTAssertEqual(failures, 0)
    }

    /// The bytes outside labbook's markers, found independently of the implementation: drop every
    /// line from `<!-- labbook:output X -->` to `<!-- labbook:end X -->`.
    static func outsideMarkers(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var endMarker: String?
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let lineEnd = min(end + 1, bytes.count)
            // Container prefixes (list indentation, `>` of block quotes) are not part of a marker.
            let line = String(String(decoding: bytes[start..<lineEnd], as: UTF8.self)
                .drop { $0 == " " || $0 == "\t" || $0 == ">" }).trimmingCharacters(in: .whitespacesAndNewlines)
            if let marker = endMarker {
                if line == marker { endMarker = nil }
            } else if line.hasPrefix("<!-- labbook:output "), line.hasSuffix(" -->") {
                endMarker = line.replacingOccurrences(of: "labbook:output", with: "labbook:end")
            } else {
                result += bytes[start..<lineEnd]
            }
            start = lineEnd
        }
        return result
    }
}
