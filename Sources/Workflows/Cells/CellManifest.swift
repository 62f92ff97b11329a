import Steps
import Runner
import Config
import Support
import Foundation
import Literate
import Report
import Results

/// A folder holding a manifest of cells (`cells.jsonl`, one JSON object per line) and what workers leave
/// there: `cells/INDEX.json` (the cell's results and cache key), `cells/INDEX.error` (why it failed) and
/// `logs/`. The folder must be visible to every worker (on a cluster: a shared filesystem).
public struct CellManifest: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder.standardizedFileURL }

    /// A manifest named by its folder or by its `cells.jsonl`.
    public init(path: String) {
        let url = URL(fileURLWithPath: path)
        self.init(folder: url.lastPathComponent == Self.fileName ? url.deletingLastPathComponent() : url)
    }

    public static let fileName = "cells.jsonl"

    public var file: URL { folder.appendingPathComponent(Self.fileName) }
    public var logs: URL { folder.appendingPathComponent("logs") }

    public func resultURL(_ index: Int) -> URL { folder.appendingPathComponent("cells/\(index).json") }
    public func errorURL(_ index: Int) -> URL { folder.appendingPathComponent("cells/\(index).error") }

    /// Writes the manifest atomically, and forgets the results and errors of cells that must run again.
    public func write(_ cells: [Cell]) throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("cells"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let encoder = Self.encoder()
        var text = Data()
        for cell in cells {
            text.append(try encoder.encode(cell))
            text.append(0x0A)
        }
        try Support.AtomicFile.write([UInt8](text), to: file)
        for cell in cells where !cell.cached {
            try? FileManager.default.removeItem(at: resultURL(cell.index))
            try? FileManager.default.removeItem(at: errorURL(cell.index))
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("cells/\(cell.index).log"))
        }
    }

    /// Reads every cell; a bad line is an error naming the manifest and the line.
    public func read() throws -> [Cell] {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw CellError("\(file.path): error: cannot read the manifest: \(error.localizedDescription) "
                            + "(write one with `labbook plan PATH... --out DIR`)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        var cells: [Cell] = []
        for (number, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            do {
                cells.append(try decoder.decode(Cell.self, from: Data(line)))
            } catch {
                throw CellError("\(file.path):\(number + 1): error: not a cell of a labbook manifest: \(error)")
            }
            guard cells.last?.index == cells.count - 1 else {
                throw CellError("\(file.path):\(number + 1): error: cell \(cells.count - 1) expected, found index \(cells.last?.index ?? -1)")
            }
        }
        return cells
    }

    /// What a worker records after running a cell.
    public struct Outcome: Codable, Sendable {
        /// The last step's cache key of the run.
        public var key: String?
        public var results: RunResults

        public init(key: String?, results: RunResults) {
            self.key = key
            self.results = results
        }
    }

    public func saveOutcome(_ outcome: Outcome, of index: Int) throws {
        try? FileManager.default.removeItem(at: errorURL(index))
        try AtomicFile.write(try ResultsJSON.encoder().encode(outcome), to: resultURL(index))
    }

    public func outcome(of index: Int) -> Outcome? {
        guard let data = try? Data(contentsOf: resultURL(index)) else { return nil }
        return try? ResultsJSON.decoder().decode(Outcome.self, from: data)
    }

    public func saveError(_ text: String, of index: Int) throws {
        try AtomicFile.write(text.hasSuffix("\n") ? text : text + "\n", to: errorURL(index))
    }

    /// The first line of the cell's recorded error, when it failed.
    public func error(of index: Int) -> String? {
        guard let text = try? String(contentsOf: errorURL(index), encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.map(String.init) ?? "failed (no message)"
    }

    /// Records where the worker running the cell writes its output (a Slurm log, a worker log).
    public func saveLogPath(_ path: String, of index: Int) throws {
        try AtomicFile.write(path + "\n", to: folder.appendingPathComponent("cells/\(index).log"))
    }

    public func logPath(of index: Int) -> String? {
        (try? String(contentsOf: folder.appendingPathComponent("cells/\(index).log"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes a file of the manifest folder atomically (task lists, job scripts, the job record).
    public func writeFile(_ text: String, named name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try AtomicFile.write(text, to: url)
        return url
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// A manifest or cell problem, as one `PATH: error: ...` line.
public struct CellError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
