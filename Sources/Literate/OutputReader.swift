/// Finds the labbook output block that follows a step block.
enum OutputReader {
    /// The output region after `block` (blank lines may separate them), or nil when there is none.
    /// A start marker without its end marker is reported in `diagnostics`.
    static func region(after block: FencedBlock, step: String, lines: SourceLines, fileName: String,
                       diagnostics: inout [Diagnostic]) -> OutputRegion? {
        guard let closing = block.closingLine else { return nil }
        var index = closing  // 0-based index of the line after the closing fence
        while index < lines.count, normalized(lines.content(index)).isEmpty { index += 1 }
        guard index < lines.count, normalized(lines.content(index)).elementsEqual(OutputMarker.start(step).utf8) else {
            return nil
        }
        let endMarker = Array(OutputMarker.end(step).utf8)
        for end in (index + 1)..<max(index + 1, lines.count) where normalized(lines.content(end)).elementsEqual(endMarker) {
            return OutputRegion(startLine: index + 1, endLine: end + 1)
        }
        diagnostics.append(Diagnostic(at: SourceLocation(file: fileName, line: index + 1, column: 1),
            "output block of `\(step)` has no end marker `\(OutputMarker.end(step))`: add it or delete the block"))
        return nil
    }

    /// A line without its container prefix (blanks and `>`) and trailing blanks.
    static func normalized(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = line.startIndex
        while start < line.endIndex, line[start] == 0x20 || line[start] == 0x09 || line[start] == UInt8(ascii: ">") {
            start += 1
        }
        var end = line.endIndex
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        return line[start..<end]
    }
}
