internal import CCmark

/// What labbook needs from libcmark's tree, as plain Swift values.
struct ScannedMarkdown {
    struct CodeBlock {
        /// 1-based line of the opening fence.
        var startLine: Int
        /// 1-based column of the block's first character.
        var startColumn: Int
        /// 1-based line where cmark ended the block (the closing fence when there is one).
        var endLine: Int
        var info: String
        var literal: String
    }

    struct Heading {
        var line: Int
        var level: Int
        var text: String
    }

    var codeBlocks: [CodeBlock] = []
    var headings: [Heading] = []
    /// Every leaf block (paragraph, heading, code, HTML, thematic break), in document order.
    var blocks: [MarkdownBlock] = []
}

/// The only code that calls libcmark. Every node, iterator and parser is freed before returning.
enum CommonMarkScanner {
    static func scan(_ bytes: [UInt8]) -> ScannedMarkdown {
        var result = ScannedMarkdown()
        let root: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    cmark_parse_document(chars, buffer.count, CMARK_OPT_DEFAULT)
                }
            } ?? cmark_parse_document("", 0, CMARK_OPT_DEFAULT)
        }
        guard let root else { return result }
        defer { cmark_node_free(root) }
        guard let iterator = cmark_iter_new(root) else { return result }
        defer { cmark_iter_free(iterator) }

        var heading: ScannedMarkdown.Heading?
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event != CMARK_EVENT_EXIT, let kind = leafKind(type) {
                let start = Int(cmark_node_get_start_line(node))
                // cmark's end line of an HTML block is one short when the block ends at its terminator (`-->`):
                // count the lines of its text instead.
                let end = kind == .html ? start + max(1, string(cmark_node_get_literal(node)).utf8.filter { $0 == 0x0A }.count) - 1
                    : Int(cmark_node_get_end_line(node))
                result.blocks.append(MarkdownBlock(kind: kind, startLine: start, endLine: end,
                                                   isTopLevel: cmark_node_parent(node) == root))
            }
            switch (type, event) {
            case (CMARK_NODE_CODE_BLOCK, _):
                result.codeBlocks.append(codeBlock(node))
            case (CMARK_NODE_HEADING, CMARK_EVENT_ENTER):
                heading = .init(line: Int(cmark_node_get_start_line(node)),
                                level: Int(cmark_node_get_heading_level(node)), text: "")
            case (CMARK_NODE_HEADING, CMARK_EVENT_EXIT):
                if let finished = heading {
                    result.headings.append(finished)
                    result.blocks[result.blocks.count - 1].kind = .heading(level: finished.level, text: finished.text)
                }
                heading = nil
            case (CMARK_NODE_TEXT, _), (CMARK_NODE_CODE, _):
                if heading != nil { heading?.text += string(cmark_node_get_literal(node)) }
            case (CMARK_NODE_SOFTBREAK, _), (CMARK_NODE_LINEBREAK, _):
                if heading != nil { heading?.text += " " }
            default:
                break
            }
        }
        return result
    }

    private static func leafKind(_ type: cmark_node_type) -> MarkdownBlock.Kind? {
        switch type {
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: 0, text: "")  // completed when the heading is left
        case CMARK_NODE_CODE_BLOCK: return .code
        case CMARK_NODE_HTML_BLOCK: return .html
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        default: return nil
        }
    }

    private static func codeBlock(_ node: OpaquePointer) -> ScannedMarkdown.CodeBlock {
        return .init(startLine: Int(cmark_node_get_start_line(node)),
                     startColumn: Int(cmark_node_get_start_column(node)),
                     endLine: Int(cmark_node_get_end_line(node)),
                     info: string(cmark_node_get_fence_info(node)),
                     literal: string(cmark_node_get_literal(node)))
    }

    /// Copies a string owned by a cmark node (not to be freed by the caller).
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
