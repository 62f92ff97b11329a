import Support
import Foundation
import Literate
import Report
import Results
import XCTest

final class FormattingTests: XCTestCase {
    func testFixedRoundsHalfAwayFromZeroWithoutLocale() {
        XCTAssertEqual(NumberFormat.fixed(1.2345, 2), "1.23")
        XCTAssertEqual(NumberFormat.fixed(2.5, 0), "3")
        XCTAssertEqual(NumberFormat.fixed(-2.5, 0), "-3")
        XCTAssertEqual(NumberFormat.fixed(-0.0004, 3), "0.000")
        XCTAssertEqual(NumberFormat.fixed(0.05, 3), "0.050")
        XCTAssertEqual(NumberFormat.fixed(-0.002, 3), "-0.002")
        XCTAssertEqual(NumberFormat.fixed(12345.678, 1), "12345.7")
        XCTAssertEqual(NumberFormat.fixed(.nan, 3), "n/a")
        XCTAssertEqual(NumberFormat.fixed(-.infinity, 3), "-inf")
        XCTAssertEqual(NumberFormat.grouped(18644), "18,644")
        XCTAssertEqual(NumberFormat.grouped(-1234567), "-1,234,567")
        XCTAssertEqual(NumberFormat.grouped(999), "999")
        XCTAssertEqual(NumberFormat.percent(13844.0 / 18644.0), "74.3%")
        XCTAssertEqual(NumberFormat.seconds(152.66), "152.7 s")
    }

    /// Against C's printf on values that are not near a rounding tie.
    func testFixedAgreesWithPrintf() {
        var state: UInt64 = 12345
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let v = (Double(state >> 11) / Double(1 << 53) - 0.5) * 200
            let scaled = abs(v) * 1000
            guard abs(scaled - scaled.rounded(.down) - 0.5) > 1e-6 else { continue }
            XCTAssertEqual(NumberFormat.fixed(v, 3), String(format: "%.3f", v).replacingOccurrences(of: "-0.000", with: "0.000"))
        }
    }

    func testResultsJSONRoundTripsWithSortedKeysAndNaN() throws {
        var results = try Fixture.results("regression")
        let data = try ResultsJSON.encode(results)
        XCTAssertEqual(try ResultsJSON.decode(data), results)
        XCTAssertEqual(try ResultsJSON.encode(ResultsJSON.decode(data)), data, "encoding is byte-stable")
        let text = String(decoding: data, as: UTF8.self)
        let keys = ["\"clean\"", "\"cluster\"", "\"evaluation\"", "\"experiment\"", "\"load\"", "\"provenance\"", "\"title\""]
        let positions = keys.compactMap { text.range(of: "\n  \($0)")?.lowerBound }
        XCTAssertEqual(positions.count, keys.count)
        XCTAssertEqual(positions, positions.sorted())
        results.evaluation?.models[0].pooled.spearman = .nan
        let decoded = try ResultsJSON.decode(ResultsJSON.encode(results))
        XCTAssertTrue(decoded.evaluation?.models[0].pooled.spearman.isNaN ?? false)
    }

    func testUnreadableResultsNameTheFile() {
        XCTAssertThrowsError(try ResultsJSON.decode(Data("{}".utf8), source: "reports/x.results.json")) { error in
            XCTAssertTrue(String(describing: error).contains("reports/x.results.json"))
        }
    }

    func testAtomicWriteReplacesAndLeavesNoTemporaryFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.txt")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try AtomicFile.write("first", to: file)
        try AtomicFile.write("second", to: file)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "second")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["a.txt"])
        XCTAssertThrowsError(try AtomicFile.write("x", to: file.appendingPathComponent("inside-a-file.txt")))
    }

    func testWriteProducesBothReportsAndIndex() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-write-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let urls = try ReportRenderer.write(Fixture.regression(), to: folder)
        XCTAssertEqual(urls.suffix(2).map(\.lastPathComponent), ["regression.md", "regression.html"])
        XCTAssertEqual(urls.dropLast(2).map { $0.deletingLastPathComponent().lastPathComponent }, Array(repeating: "regression", count: urls.count - 2))
        XCTAssertEqual(urls.dropLast(2).map(\.lastPathComponent), try ReportRenderer.figures(Fixture.regression()).map(\.name))
        try ReportRenderer.writeIndex([Fixture.results("regression")], to: folder)
        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains("<a href=\"regression.html\">HTML report</a>"))
        XCTAssertTrue(index.contains("<td>valence</td><td>0.370 (hist_gradient_boosting)</td><td>0.295 (hist_gradient_boosting)</td>"))
    }

    /// The index: headline protocol, run line and section links per experiment; per target, experiments ranked by r.
    func testIndexRanksExperimentsPerTargetAndLinksSections() throws {
        var deep = try Fixture.results("deep")
        deep.experiment = "zz-deep"
        let html = ReportRenderer.index([try Fixture.results("regression"), deep])
        XCTAssertTrue(html.contains("headline protocol random_kfold"))
        XCTAssertTrue(html.contains("<a href=\"regression.html#discussion\">Discussion</a>"))
        XCTAssertTrue(html.contains("<a href=\"regression.html#clustering\">Clustering</a>"))
        XCTAssertFalse(html.contains("zz-deep.html#clustering"), "no link to a section the report does not have")
        XCTAssertEqual(html.components(separatedBy: "\nRun 20").count - 1, 2, "one run line per experiment, each on its own line")
        let ranking = try XCTUnwrap(html.components(separatedBy: "<h2 id=\"rank-valence\">").last)
        let rows = ranking.components(separatedBy: "<tr><td class=\"num\">").dropFirst().prefix(2)
        XCTAssertEqual(rows.count, 2)
        let rs = rows.compactMap { row in Double(row.components(separatedBy: "<td class=\"num\">")[1].prefix { $0 != "<" }) }
        XCTAssertEqual(rs, rs.sorted(by: >), "ranked best first")
        XCTAssertFalse(html.contains("<script"))
    }

    func testAuthorDiscussionInsideCodeFenceIsNotMoved() throws {
        var input = try Fixture.regression()
        input.experimentMarkdown = "# T\n\n```markdown\n## Discussion\nexample\n```\n\nText.\n"
        let md = ReportRenderer.markdown(input)
        XCTAssertTrue(md.hasPrefix("# T\n\n```markdown\n## Discussion\nexample\n```\n\nText.\n\n## Report"))
    }
}
