import Foundation
import XCTest

/// The targets follow the flow parse → configure → plan and run → results → render → write back:
/// `scripts/dependency-graph.sh` prints the graph from the sources' imports and fails on a backward arrow.
final class ArchitectureTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func graph(in folder: URL) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [folder.appendingPathComponent("scripts/dependency-graph.sh").path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output, errors)
    }

    func testNoTargetImportsOneLaterInTheFlow() throws {
        let result = try graph(in: root)
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertEqual(result.errors, "")
        // The edges the layout exists for.
        let lines = result.output.split(separator: "\n").map(String.init)
        let steps = try XCTUnwrap(lines.first { $0.hasPrefix("Steps -> ") })
        XCTAssertTrue(steps.contains("Runner"), steps)
        let evaluate = try XCTUnwrap(lines.first { $0.hasPrefix("Evaluate -> ") })
        XCTAssertFalse(evaluate.contains("Results"), "Evaluate maps nothing into the results schema: \(evaluate)")
        let runner = try XCTUnwrap(lines.first { $0.hasPrefix("Runner -> ") })
        XCTAssertFalse(runner.contains("Steps") || runner.contains("Report"), runner)
    }

    /// A copy of the tree where `Support` imports `Runner` (and Runner imports an undeclared target) must fail.
    func testABackwardArrowFails() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-arch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        let fm = FileManager.default
        try fm.createDirectory(at: copy.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try fm.copyItem(at: root.appendingPathComponent("scripts/dependency-graph.sh"),
                        to: copy.appendingPathComponent("scripts/dependency-graph.sh"))
        try fm.copyItem(at: root.appendingPathComponent("Package.swift"), to: copy.appendingPathComponent("Package.swift"))
        for (target, text) in [("Support", "import Foundation\nimport Runner\n"), ("Runner", "import Config\n"),
                               ("Config", "import Literate\n"), ("Literate", "")] {
            let folder = copy.appendingPathComponent("Sources/\(target)")
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(to: folder.appendingPathComponent("A.swift"), atomically: true, encoding: .utf8)
        }
        let result = try graph(in: copy)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.errors.contains("Support imports Runner, which comes at or after it in the flow"), result.errors)
        XCTAssertFalse(result.errors.contains("Runner imports Config"), result.errors)

        // A folder the flow does not know is an error too.
        try fm.createDirectory(at: copy.appendingPathComponent("Sources/Extra"), withIntermediateDirectories: true)
        try fm.removeItem(at: copy.appendingPathComponent("Sources/Support/A.swift"))
        let unknown = try graph(in: copy)
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.errors.contains("Sources/Extra is not in the flow"), unknown.errors)
    }
}
