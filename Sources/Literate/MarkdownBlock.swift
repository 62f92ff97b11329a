import Foundation

/// A leaf block of the document as cmark parsed it: what kind of block, which lines it spans, and whether it
/// sits at the top level (not inside a list item or block quote). Lets readers of the document (the report's
/// workspace) use cmark's structure instead of scanning lines again.
public struct MarkdownBlock: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// An ATX or setext heading with its plain text (inline markup removed).
        case heading(level: Int, text: String)
        case paragraph
        /// A fenced or indented code block.
        case code
        /// A raw HTML block, such as an HTML comment.
        case html
        case thematicBreak
    }

    public internal(set) var kind: Kind
    /// 1-based first line.
    public let startLine: Int
    /// 1-based last line (a fenced block's closing fence included).
    public let endLine: Int
    public let isTopLevel: Bool

    /// The heading's level and trimmed text, when the block is a heading.
    public var heading: (level: Int, text: String)? {
        guard case let .heading(level, text) = kind else { return nil }
        return (level, text.trimmingCharacters(in: [" ", "\t"]))
    }

    /// cmark ends a setext heading on the line after its underline (unless the file ends at the underline):
    /// the block with its heading ending at the underline.
    func endingSetextAtUnderline(_ lines: SourceLines) -> MarkdownBlock {
        guard heading != nil, endLine > startLine, endLine <= lines.count,
              !Self.isUnderline(lines.content(endLine - 1)), Self.isUnderline(lines.content(endLine - 2)) else { return self }
        return MarkdownBlock(kind: kind, startLine: startLine, endLine: endLine - 1, isTopLevel: isTopLevel)
    }

    /// A setext underline: `=` or `-` characters only, after the container prefix (blanks and `>`).
    private static func isUnderline(_ line: ArraySlice<UInt8>) -> Bool {
        let text = OutputReader.normalized(line)
        guard let first = text.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "-") else { return false }
        return text.allSatisfy { $0 == first }
    }
}
