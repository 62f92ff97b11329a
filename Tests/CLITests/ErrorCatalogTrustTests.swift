import Foundation
import XCTest

/// Issue 14 and the checks of issue 13 (items 7 and 8): bad input never loses a file, never gives a silent
/// wrong result, and always gives one line `PATH[:LINE[:COL]]: error: ...`. Each case asserts the exit code,
/// the exact message and that the experiment, reports and model are byte-identical afterwards.
final class ErrorCatalogTrustTests: XCTestCase {
    private let rows = CatalogProject.songRows()
    private let header = CatalogProject.header
    private let noSteps = "x.md:1:1: error: no step blocks: a step is configured in a fenced block whose info string is "
        + "`yaml STEP` (nothing was run and no report was written)"

    // MARK: Experiments that would replace reports with nothing

    func testEmptyExperiment() throws {
        try CatalogProject(experiment: "").assertRunFails(status: 2, noSteps)
    }

    func testProseOnlyExperiment() throws {
        try CatalogProject(experiment: "# Notes\n\nNothing to run yet.\n").assertRunFails(status: 2, noSteps)
    }

    func testUTF16Experiment() throws {
        let project = try CatalogProject()
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(CatalogProject.experiment.data(using: .utf16LittleEndian) ?? Data())
        try project.write("proj/x.md", bytes: utf16)
        try project.assertRunFails(status: 2, "x.md:1:1: error: the file is UTF-16: labbook reads UTF-8; save it as UTF-8 "
            + "(e.g. iconv -f UTF-16 -t UTF-8)")
    }

    func testNonUTF8Experiment() throws {
        let project = try CatalogProject()
        try project.write("proj/x.md", bytes: Data(CatalogProject.experiment.utf8) + Data([0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A]))
        try project.assertRunFails(status: 2, "x.md:34:1: error: bytes that are not UTF-8 at line 34: labbook reads UTF-8 "
            + "text; save the file as UTF-8")
    }

    func testEmptyExperimentWithCheck() throws {
        try CatalogProject(experiment: "\n").assertFails(["check", "x.md"], status: 2, noSteps)
    }

    // MARK: Markers and fences

    func testOrphanEndMarker() throws {
        try CatalogProject(experiment: experiment(replacing: "```\n\n```yaml clean",
                                                  with: "```\n\n| rows |\n\n<!-- labbook:end load -->\n\n```yaml clean"))
            .assertRunFails(status: 2, "x.md:12:1: error: end marker `<!-- labbook:end load -->` has no start marker before "
                + "it (was the start deleted?): delete this line and the rest of the old output block, and run again")
    }

    func testDetachedOutputMarker() throws {
        try CatalogProject(experiment: experiment(replacing: "```\n\n```yaml clean",
                                                  with: "```\n\nProse.\n\n<!-- labbook:output load -->\n<!-- labbook:end load -->\n\n```yaml clean"))
            .assertRunFails(status: 2, "x.md:12:1: error: output marker `<!-- labbook:output load -->` does not follow its "
                + "step block: delete the block from this line to its end marker, and run again\n"
                + "x.md:13:1: error: end marker `<!-- labbook:end load -->` has no start marker before it (was the start "
                + "deleted?): delete this line and the rest of the old output block, and run again")
    }

    func testFenceNotClosedBeforeTheNextOne() throws {
        try CatalogProject(experiment: experiment(replacing: "targets: [valence, arousal]\n```\n", with: "targets: [valence, arousal]\n\n"))
            .assertRunFails(status: 2, "x.md:3:1: error: the fence opened at line 3 is not closed before the next one "
                + "(line 10): add a closing ``` line before line 10")
    }

    // MARK: Step order (check catches what run would get wrong)

    func testClusterAfterEvaluate() throws {
        try CatalogProject(experiment: CatalogProject.experiment + "\n```yaml cluster\nk: 2\nfeatures: [onehot]\n```\n")
            .assertFails(["check", "x.md"], status: 2, "x.md:25:9: error: step `evaluate` uses the results of `cluster`, "
                + "which comes after it (line 34): steps run in document order, so move the `cluster` block before this one")
    }

    func testClusterInsideABlockquoteAfterEvaluate() throws {
        try CatalogProject(experiment: CatalogProject.experiment + "\n> ```yaml cluster\n> k: 2\n> ```\n")
            .assertRunFails(status: 2, "x.md:25:9: error: step `evaluate` uses the results of `cluster`, "
                + "which comes after it (line 34): steps run in document order, so move the `cluster` block before this one")
    }

