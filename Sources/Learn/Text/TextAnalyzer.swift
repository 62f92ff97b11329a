/// How a text is cut into terms (scikit-learn's `analyzer`).
public enum TextAnalyzer: String, Sendable, Codable, CaseIterable {
    /// Word n-grams of the tokens `\b\w\w+\b` (runs of two or more letters, digits or underscores).
    case word
    /// Character n-grams of the whole text, runs of whitespace collapsed to one space.
    case char
    /// Character n-grams inside word boundaries: each whitespace-separated word padded with one space.
    case charWB = "char_wb"
}

/// The terms of one text, exactly as scikit-learn's `TfidfVectorizer` builds them (lowercased first when asked).
/// Characters are Unicode scalars, as Python's code points.
public struct TextTerms: Sendable, Equatable {
    public var analyzer: TextAnalyzer
    public var ngramRange: (min: Int, max: Int)
    public var lowercase: Bool

    public init(analyzer: TextAnalyzer, ngramRange: (min: Int, max: Int), lowercase: Bool = true) {
        self.analyzer = analyzer
        self.ngramRange = ngramRange
        self.lowercase = lowercase
    }

    public static func == (a: TextTerms, b: TextTerms) -> Bool {
        a.analyzer == b.analyzer && a.ngramRange == b.ngramRange && a.lowercase == b.lowercase
    }

    /// Every term occurrence of `text`, in scikit-learn's order.
    public func terms(_ text: String) -> [String] {
        let scalars = Array((lowercase ? text.lowercased() : text).unicodeScalars)
        switch analyzer {
        case .word: return wordNgrams(Self.tokens(scalars))
        case .char: return charNgrams(Self.collapsingWhitespace(scalars))
        case .charWB: return charWBNgrams(Self.collapsingWhitespace(scalars))
        }
    }

    /// Maximal runs of word characters of length ≥ 2 (Python's `(?u)\b\w\w+\b`).
    static func tokens(_ s: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var out: [[Unicode.Scalar]] = [], run: [Unicode.Scalar] = []
        for c in s {
            if isWordCharacter(c) { run.append(c); continue }
            if run.count >= 2 { out.append(run) }
            run.removeAll(keepingCapacity: true)
        }
        if run.count >= 2 { out.append(run) }
        return out
    }

    /// Python's `\w` in Unicode mode: letters, numbers and the underscore (not combining marks).
    static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        if c == "_" { return true }
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Python's `\s` in Unicode mode.
    static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `re.sub(r"\s\s+", " ", text)`: runs of two or more whitespace characters become one space.
    static func collapsingWhitespace(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if isWhitespace(s[i]), i + 1 < s.count, isWhitespace(s[i + 1]) {
                var j = i
                while j < s.count, isWhitespace(s[j]) { j += 1 }
                out.append(" ")
                i = j
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }

    private func wordNgrams(_ tokens: [[Unicode.Scalar]]) -> [String] {
        let words = tokens.map { String(String.UnicodeScalarView($0)) }
        var out: [String] = []
        if ngramRange.min == 1 { out = words }
        let lowest = max(2, ngramRange.min)
        if ngramRange.max >= lowest {
            for n in lowest...ngramRange.max where n <= words.count {
                for i in 0...(words.count - n) { out.append(words[i..<(i + n)].joined(separator: " ")) }
            }
        }
        return out
    }

    private func charNgrams(_ s: [Unicode.Scalar]) -> [String] {
        var out: [String] = []
        let top = min(ngramRange.max, s.count)
        guard top >= ngramRange.min else { return out }
        let text = ScalarSlicer(s)
        for n in ngramRange.min...top {
            for i in 0...(s.count - n) { out.append(text.string(i, i + n)) }
        }
        return out
    }

    private func charWBNgrams(_ s: [Unicode.Scalar]) -> [String] {
        var out: [String] = []
        for word in Self.words(s) {
            let w = ScalarSlicer([" "] + word + [" "])
            for n in ngramRange.min...ngramRange.max {
                var offset = 0
                out.append(w.string(offset, min(offset + n, w.count)))
                while offset + n < w.count {
                    offset += 1
                    out.append(w.string(offset, min(offset + n, w.count)))
                }
                if offset == 0 { break }  // a word shorter than n: counted once
            }
        }
        return out
    }

    /// Python's `str.split()`: runs of non-whitespace.
    static func words(_ s: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var out: [[Unicode.Scalar]] = [], run: [Unicode.Scalar] = []
        for c in s {
            if isWhitespace(c) {
                if !run.isEmpty { out.append(run) }
                run.removeAll(keepingCapacity: true)
            } else {
                run.append(c)
            }
        }
        if !run.isEmpty { out.append(run) }
        return out
    }

}

/// A text whose runs of scalars are cut out as strings by copying UTF-8 bytes (no per-scalar appends).
struct ScalarSlicer {
    private let utf8: [UInt8]
    /// Byte offset of each scalar, and the end.
    private let offsets: [Int]
    var count: Int { offsets.count - 1 }

    init(_ scalars: [Unicode.Scalar]) {
        var bytes: [UInt8] = [], offsets: [Int] = []
        bytes.reserveCapacity(scalars.count)
        offsets.reserveCapacity(scalars.count + 1)
        for c in scalars {
            offsets.append(bytes.count)
            UTF8.encode(c) { bytes.append($0) }
        }
        offsets.append(bytes.count)
        utf8 = bytes
        self.offsets = offsets
    }

    /// Scalars `from..<to` as a string.
    func string(_ from: Int, _ to: Int) -> String {
        String(decoding: utf8[offsets[from]..<offsets[to]], as: UTF8.self)
    }
}
