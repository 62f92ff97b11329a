/// A fenced code block of an experiment file, with enough position information to map a
/// position inside its content back to the file.
public struct FencedBlock: Sendable, Equatable {
    /// 1-based line of the opening fence.
    public let openingLine: Int
    /// 1-based line of the closing fence; nil when the fence is never closed.
    public let closingLine: Int?
    /// 1-based column of the first fence character on the opening line.
    public let fenceColumn: Int
    /// The fence character: a backtick or a tilde.
    public let fenceCharacter: Character
    /// How many fence characters open the block (3 or more).
    public let fenceLength: Int
    /// The info string after the opening fence, trimmed.
    public let info: String
    /// The block's content as CommonMark sees it (container indentation removed), `\n` line endings.
    public let content: String
    /// For each content line, how many Unicode scalars precede it on its line of the file.
    let columnOffsets: [Int]

    /// Words of the info string.
    public var infoWords: [String] { info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }

    /// Maps a 1-based (line, column) inside `content` to the matching position in the file.
    public func fileLocation(contentLine: Int, contentColumn: Int, file: String) -> SourceLocation {
        let index = contentLine - 1
        let offset = columnOffsets.indices.contains(index) ? columnOffsets[index] : 0
        return SourceLocation(file: file, line: openingLine + contentLine, column: contentColumn + offset)
    }
}

/// A fenced block whose info string is `yaml NAME`: the configuration of step NAME.
public struct StepBlock: Sendable, Equatable {
    /// The step's name as written after `yaml`.
    public let name: String
    public let block: FencedBlock
    /// 1-based column of the step name on the opening line.
    public let nameColumn: Int
    /// The labbook output block that follows this step, if the file has one.
    public let output: OutputRegion?
}

/// The lines a labbook output block occupies, markers included.
public struct OutputRegion: Sendable, Equatable {
    /// 1-based line of `<!-- labbook:output NAME -->`.
    public let startLine: Int
    /// 1-based line of `<!-- labbook:end NAME -->`.
    public let endLine: Int
}

/// The HTML-comment markers that delimit the text labbook owns.
public enum OutputMarker {
    static let startPrefix = "<!-- labbook:output ", endPrefix = "<!-- labbook:end ", suffix = " -->"

    /// `<!-- labbook:output NAME -->`
    public static func start(_ step: String) -> String { startPrefix + step + suffix }
    /// `<!-- labbook:end NAME -->`
    public static func end(_ step: String) -> String { endPrefix + step + suffix }

    enum Kind { case start, end }

    /// Which marker a line holds (container prefix and trailing blanks removed), whatever its step, or nil.
    static func kind(of line: ArraySlice<UInt8>) -> Kind? {
        guard line.reversed().starts(with: suffix.utf8.reversed()) else { return nil }
        if line.starts(with: endPrefix.utf8) { return .end }
        return line.starts(with: startPrefix.utf8) ? .start : nil
    }
}
