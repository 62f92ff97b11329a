/// SplitMix64, for reproducible generated documents.
struct TestRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Generates experiment-like Markdown documents with fences of every kind, lists, Unicode,
/// CRLF or LF line endings, and existing, stale or missing output blocks.
struct DocumentGenerator {
    var random: TestRandom
    let stepNames = ["load", "clean", "cluster", "train", "evaluate", "report", "extra_1", "extra-2"]
    let words = ["valence", "arousal", "naïve", "日本語", "🎵", "Ünïcødé", "r = 0.4", "*em*", "`code`",
                 "tab\there", "trailing  ", "a|b", "<b>html</b>", "[link](x)", "—", "\u{00A0}nbsp"]

    struct Document {
        var text: String
        var steps: [String]
        var endsAtBareFence: Bool
    }

    init(seed: UInt64) { random = TestRandom(seed: seed) }

    mutating func document() -> Document {
        let eol = random.chance(35) ? "\r\n" : "\n"
        var names = stepNames
        var steps: [String] = []
        var lines: [String] = []
        if random.chance(70) { lines.append("# " + sentence()) }
        var endsAtBareFence = false
        for _ in 0..<(3 + random.below(10)) {
            endsAtBareFence = false
            switch random.below(6) {
            case 0: lines.append(sentence())
            case 1: lines.append("")
            case 2: lines += ordinaryFence(indent: "")
            case 3: lines += listItem()
            default:
                guard !names.isEmpty else { lines.append(sentence()); continue }
                let name = names.remove(at: random.below(names.count))
                steps.append(name)
                let container = random.below(10)
                let indent = container < 3 ? random.pick(["  ", "   "]) : container == 3 ? "> " : ""
                if container < 3 { lines += [(indent == "  " ? "- " : "1. ") + sentence(), ""] }
                lines += stepBlock(name, indent: indent)
                endsAtBareFence = true
                switch random.below(4) {
                case 0: lines += outputBlock(name, indent: indent)
                case 1: lines += Array(repeating: "", count: 1 + random.below(2)) + outputBlock(name, indent: indent)
                default: break
                }
                if lines.last.map({ $0.hasSuffix("-->") }) ?? false { endsAtBareFence = false }
            }
        }
        var text = lines.joined(separator: eol)
        if random.chance(80) { text += eol; endsAtBareFence = false }
        return Document(text: text, steps: steps, endsAtBareFence: endsAtBareFence)
    }

    mutating func output() -> String {
        (0..<(1 + random.below(5))).map { _ in random.chance(20) ? "" : random.pick(["| a | b |", "- ", "**"]) + sentence() }
            .joined(separator: "\n")
    }

    /// An empty line inside the container: `>` in a block quote, nothing in a list item.
    private func blank(_ indent: String) -> String { indent.hasPrefix(">") ? ">" : "" }

    private mutating func sentence() -> String {
        (0..<(1 + random.below(6))).map { _ in random.pick(words) }.joined(separator: " ")
    }

    private mutating func fence() -> String {
        random.chance(60) ? String(repeating: "`", count: 3 + random.below(3)) : String(repeating: "~", count: 3 + random.below(2))
    }

    private mutating func body(fence: String, indent: String) -> [String] {
        let shorter = String(repeating: fence.first ?? "`", count: max(0, fence.count - 1))
        return (0..<random.below(5)).map { _ in
            switch random.below(5) {
            case 0 where shorter.count >= 3: return indent + shorter
            case 1: return indent + (fence.first == "`" ? "~~~" : "```") + "inner"
            case 2: return blank(indent)
            default: return indent + "key_\(random.below(9)): " + random.pick(["1", "[x, y]", "{a: 1}", "é", "\"q\""])
            }
        }
    }

    private mutating func ordinaryFence(indent: String) -> [String] {
        let fence = fence()
        let info = random.pick(["", "python", "yaml", "text", " sh  "])
        return [indent + fence + info] + body(fence: fence, indent: indent) + [indent + fence + random.pick(["", " ", "\t"])]
    }

    private mutating func stepBlock(_ name: String, indent: String) -> [String] {
        let fence = fence()
        return [indent + fence + random.pick(["yaml ", "yaml  ", " yaml "]) + name] + body(fence: fence, indent: indent)
            + [indent + fence]
    }

    private mutating func listItem() -> [String] {
        var lines = ["- " + sentence()]
        if random.chance(50) { lines += [""] + ordinaryFence(indent: "  ") }
        if random.chance(50) { lines += ["  - nested " + sentence()] }
        return lines
    }

    private mutating func outputBlock(_ name: String, indent: String) -> [String] {
        ["\(indent)<!-- labbook:output \(name) -->"] + output().split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? blank(indent) : indent + $0 } + ["\(indent)<!-- labbook:end \(name) -->"]
    }
}
