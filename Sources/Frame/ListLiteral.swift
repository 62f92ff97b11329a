/// Parses Python-style list literals of strings, as Spotify exports genre tags: `['dance pop', 'post-teen pop']`,
/// `[]`, and items that contain an apostrophe double-quoted: `["children's music", 'pop']`.
///
/// Items are quoted with `'` or `"`, separated by commas (a trailing comma is allowed), with optional spaces.
/// Inside an item a backslash escapes the next character (`\'`, `\"`, `\\`; `\n` and `\t` mean newline and tab).
public enum ListLiteral {
    /// The items of `text`, or nil when it is not a list literal.
    public static func parse(_ text: String) -> [String]? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    /// The items of the UTF-8 bytes `bytes`, or nil when they are not a list literal.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var i = 0
        let n = bytes.count
        func skipSpaces() { while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 } }
        skipSpaces()
        guard i < n, bytes[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var items: [String] = []
        skipSpaces()
        if i < n, bytes[i] == UInt8(ascii: "]") {
            i += 1
            skipSpaces()
            return i == n ? [] : nil
        }
        while true {
            skipSpaces()
            if i < n, bytes[i] == UInt8(ascii: "]"), !items.isEmpty { i += 1; break } // trailing comma
            guard i < n, bytes[i] == UInt8(ascii: "'") || bytes[i] == UInt8(ascii: "\"") else { return nil }
            let quote = bytes[i]
            i += 1
            var item: [UInt8] = []
            var closed = false
            while i < n {
                let b = bytes[i]
                if b == quote { closed = true; i += 1; break }
                if b == UInt8(ascii: "\\"), i + 1 < n {
                    let next = bytes[i + 1]
                    item.append(next == UInt8(ascii: "n") ? 0x0A : next == UInt8(ascii: "t") ? 0x09 : next)
                    i += 2
                    continue
                }
                item.append(b)
                i += 1
            }
            guard closed else { return nil }
            items.append(String(decoding: item, as: UTF8.self))
            skipSpaces()
            guard i < n else { return nil }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; break }
            return nil
        }
        skipSpaces()
        return i == n ? items : nil
    }
}
