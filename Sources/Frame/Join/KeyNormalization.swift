import Foundation

/// One way of normalizing join keys, as written in configs. Whatever order they are listed in, they are applied
/// as: case, accents, punctuation, whitespace, leading-the.
public enum KeyNormalization: String, Sendable, Codable, CaseIterable {
    /// Unicode lowercasing (`Beyoncé` → `beyoncé`).
    case `case`
    /// Canonical decomposition, then combining marks dropped (`beyoncé` → `beyonce`).
    case accents
    /// Each ASCII punctuation character ``!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~`` becomes a space
    /// (`AC/DC` → `AC DC`). Non-ASCII punctuation such as `’` is kept.
    case punctuation
    /// A leading `the` followed by whitespace is removed, in any case (`The Beatles` → `Beatles`).
    case leadingThe = "leading-the"
    /// Runs of Unicode whitespace become one space; leading and trailing whitespace is removed.
    case whitespace

    /// Applies the steps in `steps` (in the fixed order above) to `key`.
    public static func apply(_ steps: Set<KeyNormalization>, to key: String) -> String {
        var s = key
        if steps.contains(.case) { s = s.lowercased() }
        if steps.contains(.accents), !s.utf8.allSatisfy({ $0 < 0x80 }) {
            let scalars = s.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                $0.properties.canonicalCombiningClass == .notReordered
            }
            s = String(String.UnicodeScalarView(scalars))
        }
        if steps.contains(.punctuation) {
            s = String(String.UnicodeScalarView(s.unicodeScalars.map { isASCIIPunctuation($0) ? " " : $0 }))
        }
        if steps.contains(.whitespace) {
            s = s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        if steps.contains(.leadingThe) {
            let scalars = Array(s.unicodeScalars)
            if scalars.count > 4, String(String.UnicodeScalarView(scalars[0..<3])).lowercased() == "the",
               scalars[3].properties.isWhitespace {
                var i = 3
                while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
                if i < scalars.count { s = String(String.UnicodeScalarView(scalars[i...])) }
            }
        }
        return s
    }

    private static func isASCIIPunctuation(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }
}
