import Steps
import Runner
import Config
import Support
import Foundation
import Literate
import Results

/// Reads and writes saved model files: one header line of JSON with the format name, the version and the
/// SHA-256 of the rest, then the `SavedModel` as JSON. A damaged or edited file fails its checksum.
public enum ModelFile {
    public static let format = "labbook-model"
    public static let version = 1

    struct Header: Codable {
        var format: String
        var version: Int
        var sha256: String
    }

    /// The bytes of a model file.
    public static func encode(_ model: SavedModel) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                      nan: "nan")
        let payload = try encoder.encode(model)
        var data = try encoder.encode(Header(format: format, version: version, sha256: SHA256.hex(payload)))
        data.append(UInt8(ascii: "\n"))
        data.append(payload)
        return data
    }

    /// Decodes a model file; `name` is how messages name it. Throws `RunError` with what is wrong.
    public static func decode(_ data: Data, name: String) throws -> SavedModel {
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")),
              let header = try? JSONDecoder().decode(Header.self, from: data[data.startIndex..<newline]),
              header.format == format else {
            throw RunError("\(name): error: not a labbook model file (create one with `labbook run`)")
        }
        guard header.version == version else {
            throw RunError("\(name): error: a version \(header.version) model file; this labbook reads version \(version): "
                           + "re-run the experiment to save it again")
        }
        let payload = data[data.index(after: newline)...]
        guard SHA256.hex(Data(payload)) == header.sha256 else {
            throw RunError("\(name): error: the model file is damaged (its checksum does not match): re-run the experiment to save it again")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                        nan: "nan")
        do {
            return try decoder.decode(SavedModel.self, from: Data(payload))
        } catch {
            throw RunError("\(name): error: the model file cannot be decoded (\(DecodingSummary.text(error))): re-run the experiment to save it again")
        }
    }

    public static func read(_ url: URL) throws -> SavedModel {
        let data: Data
        do {
            data = Data(try FileRead.bytes(url))
        } catch {
            throw RunError("\(url.path): error: cannot read the model file: \(error)")
        }
        return try decode(data, name: url.path)
    }
}
