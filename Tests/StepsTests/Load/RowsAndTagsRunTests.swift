import Support
import Foundation
import Literate
import Report
import Results
import XCTest
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

/// `where:`, per-file join rates and tags from text and several columns, run end to end on synthetic data:
/// counts in the step output, the results and the report; errors at their keys, at check time and at run time.
final class RowsAndTagsRunTests: XCTestCase {
    private var study: StudyRun!

    override func setUpWithError() throws {
        // Two corpora of 60 rows; corpus b's artists are unknown to the right table except one in six.
        // Genre is a delimited text column; year is missing for every tenth row.
        let genres = ["Pop-Rock", "Rock", "Jazz - Blues", "Pop", "Folk-Rock-", "Blues"]
        var files: [String: String] = [:]
        for (part, offset) in [("a", 0), ("b", 100)] {
            var text = "id,artist,Genre,year,target\n"
            for i in 0..<60 {
                let artist = part == "a" || i % 6 == 0 ? "Artist \(i % 20)" : "Stranger \(i)"
                let year = i % 10 == 9 ? "" : String(1980 + i % 30)
                let genre = genres[i % genres.count]
                let y = Double(i % 20) / 10 + (genre.contains("Rock") ? 1 : 0) + Double((i * 7) % 5) / 10
                text += "\(offset + i),\(artist),\(genre),\(year),\(y)\n"
            }
            files["\(part).csv"] = text
        }
        var artists = "name,energy,genres\n"
        for a in 0..<20 { artists += "artist \(a),\(Double(a) / 20),\"['\(a % 2 == 0 ? "dance" : "ambient")', 'x\(a % 3)']\"\n" }
        files["artists.csv"] = artists
        study = try StudyRun(files: files)
    }

    override func tearDownWithError() throws { study.remove() }

    private func experiment(where filter: String, tags: String) -> String {
        """
        # Rows and tags

        ```yaml load
        sources:
          songs: {files: [a.csv, b.csv], split_column: corpus, types: {id: text}}
          artists: {file: artists.csv, types: {genres: list}}
        join: {left: songs, right: artists, on: [artist, name], normalize: [case], indicator: matched}
        \(filter)
        targets: [target]
        ```

        ```yaml clean
        numeric: {columns: [energy, matched], impute: median}
        \(tags)
        ```

        ```yaml train
        models:
          ridge: {kind: ridge, params: {alpha: 1}}
        ```

        ```yaml evaluate
        protocols:
          random: {kind: kfold, folds: 3}
        bootstrap: 100
        ```

        """
    }

    /// The plan of `text` as `rows.md` (invalid plans included).
    private func plan(_ text: String) throws -> ExperimentPlan {
        let file = study.root.appendingPathComponent("rows.md")
        try Data(text.utf8).write(to: file)
        return try ExperimentPlanner(registry: .standard).plan(fileAt: file, displayName: "rows.md")
    }

    private func run(_ text: String) throws -> CompletedRun { try study.run(text, name: "rows").run }

    func testFilterJoinRatesAndTagSourcesAreReportedEverywhere() throws {
        let text = experiment(where: "where: {corpus: {in: [a, b]}, year: {not_missing: true, min: 1985}, Genre: {not_in: [Blues]}}",
                              tags: "tags: {columns: [genres, Genre], separator: \"-\", min_count: 2}")
        let completed = try run(text)
        let load = try XCTUnwrap(completed.context.results.load)
        // 120 rows; year missing in 12 (i % 10 == 9), then year < 1985 in i % 30 < 5 minus those already gone: 20;
        // then Blues (i % 6 == 5) among the rest.
        let filter = try XCTUnwrap(load.filter)
        XCTAssertEqual(filter.rowsBefore, 120)
        let expected = (0..<60).filter { i in i % 10 != 9 && 1980 + i % 30 >= 1985 && i % 6 != 5 }.count * 2
        XCTAssertEqual(filter.rowsKept, expected)
        XCTAssertEqual(load.rows, expected)
        XCTAssertEqual(filter.conditions.map(\.condition), ["in [a, b]", "not missing", "≥ 1985", "not in [Blues]"])
        XCTAssertEqual(filter.conditions.map(\.dropped), [0, 12, 20, 120 - 12 - 20 - expected])
        XCTAssertEqual(load.splits.map(\.count), [expected / 2, expected / 2], "rows per split after the filter")
        let join = try XCTUnwrap(load.join)
        XCTAssertEqual(join.byFile, [JoinFileSummary(file: "a.csv", split: "a", rows: 60, matchedRows: 60),
                                     JoinFileSummary(file: "b.csv", split: "b", rows: 60, matchedRows: 10)])
        XCTAssertEqual(join.splitColumn, "corpus")
        let output = try XCTUnwrap(completed.outputs["load"]?.markdown)
        XCTAssertTrue(output.contains("| songs file | corpus | matched | match rate |\n| --- | --- | ---: | ---: |\n"
            + "| `a.csv` | a | 60 of 60 | 100.0% |\n| `b.csv` | b | 10 of 60 | 16.7% |"), output)
        XCTAssertTrue(output.contains("> **Warning:** join match rates differ between files (16.7% for `b.csv`, 100.0% for `a.csv`)"), output)
        XCTAssertTrue(output.contains("Row filter (`where`, after the join): \(expected) of 120 rows kept, \(120 - expected) dropped."), output)
        XCTAssertTrue(output.contains("| year | not missing | 12 |\n| year | ≥ 1985 | 20 |"), output)
        let clean = try XCTUnwrap(completed.context.results.clean)
        XCTAssertTrue(clean.transforms.contains { $0.hasPrefix("multi-hot `genres+Genre` (text split at `-`)") }, "\(clean.transforms)")
        XCTAssertTrue(clean.transforms.contains("rows with at least one kept tag: \(expected) of \(expected) (the others get all-zero tag features)"),
                      "\(clean.transforms)")
        let report = try String(contentsOf: study.reports.appendingPathComponent("rows.md"), encoding: .utf8)
        // The report shows the load step's tables and warnings once, under its output (not again in the Report section).
        XCTAssertEqual(report.components(separatedBy: "| `b.csv` | b | 10 of 60 | 16.7% |").count, 2, report)
        XCTAssertEqual(report.components(separatedBy: "**Warning:** join match rates differ between files (16.7% for `b.csv`, "
            + "100.0% for `a.csv`): the artists columns are missing for unmatched rows, so those features cover the files unevenly")
            .count, 2, report)
        XCTAssertTrue(report.contains("| Genre | not in [Blues] | \(120 - 12 - 20 - expected) |"), report)
        let saved = try ResultsJSON.read(study.reports.appendingPathComponent("rows.results.json"))
        XCTAssertEqual(saved.load, load, "the results file keeps the filter and the per-file join")
    }

