import Foundation

/// Structural mistakes in an experiment file that cmark accepts but that would make labbook misread it.
enum DocumentChecks {
    /// A labbook marker that belongs to no output block, e.g. an end marker whose start marker was deleted by
    /// hand: write-back would insert a second block and leave the stray marker behind.
    static func strayMarkers(lines: SourceLines, steps: [StepBlock], fenced: [FencedBlock], fileName: String,
                             reported: Set<Int>) -> [Diagnostic] {
        var owned = IndexSet()
        for step in steps { if let region = step.output { owned.insert(integersIn: region.startLine...region.endLine) } }
        for block in fenced { owned.insert(integersIn: block.openingLine...(block.closingLine ?? lines.count)) }
        var found: [Diagnostic] = []
        for index in 0..<lines.count where !owned.contains(index + 1) && !reported.contains(index + 1) {
            let line = OutputReader.normalized(lines.content(index))
            guard let kind = OutputMarker.kind(of: line) else { continue }
            let isEnd = kind == .end
            let text = String(decoding: line, as: UTF8.self)
            let location = SourceLocation(file: fileName, line: index + 1, column: 1)
            found.append(Diagnostic(at: location, isEnd
                ? "end marker `\(text)` has no start marker before it (was the start deleted?): delete this line and "
                    + "the rest of the old output block, and run again"
                : "output marker `\(text)` does not follow its step block: delete the block from this line to its "
                    + "end marker, and run again"))
        }
        return found
    }

    /// A step block whose YAML holds a line that opens another fence (```` ```yaml clean ````): the block's
    /// own closing fence is missing, and cmark closed it at a later fence instead. The message names the
    /// line the fence was opened at and the next fence, instead of a YAML error about the swallowed lines.
    static func unclosedBefore(_ block: FencedBlock, fileName: String) -> Diagnostic? {
        let fence = String(repeating: String(block.fenceCharacter), count: block.fenceLength)
        for (index, line) in FenceReader.splitLines(block.content).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix(fence) else { continue }
            let info = trimmed.drop { $0 == block.fenceCharacter }.trimmingCharacters(in: .whitespaces)
            guard !info.isEmpty, !info.contains(block.fenceCharacter) else { continue }
            let next = block.openingLine + 1 + index
            return Diagnostic(at: SourceLocation(file: fileName, line: block.openingLine, column: block.fenceColumn),
                "the fence opened at line \(block.openingLine) is not closed before the next one (line \(next)): "
                    + "add a closing \(fence) line before line \(next)")
        }
        return nil
    }
}
