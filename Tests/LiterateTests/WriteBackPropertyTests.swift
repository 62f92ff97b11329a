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
            var ok = Self.outsideMarkers(once) == expectedOutside
            ok = ok && twice == once
            ok = ok && reparsed.stepBlocks.map(\.name) == generated.steps
            ok = ok && reparsed.stepBlocks.allSatisfy { $0.output != nil }
            ok = ok && document.diagnostics.isEmpty
            if !ok {
                failures += 1
                if failures <= 3 {
                    XCTFail("document \(index) failed:\n\(generated.text)\n--- became ---\n\(String(decoding: once, as: UTF8.self))")
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
            let line = String(decoding: bytes[start..<lineEnd], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
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
