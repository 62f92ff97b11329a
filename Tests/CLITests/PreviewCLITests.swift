import Foundation
import XCTest

/// `labbook preview` through the built binary: serve, rerun on edits (from the cache), show errors, refuse
/// paths out of reports/, stop on Ctrl-C.
final class PreviewCLITests: XCTestCase {
    private var harness: CLIHarness!

    override func setUpWithError() throws { harness = try CLIHarness(prefix: "labbook-preview") }
    override func tearDownWithError() throws { harness.cleanUp() }

    private struct Status: Decodable {
        struct Step: Decodable { var experiment: String; var step: String; var reused: Bool }
        struct Run: Decodable { var generation: Int; var steps: [Step]; var failed: Bool }
        struct ErrorLine: Decodable { var text: String; var link: String? }
        var state: String
        var generation: Int
        var errors: [ErrorLine]
        var runs: [Run]
    }

    private func status(_ port: Int) throws -> Status {
        try JSONDecoder().decode(Status.self, from: Data(try RawHTTP.get(port: port, "/_labbook/status").body.utf8))
    }

    /// Waits for the run after `generation` to finish; returns the status then.
    private func nextRun(_ port: Int, after generation: Int, timeout: TimeInterval = 30) throws -> Status {
        try Wait.until(timeout, "a run after generation \(generation)") {
            let now = try status(port)
            return now.generation > generation && now.state != "running" ? now : nil
        }
    }

    private func edit(_ transform: (String) -> String) throws {
        let text = try harness.read(SyntheticExperiment.path)
        let edited = transform(text)
        XCTAssertNotEqual(edited, text, "the edit changed nothing")
        try harness.write(SyntheticExperiment.path, edited)
    }

    func testPreviewRerunsFromTheCacheShowsErrorsAndServesOnlyReports() throws {
        try SyntheticExperiment.write(to: harness)
        // The requested port is taken: preview moves to the next free one and says so.
        let (blocker, taken) = try RawHTTP.listening(port: 0)
        defer { close(blocker) }
        let preview = try PreviewProcess(folder: harness.folder, arguments: ["--port", String(taken)])
        let url = try preview.servedURL()
        let port = try XCTUnwrap(url.port)
        XCTAssertNotEqual(port, taken)
        XCTAssertEqual(url.host, "127.0.0.1")
        XCTAssertEqual(url.path, "/synthetic.html")
        XCTAssertTrue(preview.stderr.contains("port \(taken) is taken; using \(port)"), preview.stderr)

        let first = try nextRun(port, after: 0, timeout: 120)
        XCTAssertEqual(first.state, "ready", preview.stderr)
        XCTAssertEqual(first.runs.last?.steps.map(\.step), ["load", "clean", "cluster", "train", "evaluate", "report"])
        let page = try RawHTTP.get(port: port, "/synthetic.html")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains("Some prose.") && page.body.contains("new EventSource(\"/_labbook/events\")"))
        let onDisk = try harness.read("reports/synthetic.html")
        XCTAssertFalse(onDisk.contains("<script") || onDisk.contains("labbook-preview"), "the file on disk stays script-free")
        XCTAssertTrue(try harness.read(SyntheticExperiment.path).contains("<!-- labbook:output evaluate -->"))

        // Prose: the served page changes within 2 s; every step comes from the cache.
        let edited = Date()
        try edit { $0.replacingOccurrences(of: "Some prose.", with: "Edited prose, take two.") }
        _ = try Wait.until(2, "the edited prose on the page") {
            try RawHTTP.get(port: port, "/synthetic.html").body.contains("Edited prose, take two.") ? true : nil
        }
        XCTAssertLessThan(Date().timeIntervalSince(edited), 2)
        let prose = try nextRun(port, after: first.generation)
        XCTAssertEqual(prose.runs.last?.steps.filter { !$0.reused }.map(\.step), [], "a prose edit reran a step")
        XCTAssertEqual(prose.runs.last?.steps.count, 6)

        // A config value of `clean`: load is reused, clean and every later step reruns.
        try edit { $0.replacingOccurrences(of: "n_components: 2}", with: "n_components: 3}") }
        let config = try nextRun(port, after: prose.generation)
        XCTAssertEqual(config.state, "ready", preview.stderr)
        XCTAssertEqual(config.runs.last?.steps.filter(\.reused).map(\.step), ["load"])
        XCTAssertEqual(config.runs.last?.steps.filter { !$0.reused }.map(\.step), ["clean", "cluster", "train", "evaluate", "report"])

