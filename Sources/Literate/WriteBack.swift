/// Writes step outputs into an experiment document between labbook's markers.
///
/// Only the lines from `<!-- labbook:output NAME -->` to `<!-- labbook:end NAME -->` are labbook's:
/// every other byte of the file is kept as it was. A missing block is inserted right after its step's
/// closing fence, indented like that fence; inserted lines use the file's own line ending.
public enum WriteBack {
    /// The document's bytes with each step's output block set to `outputs[step]` (Markdown, `\n` line
    /// endings). Steps without an entry in `outputs` keep whatever block they have.
    public static func apply(_ outputs: [String: String], to document: ExperimentDocument) -> [UInt8] {
        let lines = document.lines
        let eol = lines.lineEnding
        // Edits sorted by position: replace [first, last] lines, or insert after line `first - 1`.
        var edits: [(first: Int, last: Int?, text: [UInt8])] = []
        for step in document.stepBlocks {
            guard let markdown = outputs[step.name], let closing = step.block.closingLine else { continue }
            let prefix = containerPrefix(lines.content(closing - 1))
            let block = render(markdown, step: step.name, prefix: prefix, eol: eol)
            if let region = step.output {
                edits.append((region.startLine - 1, region.endLine - 1, block))
            } else {
                let needsEOL = !lines.hasLineEnding(closing - 1)
                edits.append((closing, nil, (needsEOL ? eol : []) + block))
            }
        }
        edits.sort { $0.first < $1.first }
        var result: [UInt8] = []
        result.reserveCapacity(lines.bytes.count + edits.reduce(0) { $0 + $1.text.count })
        var cursor = 0  // next byte of the original still to copy
        for edit in edits {
            let editStart = edit.first < lines.count ? lines.starts[edit.first] : lines.bytes.count
            guard editStart >= cursor else { continue }  // never overlap an earlier edit (cannot happen for parsed documents)
            result += lines.bytes[cursor..<editStart]
            result += edit.text
            cursor = edit.last.map { lines.ends[$0] } ?? editStart
            // In a file with mixed line endings, a block ending in a lone `\r` followed by a `\n` would
            // swallow the next (blank) line into a `\r\n`: end the block with `\r\n` instead.
            if edit.text.last == 0x0D, cursor < lines.bytes.count, lines.bytes[cursor] == 0x0A { result.append(0x0A) }
        }
        result += lines.bytes[cursor...]
        return result
    }

    /// Where `current` (the file as it is now) differs from `planned` (the file the run was planned from) in
    /// its steps: the first step block whose name or text changed, or line 1 when steps were added or removed.
    /// nil when every step block is as planned; outputs may then be written back.
    public static func changedStep(planned: ExperimentDocument, current: ExperimentDocument) -> SourceLocation? {
        for (old, new) in zip(planned.stepBlocks, current.stepBlocks)
        where old.name != new.name || old.block.content != new.block.content || old.block.info != new.block.info {
            return SourceLocation(file: current.fileName, line: new.block.openingLine, column: new.nameColumn)
        }
        guard planned.stepBlocks.count == current.stepBlocks.count else {
            return SourceLocation(file: current.fileName, line: 1, column: 1)
        }
        return nil
    }

    /// The output block's lines, markers included, each ending with `eol`.
    static func render(_ markdown: String, step: String, prefix: [UInt8], eol: [UInt8]) -> [UInt8] {
        var blankPrefix = prefix
        while let last = blankPrefix.last, last == 0x20 || last == 0x09 { blankPrefix.removeLast() }
        var body = FenceReader.splitLines(markdown)
        while let first = body.first, first.allSatisfy(\.isWhitespace) { body.removeFirst() }
        while let last = body.last, last.allSatisfy(\.isWhitespace) { body.removeLast() }
        var out: [UInt8] = prefix + Array(OutputMarker.start(step).utf8) + eol + blankPrefix + eol
        for line in body {
            out += line.isEmpty ? blankPrefix : prefix + Array(line.utf8)
            out += eol
        }
        out += blankPrefix + eol + prefix + Array(OutputMarker.end(step).utf8) + eol
        return out
    }

    /// The blanks and `>` before the fence on a closing-fence line: what each inserted line starts with.
    static func containerPrefix(_ line: ArraySlice<UInt8>) -> [UInt8] {
        var prefix: [UInt8] = []
        for byte in line {
            guard byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ">") else { break }
            prefix.append(byte)
        }
        return prefix
    }
}
