import Foundation
import XCTest

/// Every kind of bad input gives one exact, actionable message, a non-zero exit code, and leaves the
/// experiment file and the earlier reports byte-identical (see `CatalogProject.assertRunFails`).
/// Exit code 2: the experiment is invalid (found before any data is read); 1: the run failed.
final class ErrorCatalogTests: XCTestCase {
    private let rows = CatalogProject.songRows()
    private let header = CatalogProject.header

    // MARK: Markdown and YAML

    func testMalformedYAML() throws {
        try CatalogProject(experiment: experiment(replacing: "targets: [valence, arousal]", with: "targets: [valence, arousal"))
            .assertRunFails(status: 2, "x.md:7:10: error: malformed YAML: did not find expected ',' or ']' "
                + "(while parsing a flow sequence that starts at x.md:7:10)")
    }

    func testUnknownStep() throws {
        try CatalogProject(experiment: experiment(replacing: "```yaml clean", with: "```yaml clena"))
            .assertRunFails(status: 2, "x.md:10:9: error: unknown step `clena` — did you mean `clean`? "
                + "(steps: load, clean, cluster, train, evaluate, report)")
    }

    func testUnknownKey() throws {
        try CatalogProject(experiment: experiment(replacing: "  scale: standard", with: "  scael: standard"))
            .assertRunFails(status: 2, "x.md:14:3: error: unknown key `scael` in `numeric` — did you mean `scale`?")
    }

    func testWrongType() throws {
        try CatalogProject(experiment: experiment(replacing: "folds: 3", with: "folds: three"))
            .assertRunFails(status: 2, "x.md:29:12: error: expected an integer for `protocols.random.folds`, got `three`")
    }

    func testMissingRequiredKey() throws {
        try CatalogProject(experiment: experiment(replacing: "    kind: kfold\n", with: ""))
            .assertRunFails(status: 2, "x.md:28:5: error: missing required key `kind` in `protocols.random`")
    }

    func testDuplicateStep() throws {
        try CatalogProject(experiment: CatalogProject.experiment + "\n```yaml clean\nnumeric:\n  columns: [energy]\n```\n")
            .assertRunFails(status: 2,
                            "x.md:34:9: error: duplicate step `clean`: it is already configured at line 10; merge the two blocks")
    }

    func testUnterminatedFence() throws {
        try CatalogProject(experiment: CatalogProject.experiment + "\n```yaml report\ncompare_with: a\n")
            .assertRunFails(status: 2, "x.md:34:1: error: unterminated code fence: add a closing ``` line after the block")
    }

    func testInvalidGridValueType() throws {
        try CatalogProject(experiment: experiment(replacing: "grid: {alpha: [1, 10]}", with: "grid: {alpha: [1, ten]}"))
            .assertRunFails(status: 2, "x.md:21:23: error: expected a number for `models.ridge.grid.alpha`, got `ten`")
    }

    // MARK: Data files

    func testDataFileMissing() throws {
        let project = try CatalogProject(experiment: experiment(replacing: "file: songs.csv", with: "file: nope.csv"))
        try project.assertRunFails(status: 1, "x.md:3:9: error: step `load` failed: data file not found: "
            + project.data.appendingPathComponent("nope.csv").path)
    }

    func testEmptyCSV() throws {
        let project = try CatalogProject(songs: "")
        try project.assertRunFails(status: 1, "\(project.songsPath):1: error: empty file: expected a header row\n"
            + "x.md:3:9: note: step `load` failed on this data file")
    }

    func testHeaderOnly() throws {
        let project = try CatalogProject(songs: header)
        try project.assertRunFails(status: 1, "\(project.songsPath):1: error: the file has a header but no data rows\n"
            + "x.md:3:9: note: step `load` failed on this data file")
    }

    func testRaggedRow() throws {
        let project = try CatalogProject(songs: header + "a1,0.5,0.2,0.3\n" + rows)
        try project.assertRunFails(status: 1, "\(project.songsPath):2: error: row has 4 fields, expected 6 as in the header\n"
            + "x.md:3:9: note: step `load` failed on this data file")
    }

    func testNonNumericValueInDeclaredNumericColumn() throws {
        let project = try CatalogProject(
            experiment: experiment(replacing: "    file: songs.csv\n", with: "    file: songs.csv\n    types: {energy: numeric}\n"),
            songs: header + "a1,0.5,0.2,0.1,70,g\na1,0.5,0.2,high,70,g\n" + rows)
        try project.assertRunFails(status: 1, "\(project.songsPath):3: error: column `energy` is numeric but has the value \"high\"\n"
            + "x.md:3:9: note: step `load` failed on this data file")
    }

    func testNonNumericValueInInferredColumn() throws {
        try CatalogProject(songs: header + "a1,0.5,0.2,high,70,g\n" + rows)
            .assertRunFails(status: 1, "x.md:10:9: error: step `clean` failed: clean: column `energy` is text, expected numeric")
    }

    func testAllMissingColumn() throws {
        let blanked = rows.split(separator: "\n").map { line -> String in
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[3] = ""
            return fields.joined(separator: ",") + "\n"
        }.joined()
        try CatalogProject(songs: header + blanked)
            .assertRunFails(status: 1, "x.md:10:9: error: step `clean` failed: clean: column `energy` has no values "
                + "(every row is missing): remove it from the clean step")
    }

