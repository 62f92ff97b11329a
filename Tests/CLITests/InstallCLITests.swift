import Foundation
import XCTest

/// A new user's first minutes: `make install PREFIX=<tmp>`, `labbook init proj`, `labbook run` in it, in a
/// temporary folder with nothing else; then `make uninstall`.
final class InstallCLITests: XCTestCase {
    private var harness: CLIHarness!

    override func setUpWithError() throws { harness = try CLIHarness(prefix: "labbook-install") }
    override func tearDownWithError() throws { harness.cleanUp() }

    private var folder: URL { harness.folder }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs a program (found on PATH when not absolute) in `directory`.
    static func run(_ program: String, _ arguments: [String], in directory: URL) throws -> CLIHarness.Outcome {
        try CLIHarness.run(URL(fileURLWithPath: "/usr/bin/env"), [program] + arguments, in: directory)
    }

    /// `make install`'s arguments. `make test` builds the release binary before the tests, so `make install`
    /// only copies it (CI makes no second release build: `make check-reports` reuses it too). When it is
    /// missing or older than the sources (e.g. under a bare `swift test`), the test installs the debug
    /// binary through the same recipe (`LABBOOK=`) rather than start a release build of several minutes.
    static func installArguments(prefix: URL) throws -> [String] {
        let base = ["-C", repository.path, "install", "PREFIX=\(prefix.path)"]
        // `make -n` prints what make would run: `swift build` only when the binary is missing or stale.
        let plan = try run("make", ["-C", repository.path, "-n", ".build/release/labbook"], in: repository)
        XCTAssertEqual(plan.status, 0, plan.stderr)
        return plan.stdout.contains("swift build") ? base + ["LABBOOK=\(try CLIHarness.binary().path)"] : base
    }

    func testInstallInitRunAndUninstall() throws {
        let prefix = folder.appendingPathComponent("prefix")
        let started = Date()
        let install = try Self.run("make", try Self.installArguments(prefix: prefix), in: folder)
        XCTAssertEqual(install.status, 0, install.stdout + install.stderr)
        let installSeconds = Date().timeIntervalSince(started)
        let labbook = prefix.appendingPathComponent("bin/labbook")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: labbook.path))
        let completions = ["share/bash-completion/completions/labbook", "share/zsh/site-functions/_labbook",
                           "share/fish/vendor_completions.d/labbook.fish"]
        for path in completions {
            let script = try String(contentsOf: prefix.appendingPathComponent(path), encoding: .utf8)
            // Each completes the subcommands, `init` among them.
            XCTAssertTrue(script.contains("labbook") && script.contains("init") && script.contains("preview"), path)
        }

        let initialized = try Self.run(labbook.path, ["init", "proj"], in: folder)
        XCTAssertEqual(initialized.status, 0, initialized.stderr)
        let project = folder.appendingPathComponent("proj")
        let runStarted = Date()
        let run = try Self.run(labbook.path, ["run"], in: project)
        XCTAssertEqual(run.status, 0, run.stderr)
        print("install: make install \(String(format: "%.1f", installSeconds)) s, labbook run on the starter "
              + "experiment \(String(format: "%.1f", Date().timeIntervalSince(runStarted))) s")
        XCTAssertEqual(run.stdout, "experiments/example.md: 6 steps run, outputs written back\n")
        // The whole loop: outputs written back with their plots, a report with the same plots inline.
        let experiment = try String(contentsOf: project.appendingPathComponent("experiments/example.md"), encoding: .utf8)
        XCTAssertTrue(experiment.contains("<!-- labbook:end evaluate -->"))
        XCTAssertTrue(experiment.contains("](../reports/example/evaluate-comparison-random.svg)"), experiment)
        let html = try String(contentsOf: project.appendingPathComponent("reports/example.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<svg"), "the report has no plot")
        XCTAssertTrue(html.contains("growth"))
        let plots = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("reports/example").path)
        XCTAssertTrue(plots.contains("evaluate-comparison-random.svg"), "\(plots)")
        XCTAssertTrue(plots.contains("cluster-elbow.svg"), "\(plots)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.appendingPathComponent("reports/example.model").path))

        // A second init on the same folder changes nothing and exits 2.
        let before = try NewProjectCLITests.snapshot(folder)
        let again = try Self.run(labbook.path, ["init", "proj"], in: folder)
        XCTAssertEqual(again.status, 2)
        XCTAssertEqual(again.stdout, "")
        XCTAssertEqual(again.stderr.split(separator: "\n").count, 1, again.stderr)
        XCTAssertTrue(again.stderr.hasPrefix("proj: error: proj/labbook.yml, proj/.gitignore, "), again.stderr)
        XCTAssertEqual(try NewProjectCLITests.snapshot(folder), before)

        let uninstall = try Self.run("make", ["-C", Self.repository.path, "uninstall", "PREFIX=\(prefix.path)"], in: folder)
        XCTAssertEqual(uninstall.status, 0, uninstall.stderr)
        for path in ["bin/labbook"] + completions {
            XCTAssertFalse(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), path)
        }
    }
}
