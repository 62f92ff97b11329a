import Foundation
import XCTest

/// Ctrl-C (SIGINT) and SIGTERM during `labbook run`: the process stops quickly with 130 / 143 and
/// the experiment file and reports are either untouched or, when the signal arrives while they are
/// being saved, completely updated; never half-written, and no temporary file is left behind.
final class SignalsTests: XCTestCase {
    /// A run that takes several seconds in a debug build: a 300-tree forest on 3,000 rows.
    private func slowProject() throws -> CatalogProject {
        let forest = experiment(replacing: "    kind: ridge\n    grid: {alpha: [1, 10]}",
                                with: "    kind: random_forest\n    params: {n_estimators: 300}")
        return try CatalogProject(experiment: forest, songs: CatalogProject.header + CatalogProject.songRows(3000))
    }

    func testSIGINTDuringTheStepsExits130AndChangesNothing() throws {
        try assertInterrupted(try slowProject(), after: "`evaluate` started", send: { $0.interrupt() }, status: 130)
    }

    func testSIGTERMDuringTheStepsExits143AndChangesNothing() throws {
        try assertInterrupted(try slowProject(), after: "`train` started", send: { $0.terminate() }, status: 143)
    }

    /// A 12 MB data file makes saving slow (its SHA-256 goes into the provenance): the signal arrives
    /// while results, reports and the experiment file are being saved, and the exit waits for them.
    func testSIGINTWhileSavingWaitsUntilEverythingIsSaved() throws {
        let padding = String(repeating: "x", count: 4000)
        let rows = CatalogProject.songRows(3000).split(separator: "\n").map { "\($0),\(padding)\n" }.joined()
        let project = try CatalogProject(songs: "artist,valence,arousal,energy,tempo,genre,notes\n" + rows)
        defer { project.remove() }
        let before = try project.snapshot()
        let run = try RunningLabbook(in: project.project)
        try run.wait(for: "saving results, reports and outputs")
        run.process.interrupt()
        run.process.waitUntilExit()
        XCTAssertEqual(run.process.terminationReason, .exit)
        XCTAssertEqual(run.process.terminationStatus, 130, run.stderr)
        let after = try project.snapshot()
        let figures = Set(after.keys.filter { $0.hasPrefix("reports/x/") && $0.hasSuffix(".svg") })
        XCTAssertFalse(figures.isEmpty, "the figure files were not saved")
        XCTAssertEqual(Set(after.keys).subtracting(figures), Set(before.keys).union(["reports/x.md", "reports/x.model"]),
                       "only the markdown report, its figure files and the saved model are new")
        for name in ["x.md", "reports/x.results.json", "reports/x.html", "reports/index.html", "reports/x.md"] {
            XCTAssertNotEqual(after[name], before[name], "\(name) was not saved")
        }
        let experiment = String(decoding: after["x.md"] ?? Data(), as: UTF8.self)
        XCTAssertTrue(experiment.contains("<!-- labbook:end evaluate -->"), experiment)
        let results = String(decoding: after["reports/x.results.json"] ?? Data(), as: UTF8.self)
        XCTAssertTrue(results.contains("\"experiment\" : \"x\""), String(results.prefix(200)))
    }

    private func assertInterrupted(_ project: CatalogProject, after marker: String, send: (Process) -> Void,
                                   status: Int32, line: UInt = #line) throws {
        defer { project.remove() }
        let before = try project.snapshot()
        let run = try RunningLabbook(in: project.project)
        try run.wait(for: marker)
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertTrue(run.process.isRunning, "the run finished before the signal; make it slower", line: line)
        let sent = Date()
        send(run.process)
        run.process.waitUntilExit()
        let elapsed = Date().timeIntervalSince(sent)
        XCTAssertLessThan(elapsed, 1, line: line)
        XCTAssertEqual(run.process.terminationReason, .exit, line: line)
        XCTAssertEqual(run.process.terminationStatus, status, run.stderr, line: line)
        XCTAssertEqual(try project.snapshot(), before, "files changed", line: line)
    }
}

private struct MarkerNotSeen: Error, CustomStringConvertible {
    let description: String
}

/// `labbook run x.md` in the background, collecting its standard error as it arrives.
private final class RunningLabbook: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var collected = Data()

    var stderr: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    init(in folder: URL) throws {
        process.executableURL = try LabbookBinary.url
        process.arguments = ["run", "x.md"]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.withLock { self.collected.append(data) }
        }
        try process.run()
    }

    /// Waits until standard error contains `marker` (at most 60 s).
    func wait(for marker: String) throws {
        let deadline = Date().addingTimeInterval(60)
        while !stderr.contains(marker) {
            guard process.isRunning, Date() < deadline else {
                throw MarkerNotSeen(description: "never saw `\(marker)`; stderr: \(stderr)")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
