/// A JSON decoding error in a few words (what was wrong and where), never Swift's full error dump, for
/// messages about damaged results and model files.
public enum DecodingSummary {
    public static func text(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "invalid JSON" }
        let context: DecodingError.Context, what: String
        switch error {
        case .typeMismatch(_, let c): (context, what) = (c, "unexpected type")
        case .valueNotFound(_, let c): (context, what) = (c, "missing value")
        case .keyNotFound(let key, let c): (context, what) = (c, "missing key `\(key.stringValue)`")
        case .dataCorrupted(let c): (context, what) = (c, "invalid JSON")
        @unknown default: return "invalid JSON"
        }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? what : "\(what) at `\(path.hasPrefix(".") ? String(path.dropFirst()) : path)`"
    }
}