    func testJoinWithZeroMatches() throws {
        let join = "    file: songs.csv\n  artists:\n    file: artists.csv\njoin:\n  left: songs\n  right: artists\n"
            + "  on: [artist, name]\n  how: inner\n"
        try CatalogProject(experiment: experiment(replacing: "    file: songs.csv\n", with: join),
                           dataFiles: ["artists.csv": "name,popularity\nzzz,1\nyyy,2\n"])
            .assertRunFails(status: 1, "x.md:12:7: error: step `load` failed: the join of `songs` and `artists` "
                + "matched none of the 40 rows: check the key columns in `on` and the `normalize` rules")
    }

    // MARK: Models and evaluation

    func testConstantTarget() throws {
        let constant = rows.split(separator: "\n").map { line -> String in
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[1] = "0.5"
            return fields.joined(separator: ",") + "\n"
        }.joined()
        try CatalogProject(songs: header + constant)
            .assertRunFails(status: 1, "x.md:10:9: error: step `clean` failed: target `valence` is constant "
                + "(every row is 0.5), so Pearson r is undefined for it: predict a target that varies")
    }

    func testMissingTargetValue() throws {
        try CatalogProject(songs: header + "a1,nan,0.2,0.3,70,g\n" + rows)
            .assertRunFails(status: 1, "x.md:10:9: error: step `clean` failed: target `valence` has 1 missing or infinite values")
    }

    func testFewerRowsThanFolds() throws {
        try CatalogProject(songs: header + CatalogProject.songRows(2))
            .assertRunFails(status: 1, "x.md:25:9: error: step `evaluate` failed: k-fold with 3 folds needs at least 3 rows, got 2")
    }

    func testKMeansKLargerThanRows() throws {
        try CatalogProject(experiment: experiment(replacing: "```yaml train", with: "```yaml cluster\nk: 50\nfeatures: [onehot]\n```\n\n```yaml train"))
            .assertRunFails(status: 1, "x.md:17:9: error: step `cluster` failed: k selection: k = 50 needs more than 50 rows, got 40")
    }

    func testKNeighborsKLargerThanRows() throws {
        try CatalogProject(experiment: experiment(replacing: "  ridge:\n    kind: ridge\n    grid: {alpha: [1, 10]}",
                                                  with: "  knn:\n    kind: knn\n    grid: {n_neighbors: [100]}"))
            .assertRunFails(status: 1, "x.md:25:9: error: step `evaluate` failed: model `knn` under protocol `random`: fold 1 of 3: "
                + "KNeighborsRegressor n_neighbors = 100 but there are only 26 training rows; lower n_neighbors to at most 26")
    }

    /// A number too large for a double is infinite: stopped in the CSV reader, at its line, never imputed.
    func testInfiniteValueReachingAModel() throws {
        let project = try CatalogProject(songs: header + rows + "a1,0.5,0.2,0.3,1e999,g\n")
        try project.assertRunFails(status: 1, "\(project.songsPath):42: error: column `tempo` has the infinite value inf: "
            + "leave the field empty to mark a missing value\nx.md:3:9: note: step `load` failed on this data file")
    }

    /// Found by `check`, at the value, before any data is read (it used to fail inside evaluate's first fold).
    func testGridWithAnInvalidValue() throws {
        try CatalogProject(experiment: experiment(replacing: "grid: {alpha: [1, 10]}", with: "grid: {alpha: [1, -10]}"))
            .assertRunFails(status: 2, "x.md:21:23: error: `alpha` of model `ridge` must be ≥ 0, got `-10`")
    }

    // MARK: Where outputs go

    func testUnwritableReportsFolder() throws {
        let project = try CatalogProject(earlierReports: false)
        try project.write("proj/reports", "a file where the reports folder should be\n")
        try project.assertRunFails(status: 1, "x.md:1:1: error: before the run: cannot write reports: "
            + "\(project.project.appendingPathComponent("reports").path) is a file, not a folder; move it away and run again")
    }

    func testReadOnlyExperimentFile() throws {
        let project = try CatalogProject()
        XCTAssertEqual(chmod(project.project.appendingPathComponent("x.md").path, 0o444), 0)
        try project.assertRunFails(status: 1, "x.md:1:1: error: the experiment file is read-only, so its outputs cannot be "
            + "written back: make it writable (chmod u+w x.md) and run again")
    }

    func testMalformedProjectSettings() throws {
        let project = try CatalogProject()
        try project.write("proj/labbook.yml", "data_root: [unclosed\n")
        defer { project.remove() }
        let outcome = try LabbookBinary.run(["run", "x.md"], in: project.project)
        XCTAssertEqual(outcome.status, 2)
        let settings = project.project.appendingPathComponent("labbook.yml").path
        XCTAssertEqual(outcome.errors, "\(settings):1:12: error: malformed YAML: did not find expected ',' or ']' "
            + "(while parsing a flow sequence that starts at \(settings):1:12)\n")
    }

    /// The base experiment itself runs cleanly, so every failure above is caused by its one change.
    func testBaseExperimentSucceeds() throws {
        let project = try CatalogProject()
        defer { project.remove() }
        let outcome = try LabbookBinary.run(["run", "x.md"], in: project.project)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout, "x.md: 4 steps run, outputs written back\n")
    }
}
