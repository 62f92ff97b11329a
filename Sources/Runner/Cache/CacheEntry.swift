import Literate
import Config
import Support
import Foundation
import Results

/// What identifies one step's cached result, and what `--explain` compares with the previous run.
public struct StepRecord: Codable, Sendable, Equatable {
    public var step: String
    /// Key of version, seed, name, configuration and upstream key; the entry's file name.
    public var baseKey: String
    /// `baseKey` plus the data files' hashes: the key the next step chains on.
    public var key: String
    public var upstreamStep: String?
    public var upstreamKey: String
    public var labbookVersion: String
    public var seed: UInt64
    public var config: [ConfigEntry]
    public var dataFiles: [DataFileHash]
}

/// Everything needed to reuse one step: its record, its output block, its results and its artifacts.
struct CacheEntry {
    var record: StepRecord
    var markdown: String
    /// Seconds the step took when it was computed.
    var seconds: Double
    var results: ResultsPart
    /// The step codec's bytes.
    var artifacts: Data

    private struct Header: Codable {
        var record: StepRecord
        var markdown: String
        var seconds: Double
    }

    /// v3: data files are recorded with their size (v2: results parts as JSON values).
    static let magic = Data("labbook step cache v3\n".utf8)

    /// `magic`, the SHA-256 of the body in hex and a newline, then the body.
    func encoded() throws -> Data {
        var body = ByteWriter()
        body.bytes(try ResultsJSON.encoder().encode(Header(record: record, markdown: markdown, seconds: seconds)))
        body.bytes(try ResultsJSON.encoder().encode(results))
        body.bytes(artifacts)
        var data = Self.magic
        data.append(Data((SHA256.hex(body.data) + "\n").utf8))
        data.append(body.data)
        return data
    }

    /// Decodes and verifies an entry; throws `CacheFormatError` when anything does not check out.
    static func decode(_ data: Data) throws -> CacheEntry {
        let headerLength = magic.count + 65
        guard data.count >= headerLength, data.prefix(magic.count) == magic else {
            let otherVersion = data.starts(with: magic.dropLast(2))
            throw CacheFormatError(otherVersion ? "written by another version of labbook" : "not a labbook cache entry (bad header)")
        }
        let stated = String(decoding: data[(data.startIndex + magic.count)..<(data.startIndex + magic.count + 64)], as: UTF8.self)
        let body = data[(data.startIndex + headerLength)...]
        guard SHA256.hex(Data(body)) == stated else { throw CacheFormatError("checksum mismatch") }
        var reader = ByteReader(Data(body))
        do {
            let header = try ResultsJSON.decoder().decode(Header.self, from: try reader.bytes())
            let results = try ResultsJSON.decoder().decode(ResultsPart.self, from: try reader.bytes())
            let artifacts = try reader.bytes()
            return CacheEntry(record: header.record, markdown: header.markdown, seconds: header.seconds,
                              results: results, artifacts: artifacts)
        } catch let error as CacheFormatError {
            throw error
        } catch {
            throw CacheFormatError("unreadable entry: \(error)")
        }
    }
}