    func testEvaluateWithoutClean() throws {
        let text = CatalogProject.experiment.replacingOccurrences(
            of: "```yaml clean\nnumeric:\n  columns: [energy, tempo]\n  impute: median\n  scale: standard\n```\n\n", with: "")
        try CatalogProject(experiment: text)
            .assertFails(["check", "x.md"], status: 2, "x.md:18:9: error: step `evaluate` needs a `clean` step before it: "
                + "add a ```` ```yaml clean ```` block earlier in the file")
    }

    func testCleanBeforeLoad() throws {
        let load = "```yaml load\nsources:\n  songs:\n    file: songs.csv\ntargets: [valence, arousal]\n```\n\n"
        let text = CatalogProject.experiment.replacingOccurrences(of: load, with: "") + "\n" + load
        try CatalogProject(experiment: text)
            .assertRunFails(status: 2, "x.md:3:9: error: step `clean` uses the results of `load`, which comes after it "
                + "(line 27): steps run in document order, so move the `load` block before this one\n"
                + "x.md:18:9: error: step `evaluate` uses the results of `load`, which comes after it (line 27): steps run in "
                + "document order, so move the `load` block before this one")
    }

    func testReportBeforeEvaluate() throws {
        try CatalogProject(experiment: experiment(replacing: "```yaml evaluate", with: "```yaml report\n```\n\n```yaml evaluate"))
            .assertRunFails(status: 2, "x.md:25:9: error: step `report` uses the results of `evaluate`, which comes after it "
                + "(line 28): steps run in document order, so move the `evaluate` block before this one")
    }

    func testCompareWithMissingResults() throws {
        let project = try CatalogProject(experiment: CatalogProject.experiment + "\n```yaml report\ncompare_with: nope\n```\n")
        try project.assertFails(["check", "x.md"], status: 2, "x.md:35:15: error: `compare_with: nope` names results that do "
            + "not exist (\(project.project.path)/reports/nope.results.json): run that experiment first, or run both in one command")
    }

    func testCompareWithMissingResultsStopsRunBeforeAnyStep() throws {
        let project = try CatalogProject(experiment: CatalogProject.experiment + "\n```yaml report\ncompare_with: nope\n```\n")
        try project.assertRunFails(status: 2, "x.md:35:15: error: `compare_with: nope` names results that do not exist "
            + "(\(project.project.path)/reports/nope.results.json): run that experiment first, or run both in one command")
    }

    // MARK: Values that cannot work, at the value

    func testAlphaNaNAtItsValue() throws {
        try CatalogProject(experiment: experiment(replacing: "grid: {alpha: [1, 10]}", with: "params: {alpha: .nan}"))
            .assertFails(["check", "x.md"], status: 2, "x.md:21:21: error: `alpha` of model `ridge` must be a finite number, got `.nan`")
    }

    func testZeroNeighborsAtItsValue() throws {
        try CatalogProject(experiment: experiment(replacing: "  ridge:\n    kind: ridge\n    grid: {alpha: [1, 10]}",
                                                  with: "  knn:\n    kind: knn\n    params:\n      n_neighbors: 0"))
            .assertRunFails(status: 2, "x.md:22:20: error: `n_neighbors` of model `knn` must be at least 1, got `0`")
    }

    /// Every model's errors in one pass, not only the first model's.
    func testEveryModelErrorInOnePass() throws {
        try CatalogProject(experiment: experiment(replacing: "  ridge:\n    kind: ridge\n    grid: {alpha: [1, 10]}",
                                                  with: "  ridge: {kind: ridge, params: {alpha: -1}}\n"
                                                    + "  knn: {kind: knn, grid: {n_neighbors: [0, 3]}}\n"
                                                    + "  hgb: {kind: hist_gradient_boosting, params: {learning_rat: 0.1}}\n"
                                                    + "  lasso: {kind: lasso, params: {alpha: fast}}"))
            .assertFails(["check", "x.md"], status: 2, "x.md:19:40: error: `alpha` of model `ridge` must be ≥ 0, got `-1`\n"
                + "x.md:20:41: error: `n_neighbors` of model `knn` must be at least 1, got `0`\n"
                + "x.md:21:48: error: unknown key `learning_rat` in `models.hgb.params` — did you mean `learning_rate`?\n"
                + "x.md:22:40: error: expected a number for `models.lasso.params.alpha`, got `fast`")
    }

    func testBootstrapAboveTheCap() throws {
        try CatalogProject(experiment: experiment(replacing: "bootstrap: 100", with: "bootstrap: 10000000"))
            .assertRunFails(status: 2, "x.md:31:12: error: `bootstrap` takes 100 to 100000 resamples, got 10000000")
    }