        // A data file the experiment read: everything from `load` reruns. labbook.yml's seed: every step reruns.
        let artists = try harness.read("data/artists.csv")
        try harness.write("data/artists.csv", artists.replacingOccurrences(of: "Artist 0,0.0,", with: "Artist 0,0.05,"))
        let data = try nextRun(port, after: config.generation)
        XCTAssertEqual(data.runs.last?.steps.filter(\.reused).map(\.step), [])
        try harness.write("labbook.yml", "data_root: data\nseed: 2\n")
        let seed = try nextRun(port, after: data.generation)
        XCTAssertEqual(seed.runs.last?.steps.filter { !$0.reused }.count, 6)

        // Edits in quick succession coalesce into one run; an edit during a run queues one more.
        try edit { $0.replacingOccurrences(of: "take two.", with: "take three.") }
        try edit { $0.replacingOccurrences(of: "take three.", with: "take four.") }
        let burst = try nextRun(port, after: seed.generation)
        Thread.sleep(forTimeInterval: 1)
        XCTAssertEqual(try status(port).generation, burst.generation, "two quick edits ran twice")
        try edit { $0.replacingOccurrences(of: "n_components: 3}", with: "n_components: 2}") }
        _ = try Wait.until(30, "the run to start") { () -> Bool? in
            let now = try status(port)
            return now.state == "running" || now.generation > burst.generation ? true : nil
        }
        try edit { $0.replacingOccurrences(of: "take four.", with: "take five.") }
        let queued = try Wait.until(30, "the edit made during the run") { () -> Status? in
            let now = try status(port)
            let page = try RawHTTP.get(port: port, "/synthetic.html").body
            return now.state == "ready" && page.contains("take five.") ? now : nil
        }
        XCTAssertGreaterThan(queued.generation, burst.generation)
        XCTAssertTrue(try harness.read(SyntheticExperiment.path).contains("take five."), "the edit made during the run was lost")
        let config2 = queued

