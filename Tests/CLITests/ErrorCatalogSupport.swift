import Foundation
import XCTest

/// A throw-away labbook project for the error catalogue: `proj/` (labbook.yml, x.md, reports/ with
/// earlier reports and model) and `data/` (songs.csv, 40 synthetic songs), in a fresh temporary folder.
struct CatalogProject {
    let root: URL
    var project: URL { root.appendingPathComponent("proj") }
    var data: URL { root.appendingPathComponent("data") }
    /// The data file path as error messages print it.
    var songsPath: String { data.appendingPathComponent("songs.csv").path }

    /// The experiment every case starts from: ridge with a small grid, 3-fold CV.
    static let experiment = """
        # X

        ```yaml load
        sources:
          songs:
            file: songs.csv
        targets: [valence, arousal]
        ```

        ```yaml clean
        numeric:
          columns: [energy, tempo]
          impute: median
          scale: standard
        ```

        ```yaml train
        models:
          ridge:
            kind: ridge
            grid: {alpha: [1, 10]}
        inner_folds: 2
        ```

        ```yaml evaluate
        protocols:
          random:
            kind: kfold
            folds: 3
        benchmark: 0.4
        bootstrap: 100
        ```

        """

    static let header = "artist,valence,arousal,energy,tempo,genre\n"

    /// 40 rows, deterministic, with targets that depend on the features.
    static func songRows(_ count: Int = 40) -> String {
        (0..<count).map { i in
            let energy = Double(i * 7 % 40) / 40
            let tempo = 60 + Double(i * 13 % 40)
            let valence = 2 * energy - 1 + Double(i * 5 % 7 - 3) / 30
            let arousal = tempo / 50 - 2.5 + Double(i * 3 % 5 - 2) / 20
            return "a\(i % 10),\(valence),\(arousal),\(energy),\(tempo),g\(i % 3)\n"
        }.joined()
    }

    init(experiment: String = CatalogProject.experiment,
         songs: String = CatalogProject.header + CatalogProject.songRows(),
         dataFiles: [String: String] = [:], earlierReports: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-catalog-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: project, withIntermediateDirectories: true)
        try manager.createDirectory(at: data, withIntermediateDirectories: true)
        try write("proj/labbook.yml", "data_root: ../data\nseed: 0\n")
        try write("proj/x.md", experiment)
        try write("data/songs.csv", songs)
        for (name, text) in dataFiles { try write("data/\(name)", text) }
        if earlierReports {
            try manager.createDirectory(at: project.appendingPathComponent("reports"), withIntermediateDirectories: true)
            try write("proj/reports/x.results.json", "{\"experiment\": \"x\", \"earlier\": true}\n")
            try write("proj/reports/x.html", "<p>earlier report</p>\n")
            try write("proj/reports/index.html", "<p>earlier index</p>\n")
            try write("proj/reports/x.md", "# earlier report\n")
            try write("proj/reports/x.model", "{\"format\":\"labbook-model\"} earlier model\n")
        }
    }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Data(text.utf8))
    }

    func write(_ relative: String, bytes: Data) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
    }

    func remove() {
        _ = chmod(project.appendingPathComponent("x.md").path, 0o644)
        try? FileManager.default.removeItem(at: root)
    }

    /// Every file under `proj/` (experiment, settings, reports, any stray temporary file), by relative path.
    /// The step cache (`.labbook/`) is left out: a failed run may keep the checksummed results of the steps
    /// that succeeded before the failure, which is what the cache is for.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let manager = FileManager.default
        guard let walker = manager.enumerator(at: project, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return files
        }
        let prefix = project.standardizedFileURL.path + "/"
        for case let url as URL in walker {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            if path.hasPrefix(prefix + ".labbook/") { continue }
            files[path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path] = try Data(contentsOf: url)
        }
        return files
    }
}

/// Runs the built `labbook` binary.
enum LabbookBinary {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Standard error without progress lines (`labbook: ...`, timestamped when not on a terminal).
        var errors: String {
            stderr.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { line in
                    !line.hasPrefix("labbook: ")
                        && line.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ labbook: "#, options: .regularExpression) == nil
                }
                .joined(separator: "\n")
        }
    }

    static var url: URL {
        get throws { try CLIHarness.binary() }
    }

    static func run(_ arguments: [String], in folder: URL) throws -> Outcome {
        let outcome = try CLIHarness(existing: folder).run(arguments)
        return Outcome(status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr)
    }
}

extension CatalogProject {
    /// Runs `labbook run x.md` and asserts the exit status, the exact error text (progress lines
    /// removed) and that no file under `proj/` changed, appeared or disappeared.
    func assertRunFails(status: Int32, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try assertFails(["run", "x.md"], status: status, expected, file: file, line: line)
    }

    /// Runs `labbook ARGUMENTS` in `proj/` and asserts as `assertRunFails` does.
    func assertFails(_ arguments: [String], status: Int32, _ expected: String,
                     file: StaticString = #filePath, line: UInt = #line) throws {
        defer { remove() }
        let before = try snapshot()
        let outcome = try LabbookBinary.run(arguments, in: project)
        XCTAssertEqual(outcome.status, status, outcome.stderr, file: file, line: line)
        XCTAssertEqual(outcome.errors, expected + "\n", file: file, line: line)
        XCTAssertEqual(outcome.stdout, "", file: file, line: line)
        let after = try snapshot()
        XCTAssertEqual(after.keys.sorted(), before.keys.sorted(), "files appeared or disappeared", file: file, line: line)
        for (path, bytes) in before where after[path] != bytes {
            XCTFail("\(path) changed", file: file, line: line)
        }
    }
}

/// The base experiment with its first occurrence of `old` replaced by `new`.
func experiment(replacing old: String, with new: String) -> String {
    guard let range = CatalogProject.experiment.range(of: old) else { return "missing: \(old)" }
    return CatalogProject.experiment.replacingCharacters(in: range, with: new)
}
