/// Reads fence details (character, length, closing line, column offsets) from the source lines,
/// which cmark's public API does not expose.
enum FenceReader {
    static let backtick = UInt8(ascii: "`")
    static let tilde = UInt8(ascii: "~")

    /// The fenced block for a cmark code block, or nil when it is an indented code block.
    /// `blockStarts` are the first lines of all code blocks: a fence line that opens another block
    /// (e.g. a top-level ``` after a fence inside a list item) never closes this one.
    static func fencedBlock(_ code: ScannedMarkdown.CodeBlock, lines: SourceLines,
                            blockStarts: Set<Int> = []) -> FencedBlock? {
        let openingIndex = code.startLine - 1
        guard lines.count > openingIndex, openingIndex >= 0 else { return nil }
        let opening = Array(lines.content(openingIndex))
        guard let (offset, character, length) = fence(in: opening, from: code.startColumn - 1) else { return nil }
        let contentLines = splitLines(code.literal)
        // An indented code block's content starts with its own first line; a fenced block's never does.
        if let first = contentLines.first, code.endLine >= code.startLine,
           first.trimmingCharacters(in: .whitespaces) == lines.text(openingIndex).trimmingCharacters(in: .whitespaces) {
            return nil
        }

        var closingLine: Int?
        // Closed: the last line is a closing fence that cmark did not count as content (a fence indented
        // 4+ spaces is content) and that does not open another block.
        if code.endLine > code.startLine, code.endLine - 1 < lines.count, !blockStarts.contains(code.endLine),
           contentLines.count == code.endLine - code.startLine - 1,
           isClosingFence(Array(lines.content(code.endLine - 1)), character: character, length: length,
                          quoteDepth: opening[0..<offset].filter { $0 == UInt8(ascii: ">") }.count) {
            closingLine = code.endLine
        }
        var offsets: [Int] = []
        for (index, line) in contentLines.enumerated() {
            let fileIndex = openingIndex + 1 + index
            guard fileIndex < lines.count else { break }
            let fileScalars = lines.text(fileIndex).unicodeScalars.count
            offsets.append(max(0, fileScalars - line.unicodeScalars.count))
        }
        let info = code.info.trimmingCharacters(in: .whitespaces)
        return FencedBlock(openingLine: code.startLine, closingLine: closingLine,
                           fenceColumn: scalarColumn(opening, byteOffset: offset),
                           fenceCharacter: Character(UnicodeScalar(character)), fenceLength: length,
                           info: info, content: contentLines.map { $0 + "\n" }.joined(),
                           columnOffsets: offsets)
    }

    /// 1-based column of the step name after the fence on the opening line.
    static func nameColumn(block: FencedBlock, lines: SourceLines) -> Int {
        let opening = lines.text(block.openingLine - 1)
        let scalars = Array(opening.unicodeScalars)
        let start = block.fenceColumn - 1 + block.fenceLength
        let yamlWord = Array("yaml".unicodeScalars)
        var index = start
        // Skip "yaml" and the spaces around it.
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        if index + yamlWord.count <= scalars.count, Array(scalars[index..<index + yamlWord.count]) == yamlWord {
            index += yamlWord.count
        }
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        return index + 1
    }

    /// Finds a run of 3+ backticks or tildes at or after `from` (skipping blanks), else anywhere on the line.
    private static func fence(in line: [UInt8], from: Int) -> (offset: Int, character: UInt8, length: Int)? {
        var index = min(max(0, from), line.count)
        while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        if let found = run(in: line, at: index) { return found }
        for start in line.indices where line[start] == backtick || line[start] == tilde {
            if let found = run(in: line, at: start) { return found }
        }
        return nil
    }

    private static func run(in line: [UInt8], at start: Int) -> (offset: Int, character: UInt8, length: Int)? {
        guard start < line.count, line[start] == backtick || line[start] == tilde else { return nil }
        var end = start
        while end < line.count, line[end] == line[start] { end += 1 }
        return end - start >= 3 ? (start, line[start], end - start) : nil
    }

    /// True when `line` is a closing fence for the given opening fence, inside the same number of
    /// block quotes (`>`) as the opening fence: an unterminated block's last line `> ```` is content.
    static func isClosingFence(_ line: [UInt8], character: UInt8, length: Int, quoteDepth: Int) -> Bool {
        var index = 0, quotes = 0
        while index < line.count, line[index] == 0x20 || line[index] == 0x09 || line[index] == UInt8(ascii: ">") {
            if line[index] == UInt8(ascii: ">") { quotes += 1 }
            index += 1
        }
        guard quotes == quoteDepth else { return false }
        var count = 0
        while index < line.count, line[index] == character { index += 1; count += 1 }
        guard count >= length else { return false }
        return line[index...].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// Splits on `\r\n`, `\n` or `\r`; a final line ending does not start an empty line.
    static func splitLines(_ text: String) -> [String] {
        let lines = SourceLines(Array(text.utf8))
        return (0..<lines.count).map { lines.text($0) }
    }

    private static func scalarColumn(_ line: [UInt8], byteOffset: Int) -> Int {
        String(decoding: line[0..<min(byteOffset, line.count)], as: UTF8.self).unicodeScalars.count + 1
    }
}
