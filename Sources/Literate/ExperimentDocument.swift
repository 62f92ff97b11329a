import Foundation

/// A parsed experiment file: its bytes (kept verbatim for write-back), title, fenced blocks,
/// step blocks in document order and any structural problems found while parsing.
public struct ExperimentDocument: Sendable {
    /// The name used in messages, e.g. `experiments/x.md`.
    public let fileName: String
    public let lines: SourceLines
    /// The text of the first heading, if any.
    public let title: String?
    /// Every fenced code block, in document order.
    public let fencedBlocks: [FencedBlock]
    /// The `yaml NAME` blocks, in document order.
    public let stepBlocks: [StepBlock]
    /// Unterminated fences and broken output blocks.
    public let diagnostics: [Diagnostic]
    /// cmark's leaf blocks (headings, paragraphs, code, HTML), in document order.
    public let blocks: [MarkdownBlock]

    /// Parses Markdown bytes. Never throws: problems are collected in `diagnostics`.
    public init(bytes: [UInt8], fileName: String) {
        self.fileName = fileName
        let lines = SourceLines(bytes)
        self.lines = lines
        let scanned = CommonMarkScanner.scan(bytes)
        title = scanned.headings.first.map { $0.text.trimmingCharacters(in: .whitespaces) }
        blocks = scanned.blocks.map { $0.endingSetextAtUnderline(lines) }
        var diagnostics: [Diagnostic] = []
        var fenced: [FencedBlock] = []
        var steps: [StepBlock] = []
        var outputEnd = 0  // last line of the latest step's output block
        let blockStarts = Set(scanned.codeBlocks.map(\.startLine))
        for code in scanned.codeBlocks {
            guard let block = FenceReader.fencedBlock(code, lines: lines, blockStarts: blockStarts) else { continue }
            fenced.append(block)
            if block.closingLine == nil {
                let location = SourceLocation(file: fileName, line: block.openingLine, column: block.fenceColumn)
                let fence = String(repeating: String(block.fenceCharacter), count: block.fenceLength)
                diagnostics.append(Diagnostic(at: location,
                    "unterminated code fence: add a closing \(fence) line after the block"))
                continue
            }
            let words = block.infoWords
            // A fence inside an earlier step's output block is labbook's output, not a step.
            guard words.count == 2, words[0] == "yaml", block.openingLine > outputEnd else { continue }
            if let unclosed = DocumentChecks.unclosedBefore(block, fileName: fileName) {
                diagnostics.append(unclosed)
                continue
            }
            let output = OutputReader.region(after: block, step: words[1], lines: lines, fileName: fileName,
                                             diagnostics: &diagnostics)
            outputEnd = max(outputEnd, output?.endLine ?? 0)
            steps.append(StepBlock(name: words[1], block: block,
                                   nameColumn: FenceReader.nameColumn(block: block, lines: lines),
                                   output: output))
        }
        diagnostics += Self.fencesCrossingOutputs(fenced, steps: steps, fileName: fileName)
        diagnostics += DocumentChecks.strayMarkers(lines: lines, steps: steps, fenced: fenced, fileName: fileName,
                                                   reported: Set(diagnostics.map(\.location.line)))
        fencedBlocks = fenced
        stepBlocks = steps
        self.diagnostics = diagnostics
    }

    /// A code fence that opens inside an output block and closes after it (or the reverse) was edited by
    /// hand: rewriting the block would break the fence, so write-back must not go ahead.
    private static func fencesCrossingOutputs(_ fenced: [FencedBlock], steps: [StepBlock], fileName: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for step in steps {
            guard let region = step.output else { continue }
            let inside = region.startLine...region.endLine
            for block in fenced {
                let end = block.closingLine ?? Int.max
                guard inside.contains(block.openingLine) != inside.contains(end) else { continue }
                found.append(Diagnostic(at: SourceLocation(file: fileName, line: region.startLine, column: 1),
                    "the output block of `\(step.name)` has a code fence (line \(block.openingLine)) that crosses its "
                    + "markers: delete the block from `\(OutputMarker.start(step.name))` to `\(OutputMarker.end(step.name))`"))
                break
            }
        }
        return found
    }

    /// Reads and parses a file. `displayName` is used in messages (defaults to the path).
    public init(contentsOf url: URL, displayName: String? = nil) throws {
        let data = try Data(contentsOf: url)
        self.init(bytes: [UInt8](data), fileName: displayName ?? url.path)
    }

    /// The step block named `name`, if the document has one.
    public func stepBlock(named name: String) -> StepBlock? {
        stepBlocks.first { $0.name == name }
    }
}
