/// The lines of a file as byte ranges, so that text can be rewritten without touching
/// a single byte outside the edited lines. Line endings follow CommonMark: `\r\n`, `\n` or `\r`.
public struct SourceLines: Sendable {
    /// The file's bytes, unchanged.
    public let bytes: [UInt8]
    /// Byte offset where each line starts.
    public let starts: [Int]
    /// Byte offset where each line's content ends (its line ending excluded).
    public let contentEnds: [Int]
    /// Byte offset where each line ends (its line ending included).
    public let ends: [Int]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts: [Int] = []
        var contentEnds: [Int] = []
        var ends: [Int] = []
        var index = 0
        var start = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                let next = (byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) ? index + 2 : index + 1
                starts.append(start)
                contentEnds.append(index)
                ends.append(next)
                start = next
                index = next
            } else {
                index += 1
            }
        }
        if start < bytes.count {
            starts.append(start)
            contentEnds.append(bytes.count)
            ends.append(bytes.count)
        }
        self.starts = starts
        self.contentEnds = contentEnds
        self.ends = ends
    }

    /// Number of lines (a final line ending does not start a new line).
    public var count: Int { starts.count }

    /// The bytes of line `index` (0-based) without its line ending.
    public func content(_ index: Int) -> ArraySlice<UInt8> {
        bytes[starts[index]..<contentEnds[index]]
    }

    /// The text of line `index` (0-based) without its line ending.
    public func text(_ index: Int) -> String {
        String(decoding: content(index), as: UTF8.self)
    }

    /// True when line `index` (0-based) has a line ending.
    public func hasLineEnding(_ index: Int) -> Bool { ends[index] > contentEnds[index] }

    /// The file's own line ending: the first one found, `\n` when there is none.
    public var lineEnding: [UInt8] {
        for index in 0..<count where hasLineEnding(index) {
            return Array(bytes[contentEnds[index]..<ends[index]])
        }
        return [0x0A]
    }
}