        // A typo: the page shows the terminal's error with its line:col; the files on disk stay as they were.
        let reportBefore = try Data(contentsOf: harness.folder.appendingPathComponent("reports/synthetic.html"))
        let mdBefore = try Data(contentsOf: harness.folder.appendingPathComponent("reports/synthetic.md"))
        try edit { $0.replacingOccurrences(of: "numeric: {columns", with: "nmeric: {columns") }
        let typoFile = try harness.read(SyntheticExperiment.path)
        let lines = typoFile.components(separatedBy: "\n")
        let line = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("nmeric:") }) + 1
        let column = "\(line):\\d+: error: unknown key `nmeric`"
        let location = try XCTUnwrap(NSRegularExpression(pattern: "experiments/synthetic\\.md:" + column))
        let failed = try nextRun(port, after: config2.generation)
        XCTAssertEqual(failed.state, "failed")
        let error = try XCTUnwrap(failed.errors.first?.text)
        XCTAssertNotNil(location.firstMatch(in: error, range: NSRange(error.startIndex..., in: error)), error)
        XCTAssertEqual(failed.errors.first?.link, "synthetic.html#workspace-clean")
        let shown = try RawHTTP.get(port: port, "/synthetic.html").body
        XCTAssertTrue(shown.contains(PreviewCLITests.htmlEscaped(error)), "the error is not on the page")
        XCTAssertTrue(shown.contains("Edited prose, take five."), "the last good report is still shown")
        XCTAssertTrue(preview.stderr.contains(failed.errors[0].text), "the page and the terminal differ:\n\(preview.stderr)")
        XCTAssertEqual(try Data(contentsOf: harness.folder.appendingPathComponent("reports/synthetic.html")), reportBefore)
        XCTAssertEqual(try Data(contentsOf: harness.folder.appendingPathComponent("reports/synthetic.md")), mdBefore)
        XCTAssertEqual(try harness.read(SyntheticExperiment.path), typoFile, "the experiment file was touched")

        // Only files under reports/ are served.
        for path in ["/../labbook.yml", "/%2e%2e/labbook.yml", "/%2E%2E/%2e%2e/labbook.yml", "/..%2flabbook.yml",
                     harness.folder.appendingPathComponent("labbook.yml").path, "/.labbook/cache"] {
            let response = try RawHTTP.get(port: port, path)
            XCTAssertEqual(response.status, 404, path)
            XCTAssertFalse(response.body.contains("data_root"), path)
        }
        XCTAssertEqual(try RawHTTP.get(port: port, "/synthetic.results.json").status, 200)
        XCTAssertEqual(try RawHTTP.get(port: port, "/").status, 200, "index.html")

        // Fixing the typo reruns; Ctrl-C then stops within a second with 130, leaving no temporary file.
        try edit { $0.replacingOccurrences(of: "nmeric: {columns", with: "numeric: {columns") }
        let fixed = try nextRun(port, after: failed.generation)
        XCTAssertEqual(fixed.state, "ready")
        XCTAssertEqual(try RawHTTP.get(port: port, "/synthetic.html", host: "rebound.example:\(port)").status, 403)
        XCTAssertEqual(try RawHTTP.get(port: port, "/synthetic.html", host: "localhost:\(port)").status, 200)

        // A failing step (a data file that is not there): its error is on the page; adding the file reruns.
        try edit { $0.replacingOccurrences(of: "file: artists.csv", with: "file: more/artists.csv") }
        let missing = try nextRun(port, after: fixed.generation)
        XCTAssertEqual(missing.state, "failed")
        let notFound = try XCTUnwrap(missing.errors.first?.text)
        XCTAssertTrue(notFound.hasPrefix("experiments/synthetic.md:") && notFound.contains("data file not found: "), notFound)
        XCTAssertEqual(missing.errors.first?.link, "synthetic.html#workspace-load")
        XCTAssertTrue(try RawHTTP.get(port: port, "/synthetic.html").body.contains(PreviewCLITests.htmlEscaped(notFound)))
        try harness.write("data/more/artists.csv", try harness.read("data/artists.csv"))
        let found = try nextRun(port, after: missing.generation)
        XCTAssertEqual(found.state, "ready", "\(found.errors)")

        let stop = preview.interrupt()
        XCTAssertEqual(stop.status, 130)
        XCTAssertLessThan(stop.seconds, 1)
        // What preview left on disk is what `labbook run` writes (apart from the run line).
        let runLine = try NSRegularExpression(pattern: "Run [0-9]{4}-[0-9]{2}-[0-9]{2}T")
        let withoutRunLine = { (text: String) in
            text.split(separator: "\n").filter { line in
                runLine.firstMatch(in: String(line), range: NSRange(line.startIndex..., in: line)) == nil
            }
        }
        let previewed = try ["reports/synthetic.md", "reports/synthetic.html", SyntheticExperiment.path].map { try harness.read($0) }
        let run = try harness.run(["run", SyntheticExperiment.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("(6 reused from the cache)"), run.stdout)
        let ran = try ["reports/synthetic.md", "reports/synthetic.html", SyntheticExperiment.path].map { try harness.read($0) }
        XCTAssertEqual(ran.map(withoutRunLine), previewed.map(withoutRunLine))
        XCTAssertEqual(ran[2], previewed[2], "run changed the experiment file preview wrote back")
        for folder in ["reports", "experiments"] {
            let hidden = try FileManager.default.contentsOfDirectory(atPath: harness.folder.appendingPathComponent(folder).path)
                .filter { $0.hasPrefix(".") }
            XCTAssertEqual(hidden, [], folder)
        }
    }

    func testAReportComparingWithAnEditedExperimentIsRenderedAgain() throws {
        try SyntheticExperiment.write(to: harness)
        try harness.write("experiments/compared.md", try harness.read(SyntheticExperiment.path)
            .replacingOccurrences(of: "```yaml report\n{}\n", with: "```yaml report\ncompare_with: synthetic\n"))
        let preview = try PreviewProcess(folder: harness.folder, arguments: ["--port", String(try RawHTTP.freePort())])
        let url = try preview.servedURL()
        XCTAssertEqual(url.path, "/", "two experiments: the index is served")
        let port = try XCTUnwrap(url.port)
        let first = try nextRun(port, after: 0, timeout: 120)
        XCTAssertEqual(first.state, "ready", preview.stderr)
        XCTAssertEqual(first.runs.last?.steps.count, 12)
        XCTAssertTrue(try RawHTTP.get(port: port, "/").body.contains("compared"))

        try edit { $0.replacingOccurrences(of: "Some prose.", with: "Other prose.") }
        let edited = try nextRun(port, after: first.generation)
        let steps = try XCTUnwrap(edited.runs.last?.steps)
        XCTAssertEqual(steps.count, 12, "the comparing experiment was not rendered again")
        XCTAssertEqual(steps.filter { !$0.reused }.count, 0)
        XCTAssertEqual(preview.interrupt().status, 130)
    }

    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
