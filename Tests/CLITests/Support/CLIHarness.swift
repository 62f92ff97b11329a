import Foundation
import XCTest

/// A temporary project folder and the built `labbook` binary, for tests that run the command.
struct CLIHarness {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let folder: URL

    /// A fresh temporary folder; remove it with `cleanUp()`.
    init(prefix: String = "labbook-cli") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A harness over a folder the test already made.
    init(existing folder: URL) { self.folder = folder }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }

    /// `.build/debug/labbook`, next to the test bundle.
    static func binary() throws -> URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("labbook"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("labbook"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/labbook"),
        ]
        return try XCTUnwrap(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                             "build the labbook binary first (swift build)")
    }

    /// Runs `labbook ARGUMENTS` in the project folder, in a new process.
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Outcome {
        try Self.run(try Self.binary(), arguments, in: folder, environment: extra)
    }

    /// Runs any program in `folder`, with the test's environment plus `extra`.
    static func run(_ executable: URL, _ arguments: [String], in folder: URL,
                    environment extra: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Writes a file (creating folders) under the project folder.
    func write(_ path: String, _ text: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }
}
