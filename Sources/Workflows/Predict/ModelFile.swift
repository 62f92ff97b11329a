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
    public static let version = 2

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
        var stored = model
        for i in stored.models.indices {
            if let column = stored.models[i].sharesFitOf { stored.models[i].fitted = .sharedFit(column: column) }
        }
        let payload = try encoder.encode(stored)
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
            return try restoringSharedFits(try decoder.decode(SavedModel.self, from: Data(payload)), name: name)
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError("\(name): error: the model file cannot be decoded (\(DecodingSummary.text(error))): re-run the experiment to save it again")
        }
    }

    /// Puts back the fit of every target model stored as `sharedFit`: the fit saved with the named column's model.
    static func restoringSharedFits(_ model: SavedModel, name: String) throws -> SavedModel {
        var restored = model
        for i in restored.models.indices {
            guard case .sharedFit(let column) = restored.models[i].fitted else { continue }
            guard let owner = model.models.first(where: { $0.column == column }), owner.sharesFitOf == nil else {
                throw RunError("\(name): error: the model file cannot be decoded (a target shares the fit of column "
                               + "\(column), which holds none): re-run the experiment to save it again")
            }
            restored.models[i].fitted = owner.fitted
        }
        return restored
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