    func testCheckReportsEachBadValueAtItsKey() throws {
        let text = experiment(where: "where: {year: {min: 2000, max: 1990}, Genre: {in: [], not_missing: false}}",
                              tags: "tags: {columns: [genres, genres], separator: \"\"}")
        let plan = try plan(text)
        let lines = text.components(separatedBy: "\n")
        func at(_ needle: String, in line: String) -> SourceLocation {
            let row = lines.firstIndex { $0.contains(line) }! + 1
            let column = lines[row - 1].range(of: needle)!.lowerBound.utf16Offset(in: lines[row - 1]) + 1
            return SourceLocation(file: "rows.md", line: row, column: column)
        }
        let errors = plan.errors.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        let expected = [at("2000", in: "where:"), at("[]", in: "where:"), at("false", in: "where:"),
                        at("genres]", in: "tags:"), at("\"\"", in: "tags:")]
        XCTAssertEqual(Set(plan.errors.map { "\($0.location)" }), Set(expected.map { "\($0)" }), "\(errors)")
        XCTAssertTrue(errors.contains { $0.hasSuffix("`where.year`: min 2000.0 is above max 1990.0, so no row could pass") }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.hasSuffix("tag column `genres` is listed twice") }, "\(errors)")

        let typo = try self.plan(experiment(where: "where: {year: {not_mising: true}}", tags: ""))
        XCTAssertEqual(typo.errors.map(\.message), ["unknown key `not_mising` in `where.year` — did you mean `not_missing`?"])
    }

    func testUnknownColumnsFailTheRunAtTheirKey() throws {
        let badWhere = experiment(where: "where:\n  yeer: {min: 1990}", tags: "")
        XCTAssertThrowsError(try run(badWhere)) { error in
            let d = (error as? StepFailure)?.diagnostic
            XCTAssertEqual(d?.location, SourceLocation(file: "rows.md", line: 9, column: 9), "\(error)")
            XCTAssertTrue(d?.message.hasPrefix("step `load` failed: where: no column `yeer`") == true, "\(error)")
        }
        let badRange = experiment(where: "where: {Genre: {max: 3}}", tags: "")
        XCTAssertThrowsError(try run(badRange)) { error in
            XCTAssertEqual((error as? StepFailure)?.diagnostic.message,
                           "step `load` failed: where: column `Genre`: a range needs a numeric column; this one is text")
        }
        let typo = experiment(where: "where: {Genre: {not_in: [Blues, Bluse]}}", tags: "")
        let warned = try run(typo)
        XCTAssertEqual(warned.context.results.load?.filter?.conditions.first?.unseen, ["Bluse"])
        XCTAssertEqual(warned.context.results.load?.warnings?.count, 2, "uneven join rates and the unseen value")
        XCTAssertTrue(warned.outputs["load"]?.markdown.contains("> **Warning:** no row has `Genre` `Bluse` (listed in `where`)") == true)
        let nothingLeft = experiment(where: "where: {corpus: {in: [c]}}", tags: "")
        XCTAssertThrowsError(try run(nothingLeft)) { error in
            XCTAssertTrue("\(error)".contains("where: no row passes (of 120: `corpus` in [c] dropped 120)"), "\(error)")
        }
        let badTags = experiment(where: "", tags: "tags: {columns: [genres, Genra], separator: \"-\"}")
        XCTAssertThrowsError(try run(badTags)) { error in
            let d = (error as? StepFailure)?.diagnostic
            let lines = badTags.components(separatedBy: "\n")
            let line = lines.firstIndex { $0.contains("Genra") }! + 1
            let column = lines[line - 1].range(of: "Genra")!.lowerBound.utf16Offset(in: lines[line - 1]) + 1
            XCTAssertEqual(d?.location, SourceLocation(file: "rows.md", line: line, column: column), "\(error)")
            XCTAssertTrue(d?.message.contains("no column `Genra` for tags — did you mean `Genre`?") == true, "\(error)")
        }
    }
}
