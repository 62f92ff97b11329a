/// The experiment's Markdown split into the workspace and the author's own `## Discussion` section.
struct Workspace {
    /// The experiment text without the author's discussion section.
    var markdown: String
    /// The body of the author's `## Discussion` section (without its heading), if there is one.
    var authorDiscussion: String?
    /// The text of the first level-1 heading, if the document starts with one.
    var title: String?

    init(_ source: String) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var kept: [String] = [], discussion: [String] = []
        var fence: String? = nil
        var inDiscussion = false
        var foundDiscussion = false
        for line in lines {
            let trimmed = line.trimming(" ")
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
            } else if let level = Workspace.headingLevel(line), level <= 2 {
                let text = Workspace.headingText(line)
                inDiscussion = level == 2 && text.lowercased() == "discussion" && !foundDiscussion
                if inDiscussion { foundDiscussion = true; continue }
            }
            if inDiscussion { discussion.append(line) } else { kept.append(line) }
        }
        markdown = kept.joined(separator: "\n")
        let body = discussion.joined(separator: "\n").trimming("\n")
        authorDiscussion = foundDiscussion && !body.isEmpty ? body : nil
        title = kept.first { !$0.trimming(" ").isEmpty }.flatMap { line in
            Workspace.headingLevel(line) == 1 ? Workspace.headingText(line) : nil
        }
    }

    /// The steps whose output block (`<!-- labbook:output STEP -->`) the workspace shows.
    var stepsWithOutput: Set<String> {
        Set(WorkspaceBlocks.split(markdown).compactMap { if case let .outputStart(step) = $0 { return step } else { return nil } })
    }

    /// The workspace without its leading title heading (the HTML page shows the title itself).
    var markdownWithoutTitle: String {
        guard title != nil else { return markdown }
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.firstIndex(where: { !$0.trimming(" ").isEmpty }) { lines.remove(at: first) }
        return lines.joined(separator: "\n")
    }

    /// The level of an ATX heading line (`#` to `######` after at most 3 spaces), or nil.
    static func headingLevel(_ line: String) -> Int? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        let hashes = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let after = rest.dropFirst(hashes)
        return after.isEmpty || after.first == " " || after.first == "\t" ? hashes : nil
    }

    static func headingText(_ line: String) -> String {
        var text = line.trimming(" ").drop { $0 == "#" }.trimming(" ")
        while text.hasSuffix("#") { text.removeLast() }
        return text.trimming(" ")
    }
}

extension StringProtocol {
    func trimming(_ set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
