import Support
import Config
import Foundation
import Literate
import Results

/// Everything a step can see and change while an experiment runs.
public struct RunContext {
    public let dataRoot: DataRoot
    public let seed: UInt64
    /// The experiment's name: its file name without `.md`.
    public let experimentName: String
    public let fileURL: URL
    public let document: ExperimentDocument
    public let progress: ProgressReporter
    /// The results steps fill in; written to `reports/NAME.results.json` by the caller.
    public var results: RunResults
    /// Data files read so far, relative to the data root, in first-read order (for provenance hashes).
    public private(set) var dataFilesRead: [String] = []
    private var artifacts: [String: Any] = [:]

    public init(dataRoot: DataRoot, seed: UInt64, experimentName: String, fileURL: URL,
                document: ExperimentDocument, progress: ProgressReporter, results: RunResults) {
        self.dataRoot = dataRoot
        self.seed = seed
        self.experimentName = experimentName
        self.fileURL = fileURL
        self.document = document
        self.progress = progress
        self.results = results
    }

    /// Stores a value for later steps.
    public mutating func put<Value>(_ value: Value, for key: ArtifactKey<Value>) {
        artifacts[key.name] = value
    }

    /// Drops a value no later step reads, so its memory is given back before the steps that follow.
    public mutating func remove<Value>(_ key: ArtifactKey<Value>) {
        artifacts[key.name] = nil
    }

    /// The value an earlier step stored, or nil.
    public func value<Value>(_ key: ArtifactKey<Value>) -> Value? {
        artifacts[key.name] as? Value
    }

    /// The value an earlier step stored; throws a readable error when no step stored it.
    public func get<Value>(_ key: ArtifactKey<Value>) throws -> Value {
        guard let value = artifacts[key.name] as? Value else {
            throw RunError("`\(key.name)` is not available: the step that produces it must come earlier in the file")
        }
        return value
    }

    /// Resolves a data file relative to the data root (throws when missing) and records it as read.
    public mutating func dataFile(_ relativePath: String) throws -> URL {
        let url = try dataRoot.resolve(relative: relativePath)
        if !dataFilesRead.contains(relativePath) { dataFilesRead.append(relativePath) }
        return url
    }
}

/// A failure while running a step, with a message a person can act on.
public struct RunError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
