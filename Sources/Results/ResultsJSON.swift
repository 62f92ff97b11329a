import Support
import Foundation

/// Reads and writes `reports/NAME.results.json` byte-stably: sorted keys, pretty printed,
/// doubles in their shortest round-trip form, NaN and infinities as the strings `nan`, `inf`, `-inf`.
public enum ResultsJSON {
    /// The encoder used for results files (sorted keys, so the same results always give the same bytes).
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// The matching decoder.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// The JSON bytes of `results`, ending with a newline.
    public static func encode(_ results: RunResults) throws -> Data {
        var data = try encoder().encode(results)
        data.append(0x0A)
        return data
    }

    /// Decodes results; the error names the file when `source` is given.
    public static func decode(_ data: Data, source: String = "results JSON") throws -> RunResults {
        do {
            return try decoder().decode(RunResults.self, from: data)
        } catch {
            throw ReportError.unreadableResults(source: source, reason: DecodingSummary.text(error))
        }
    }

    /// Reads `url` as a results file.
    public static func read(_ url: URL) throws -> RunResults {
        let data: Data
        do {
            data = Data(try FileRead.bytes(url))
        } catch {
            throw ReportError.unreadableResults(source: url.path, reason: "\(error)")
        }
        return try decode(data, source: url.path)
    }

    /// Writes `results` to `url` atomically.
    public static func write(_ results: RunResults, to url: URL) throws {
        try AtomicFile.createFolder(url.deletingLastPathComponent())
        try AtomicFile.write(encode(results), to: url)
    }
}

/// Errors from reading results or writing report files.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    case unreadableResults(source: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadableResults(source, reason):
            return "cannot read the results \(source) (\(reason)): re-run the experiment to regenerate them"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