    func testUnknownKeyInCleanNumericAtTheKey() throws {
        try CatalogProject(experiment: experiment(replacing: "  impute: median", with: "  imputer: median"))
            .assertRunFails(status: 2, "x.md:13:3: error: unknown key `imputer` in `numeric` — did you mean `impute`?")
    }

    func testUnknownTopLevelKeyInClean() throws {
        try CatalogProject(experiment: experiment(replacing: "numeric:\n  columns", with: "numerik: 1\nnumeric:\n  columns"))
            .assertRunFails(status: 2, "x.md:11:1: error: unknown key `numerik` — did you mean `numeric`?")
    }

    func testColumnsListedTwice() throws {
        try CatalogProject(experiment: experiment(replacing: "columns: [energy, tempo]", with: "columns: [energy, tempo, energy]"))
            .assertRunFails(status: 2, "x.md:10:9: error: clean: columns listed twice: energy")
    }

    func testDeeplyNestedYAML() throws {
        let deep = String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000)
        try CatalogProject(experiment: experiment(replacing: "targets: [valence, arousal]", with: "targets: \(deep)"))
            .assertRunFails(status: 2, "x.md:7:11: error: malformed YAML: nested too deeply: flatten the configuration")
    }

    // MARK: Data paths stay inside the data root

    func testAbsoluteDataPath() throws {
        try CatalogProject(experiment: experiment(replacing: "file: songs.csv", with: "file: /etc/passwd"))
            .assertRunFails(status: 2, "x.md:6:11: error: data path `/etc/passwd` is absolute: name data files relative to "
                + "the data root (set `data_root` in labbook.yml, or --data, to read another folder)")
    }

    func testDataPathLeavingTheRoot() throws {
        try CatalogProject(experiment: experiment(replacing: "    file: songs.csv", with: "    files: [songs.csv, ../../../etc/passwd]"))
            .assertFails(["check", "x.md"], status: 2, "x.md:6:24: error: data path `../../../etc/passwd` leaves the data "
                + "root: name data files inside it (set `data_root` in labbook.yml, or --data, to read another folder)")
    }

    func testSymlinkOutOfTheDataRoot() throws {
        let project = try CatalogProject(experiment: experiment(replacing: "file: songs.csv", with: "file: linked.csv"))
        try project.write("outside.csv", header + rows)
        XCTAssertEqual(symlink(project.root.appendingPathComponent("outside.csv").path,
                               project.data.appendingPathComponent("linked.csv").path), 0)
        let real = project.root.appendingPathComponent("outside.csv").resolvingSymlinksInPath().path
        let dataRoot = project.data.resolvingSymlinksInPath().path
        try project.assertRunFails(status: 1, "x.md:3:9: error: step `load` failed: data file `linked.csv` is a symbolic "
            + "link to \(real), outside the data root \(dataRoot): copy or link the data inside the data root, or point "
            + "`data_root` at it")
    }

    // MARK: Data files

    func testInfinityInANumericColumn() throws {
        let project = try CatalogProject(songs: header + "a1,0.5,0.2,inf,70,g\n" + rows)
        try project.assertRunFails(status: 1, "\(project.songsPath):2: error: column `energy` has the infinite value inf: "
            + "leave the field empty to mark a missing value\nx.md:3:9: note: step `load` failed on this data file")
    }

    func testLatin1DataFile() throws {
        let project = try CatalogProject()
        try project.write("data/songs.csv", bytes: Data((header + rows).utf8) + Data([0x42, 0x6A, 0xF6, 0x72, 0x6B]) + Data(",0.1,0.2,0.3,70,g\n".utf8))
        try project.assertRunFails(status: 1, "\(project.songsPath):42: error: invalid UTF-8 byte 0xF6: labbook reads UTF-8 "
            + "data files; convert it (e.g. iconv -f LATIN1 -t UTF-8)\nx.md:3:9: note: step `load` failed on this data file")
    }

    func testUTF16DataFile() throws {
        let project = try CatalogProject()
        var bytes = Data([0xFF, 0xFE])
        bytes.append((header + rows).data(using: .utf16LittleEndian) ?? Data())
        try project.write("data/songs.csv", bytes: bytes)
        try project.assertRunFails(status: 1, "\(project.songsPath):1: error: the file is UTF-16: labbook reads UTF-8 data "
            + "files; convert it (e.g. iconv -f UTF-16 -t UTF-8)\nx.md:3:9: note: step `load` failed on this data file")
    }

    func testTargetOnlyInTheRightTable() throws {
        let join = "    file: songs.csv\n  artists:\n    file: artists.csv\njoin:\n  left: songs\n  right: artists\n"
            + "  on: [artist, name]\n  how: inner\n"
        let artists = "name,mood\n" + (0..<10).map { "a\($0),\(Double($0) / 10)\n" }.joined()
        try CatalogProject(experiment: experiment(replacing: "    file: songs.csv\n", with: join)
                            .replacingOccurrences(of: "targets: [valence, arousal]", with: "targets: [valence, mood]"),
                           dataFiles: ["artists.csv": artists])
            .assertRunFails(status: 1, "x.md:14:20: error: step `load` failed: target `mood` is not a column of `songs`, "
                + "the left table of the join (looked for `mood` in songs.csv): targets are read from the left table, never "
                + "from `artists`")
    }

    func testDataFileIsAFolder() throws {
        let project = try CatalogProject(experiment: experiment(replacing: "file: songs.csv", with: "file: sub"))
        try FileManager.default.createDirectory(at: project.data.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try project.assertRunFails(status: 1, "\(project.data.path)/sub: error: cannot read file: it is a folder, not a file\n"
            + "x.md:3:9: note: step `load` failed on this data file")
    }

    // MARK: Files that are not what they should be

    func testExperimentFolderNamedLikeAFile() throws {
        let project = try CatalogProject()
        try FileManager.default.createDirectory(at: project.project.appendingPathComponent("experiments/y.md"),
                                                withIntermediateDirectories: true)
        try project.assertFails(["run", "experiments/"], status: 2,
                                "experiments/y.md: error: cannot read the file: it is a folder, not a file")
    }

    func testSymlinkLoop() throws {
        let project = try CatalogProject()
        XCTAssertEqual(symlink("loop.md", project.project.appendingPathComponent("loop.md").path), 0)
        try project.assertFails(["run", "loop.md"], status: 2,
                                "loop.md: error: cannot read the file: too many levels of symbolic links (a link loop?)")
    }

    func testMissingExperiment() throws {
        try CatalogProject().assertFails(["check", "nope.md"], status: 2, "nope.md: error: no such file or folder")
    }

    func testProjectFileIsAFolder() throws {
        let project = try CatalogProject()
        try FileManager.default.removeItem(at: project.project.appendingPathComponent("labbook.yml"))
        try FileManager.default.createDirectory(at: project.project.appendingPathComponent("labbook.yml"),
                                                withIntermediateDirectories: true)
        try project.assertRunFails(status: 2, "\(project.project.path)/labbook.yml: error: cannot read the project file: "
            + "it is a folder, not a file")
    }

    func testBadCacheLimit() throws {
        let project = try CatalogProject()
        try project.write("proj/labbook.yml", "data_root: ../data\ncache_limit_mb: 0\n")
        try project.assertRunFails(status: 2, "\(project.project.path)/labbook.yml: error: `cache_limit_mb` must be at least 1, got 0")
    }

    func testModelPathIsAFolderStopsBeforeTheRun() throws {
        let project = try CatalogProject()
        try FileManager.default.removeItem(at: project.project.appendingPathComponent("reports/x.model"))
        try FileManager.default.createDirectory(at: project.project.appendingPathComponent("reports/x.model"),
                                                withIntermediateDirectories: true)
        try project.assertRunFails(status: 1, "x.md:1:1: error: before the run: cannot write reports: "
            + "\(project.project.path)/reports/x.model is a folder, not a file; move it away and run again")
    }

    func testCompareWithDamagedResults() throws {
        let project = try CatalogProject()
        try project.write("proj/reports/y.results.json", "{\"experiment\": 3}\n")
        try project.assertFails(["compare", "x", "y"], status: 2, "\(project.project.path)/reports/x.results.json: error: "
            + "cannot read the results (missing key `title`): re-run the experiment to regenerate them")
    }

    func testCompareWithMissingResultsFile() throws {
        let project = try CatalogProject()
        try project.assertFails(["compare", "x", "nope"], status: 2, "\(project.project.path)/reports/nope.results.json: "
            + "error: no results for `nope`: the file does not exist (run the experiment first)")
    }

    // MARK: predict never overwrites what it reads

    private func trainedProject() throws -> CatalogProject {
        let project = try CatalogProject()
        let outcome = try LabbookBinary.run(["run", "x.md"], in: project.project)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        try project.write("data/new.csv", header + CatalogProject.songRows(5))
        return project
    }

    func testPredictOutputIsTheModel() throws {
        let project = try trainedProject()
        try project.assertFails(["predict", "--model", "reports/x.model", "--input", "../data/new.csv", "--output", "reports/x.model"],
                                status: 2, "reports/x.model: error: --output is the model file (reports/x.model): it would be "
                                    + "overwritten; choose another file")
    }

    func testPredictOutputIsTheInput() throws {
        let project = try trainedProject()
        try project.assertFails(["predict", "--model", "reports/x.model", "--input", "../data/new.csv", "--output", "../data/./new.csv"],
                                status: 2, "../data/./new.csv: error: --output is the input file (../data/new.csv): it would be "
                                    + "overwritten; choose another file")
        // The input is outside proj/: check it too.
    }

    func testPredictModelIsAFolder() throws {
        let project = try trainedProject()
        try FileManager.default.createDirectory(at: project.project.appendingPathComponent("m.model"), withIntermediateDirectories: true)
        try project.assertFails(["predict", "--model", "m.model", "--input", "../data/new.csv"], status: 1,
                                "\(project.project.path)/m.model: error: cannot read the model file: it is a folder, not a file")
    }

    func testPredictDamagedModelJSON() throws {
        let project = try trainedProject()
        let payload = "{\"models\": 3}"
        let sha = try sha256(Data(payload.utf8))
        try project.write("proj/bad.model", "{\"format\":\"labbook-model\",\"sha256\":\"\(sha)\",\"version\":2}\n" + payload)
        try project.assertFails(["predict", "--model", "bad.model", "--input", "../data/new.csv"], status: 1,
                                "\(project.project.path)/bad.model: error: the model file cannot be decoded (missing key "
                                    + "`experiment`): re-run the experiment to save it again")
    }

    func testPredictMissingOutputFolder() throws {
        let project = try trainedProject()
        try project.assertFails(["predict", "--model", "reports/x.model", "--input", "../data/new.csv", "--output", "nope/p.csv"],
                                status: 1, "nope/p.csv: error: cannot write in \(project.project.path)/nope: no such file")
    }

    func testPredictBadInputIsOneLine() throws {
        let project = try trainedProject()
        try project.write("data/new.csv", "artist,energy\n")
        try project.assertFails(["predict", "--model", "reports/x.model", "--input", "../data/new.csv"], status: 1,
                                "\(project.data.path)/new.csv:1: error: the file has a header but no data rows")
    }

    // MARK: Sweeps and caps

    func testSweepAboveMaxCells() throws {
        try CatalogProject().assertFails(["run", "--set", "train.models.ridge.grid.alpha=[1],[2],[3]",
                                          "--set", "evaluate.bootstrap=100,200", "--max-cells", "5", "x.md"],
                                         status: 2, "x.md: error: the sweep has 6 runs (3 × 2), more than --max-cells 5: pass --yes "
                                            + "to run them all, or raise --max-cells")
    }

    func testLargeSweepNeedsYes() throws {
        let values = (1...101).map(String.init).joined(separator: ",")
        try CatalogProject().assertFails(["run", "--set", "evaluate.bootstrap=\(values)", "x.md"], status: 2,
                                         "x.md: error: the sweep has 101 runs (101), more than --max-cells 100: pass --yes to run "
                                            + "them all, or raise --max-cells")
    }

    func testSetTypoInParamsNamesParams() throws {
        try CatalogProject().assertFails(["run", "--set", "train.models.ridge.params.alpah=5", "x.md"], status: 2,
                                         "x.md:17:9: error: unknown key `alpah` in `models.ridge.params` — did you mean "
                                            + "`alpha`? (from `--set train.models.ridge.params.alpah=5`)")
    }

    func testNegativeSeedIsOneErrorLine() throws {
        try CatalogProject().assertFails(["run", "--seed", "-1", "x.md"], status: 2,
                                         "error: --seed takes a whole number ≥ 0, got `-1` (see `labbook run --help`)")
    }

    func testNegativeSeedOfPreviewIsOneErrorLine() throws {
        try CatalogProject().assertFails(["preview", "--no-browser", "--seed", "-1", "x.md"], status: 2,
                                         "error: --seed takes a whole number ≥ 0, got `-1` (see `labbook preview --help`)")
    }

    func testZeroMaxCellsIsOneErrorLine() throws {
        try CatalogProject().assertFails(["run", "--set", "evaluate.bootstrap=100,200", "--max-cells", "0", "x.md"], status: 2,
                                         "error: --max-cells must be at least 1, got 0 (see `labbook run --help`)")
    }

    func testUnknownOptionIsOneErrorLine() throws {
        try CatalogProject().assertFails(["check", "--frobnicate", "x.md"], status: 2,
                                         "error: Unknown option '--frobnicate' (see `labbook check --help`)")
    }

    private func sha256(_ data: Data) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}
