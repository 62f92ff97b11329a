#if canImport(Glibc)
import Glibc
#endif
import Literate

/// Fuzzes Markdown parsing and write-back. For any input the parser must not crash or hang; for an
/// input it accepts (no diagnostics, as the runner requires before writing back), write-back must
/// keep every byte outside labbook's markers, be idempotent, and keep the same steps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWriteBack(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let original = Array(UnsafeBufferPointer(start: data, count: count))
    let document = ExperimentDocument(bytes: original, fileName: "fuzz.md")
    guard document.diagnostics.isEmpty, !document.stepBlocks.isEmpty else { return 0 }

    var outputs: [String: String] = [:]
    for (index, step) in document.stepBlocks.enumerated() {
        outputs[step.name] = sampleOutputs[(index + count) % sampleOutputs.count]
    }
    let once = WriteBack.apply(outputs, to: document)
    let reparsed = ExperimentDocument(bytes: once, fileName: "fuzz.md")
    let twice = WriteBack.apply(outputs, to: reparsed)

    var kept = original
    if let lastStep = document.stepBlocks.last, let closing = lastStep.block.closingLine,
       closing == document.lines.count, !document.lines.hasLineEnding(closing - 1) {
        // A closing fence on the last line without a line end gets one before the inserted block.
        kept += document.lines.lineEnding
    }
    let expected = outsideMarkers(kept)
    // The byte-for-byte guarantee covers files whose labbook markers all belong to output blocks of
    // steps; a stray marker elsewhere (a block moved by hand) is ordinary text to write-back, but the
    // independent marker scan would pair it with the wrong end marker.
    let ownMarkers = 2 * document.stepBlocks.filter { $0.output != nil }.count
    if markerLines(original) == ownMarkers {
        check(outsideMarkers(once) == expected, "write-back changed bytes outside its markers", original, once)
    }
    check(twice == once, "a second write-back changed the file", original, once)
    check(reparsed.diagnostics.isEmpty, "write-back produced a file with diagnostics: \(reparsed.diagnostics)", original, once)
    check(reparsed.stepBlocks.map(\.name) == document.stepBlocks.map(\.name), "write-back changed the steps", original, once)
    check(reparsed.stepBlocks.allSatisfy { $0.output != nil }, "a step has no output block after write-back", original, once)
    return 0
}

/// Outputs like labbook's: tables, a fenced block, a comment, blank lines, non-ASCII.
private let sampleOutputs = [
    "**40 rows × 6 columns.**\n\n| source | rows |\n| --- | ---: |\n| songs | 40 |\n",
    "\n\n```text\nfold 1: r = 0.42\n```\n\n",
    "<!-- not a marker -->\nPearson r = 0.31 (95% CI 0.29–0.33)\n",
    "- item\n\n  > quoted ``` fence\n",
    "",
]

private func check(_ condition: Bool, _ message: String, _ before: [UInt8], _ after: [UInt8]) {
    guard !condition else { return }
    report("FUZZ FAILURE: \(message)\n--- input ---\n\(String(decoding: before, as: UTF8.self).debugDescription)\n--- output ---\n"
          + String(decoding: after, as: UTF8.self).debugDescription)
    abort()
}

/// How many lines look like labbook markers (`<!-- labbook:`, after blanks and `>`).
func markerLines(_ bytes: [UInt8]) -> Int {
    let prefix = Array("<!-- labbook:".utf8)
    var count = 0
    var atLineStart = true
    for index in bytes.indices {
        let byte = bytes[index]
        if byte == 0x0A || byte == 0x0D { atLineStart = true; continue }
        guard atLineStart else { continue }
        if byte == 0x20 || byte == 0x09 || byte == 0x3E { continue }
        atLineStart = false
        if bytes[index...].starts(with: prefix) { count += 1 }
    }
    return count
}

/// The bytes outside labbook's markers, found independently of the implementation: every line from
/// `<!-- labbook:output X -->` to `<!-- labbook:end X -->` is dropped (blanks and `>` around a marker allowed).
func outsideMarkers(_ bytes: [UInt8]) -> [UInt8] {
    let outputPrefix = Array("<!-- labbook:output ".utf8), endPrefix = Array("<!-- labbook:end ".utf8)
    let suffix = Array(" -->".utf8)
    var result: [UInt8] = []
    var endMarker: [UInt8]?
    var start = 0
    while start < bytes.count {
        // Lines end with \n, \r\n or a lone \r (as CommonMark allows).
        var end = start
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        var lineEnd = min(end + 1, bytes.count)
        if end < bytes.count, bytes[end] == 0x0D, end + 1 < bytes.count, bytes[end + 1] == 0x0A { lineEnd += 1 }
        var first = start, last = lineEnd
        while first < last, [0x20, 0x09, 0x3E].contains(bytes[first]) { first += 1 }
        while last > first, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[last - 1]) { last -= 1 }
        let line = Array(bytes[first..<last])
        if let marker = endMarker {
            if line == marker { endMarker = nil }
        } else if line.starts(with: outputPrefix), line.count > outputPrefix.count + suffix.count,
                  Array(line.suffix(suffix.count)) == suffix {
            endMarker = endPrefix + line[outputPrefix.count...]
        } else {
            result += bytes[start..<lineEnd]
        }
        start = lineEnd
    }
    return result
}

/// Writes a failure report to standard error at once (libFuzzer then records the input).
private func report(_ text: String) {
    fputs(text + "\n", stderr)
    fflush(stderr)
}
