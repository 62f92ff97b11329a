import Report
import Foundation
import Frame
import Results
import Config
import Runner
import Steps
import XCTest
import Yams

/// The load step on hand-made files in a temporary data root.
final class LoadStepTests: XCTestCase {
    var root = URL(fileURLWithPath: NSTemporaryDirectory())

    override func setUpWithError() throws {
        root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("labbook-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("d"), withIntermediateDirectories: true)
        try write("d/train.csv", "id,artist,valence,arousal\n1,The Beatles,0.5,1\n2,Beyoncé,-1,0\n3,Nobody,1.5,\n")
        try write("d/test.csv", "id,artist,valence,arousal\r\n4,\"AC/DC\",2,3\r\n")
        try write("a.csv", "\u{FEFF}name,valence,genres\nbeatles,0.9,\"['rock', \"\"children's music\"\"]\"\nBEYONCE,0.8,[]\nac dc,0.7,['hard rock']\nBeatles,0.1,[]\n")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }

    func resolve(_ path: String) throws -> URL {
        let url = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw DataFileError.notFound(url.path) }
        return url
    }

    let yaml = """
    sources:
      songs:
        files: [d/train.csv, d/test.csv]
        split_column: split
        types: {id: text}
      artists:
        file: a.csv
    join:
      left: songs
      right: artists
      on: [artist, name]
      normalize: [case, accents, punctuation, leading-the, whitespace]
      suffix: _spotify
      indicator: matched
    rename: {valence_spotify: spotify_valence}
    targets: [valence, arousal]
    """

    func testJoinedFrameAndSummary() throws {
        let config = try YAMLDecoder().decode(LoadConfig.self, from: yaml)
        XCTAssertNoThrow(try LoadStep.check(config))
        let r = try LoadStep.execute(config, resolve: resolve)
        XCTAssertEqual(r.frame.names, ["id", "artist", "valence", "arousal", "split", "name", "spotify_valence", "genres", "matched"])
        XCTAssertEqual(try r.frame.text("split"), ["train", "train", "train", "test"])
        XCTAssertEqual(try r.frame.numeric("matched"), [1, 1, 0, 1])
        XCTAssertEqual(try r.frame.list("genres"), [["rock", "children's music"], [], nil, ["hard rock"]])
        let s = r.summary
        XCTAssertEqual(s.splits, [NamedCount(name: "train", count: 3), NamedCount(name: "test", count: 1)])
        XCTAssertEqual(s.join?.matchedRows, 3)
        XCTAssertEqual(s.join?.rightDuplicateKeysDropped, 1)
        XCTAssertEqual(s.renamed, [Rename(from: "valence", to: "valence_spotify"), Rename(from: "valence_spotify", to: "spotify_valence")])
        XCTAssertEqual(s.missing.first { $0.name == "arousal" }?.count, 1)
        let valence = try XCTUnwrap(s.targets.first)
        XCTAssertEqual(valence.mean, 0.75, accuracy: 1e-12)
        XCTAssertEqual(valence.sd, (5.25 / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(r.filesRead.count, 3)
        let md = StepSummary.load(s).markdown
        XCTAssertTrue(md.contains("| songs × artists | left | case, accents, punctuation, leading-the, whitespace | 3 of 4 | 75.0% | 1 |"), md)
        XCTAssertEqual(s.join?.byFile, [JoinFileSummary(file: "d/train.csv", split: "train", rows: 3, matchedRows: 2),
                                        JoinFileSummary(file: "d/test.csv", split: "test", rows: 1, matchedRows: 1)])
        XCTAssertTrue(md.contains("| songs file | split | matched | match rate |\n| --- | --- | ---: | ---: |\n"
            + "| `d/train.csv` | train | 2 of 3 | 66.7% |\n| `d/test.csv` | test | 1 of 1 | 100.0% |"), md)
        XCTAssertTrue(md.contains("> **Warning:** join match rates differ between files (66.7% for `d/train.csv`, 100.0% for `d/test.csv`)"), md)
    }

    func testDataErrorsNameFileAndLine() throws {
        try write("d/test.csv", "id,artist,valence,arousal\n4,x,2\n5,y,1,1\n")
        let config = try YAMLDecoder().decode(LoadConfig.self, from: yaml)
        XCTAssertThrowsError(try LoadStep.execute(config, resolve: resolve)) { error in
            XCTAssertEqual("\(error)", "d/test.csv:2: error: row has 3 fields, expected 4 as in the header")
        }
        var skipping = config
        skipping.sources["songs"]?.raggedRows = .skip
        XCTAssertEqual(try LoadStep.execute(skipping, resolve: resolve).summary.sources.first?.skippedRows, 1)
    }

    func testAllMissingTargetAndMissingFile() throws {
        try write("d/train.csv", "id,artist,valence,arousal\n1,Beatles,,1\n")
        try write("d/test.csv", "id,artist,valence,arousal\n2,b,,2\n")
        let config = try YAMLDecoder().decode(LoadConfig.self, from: yaml)
        XCTAssertThrowsError(try LoadStep.execute(config, resolve: resolve)) { error in
            XCTAssertEqual("\(error)", "d/train.csv:1: error: target column `valence` has no values (all missing)")
        }
        var missing = config
        missing.sources["artists"]?.files = ["nope.csv"]
        XCTAssertThrowsError(try LoadStep.execute(missing, resolve: resolve)) { error in
            XCTAssertTrue("\(error)".hasPrefix("data file not found: "), "\(error)")
        }
    }

    func testCheckCatchesBadReferences() throws {
        var config = try YAMLDecoder().decode(LoadConfig.self, from: yaml)
        config.join?.right = "artistz"
        XCTAssertThrowsError(try LoadStep.check(config)) { error in
            XCTAssertTrue("\(error)".contains("join refers to `artistz`, which is not a source"), "\(error)")
        }
        config.join = nil
        XCTAssertThrowsError(try LoadStep.check(config))
        let several = try YAMLDecoder().decode(JoinConfig.self, from: "left: a\nright: b\non: [[x, X], [y, Y]]\nhow: inner\n")
        XCTAssertEqual(several.on, [JoinKey(left: "x", right: "X"), JoinKey(left: "y", right: "Y")])
        XCTAssertEqual(several.how, .inner)
        XCTAssertEqual(several.effectiveSuffix, "_b")
        XCTAssertThrowsError(try YAMLDecoder().decode(JoinConfig.self, from: "left: a\nright: b\non: [x]\n"))
        XCTAssertThrowsError(try YAMLDecoder().decode(JoinConfig.self, from: "left: a\nright: b\non: k\nhow: outer\n"))
    }

    func testUnevenFileMatchesNeedsAGapBetweenFiles() {
        var join = JoinSummary(left: "l", right: "r", how: "left", normalize: [], leftRows: 300, matchedRows: 200,
                               matchRate: 2.0 / 3, rightDuplicateKeysDropped: 0)
        XCTAssertNil(join.unevenFileMatches(), "no per-file counts")
        join.byFile = [JoinFileSummary(file: "a", split: nil, rows: 100, matchedRows: 70),
                       JoinFileSummary(file: "b", split: nil, rows: 100, matchedRows: 60),
                       JoinFileSummary(file: "c", split: nil, rows: 0, matchedRows: 0)]
        XCTAssertNil(join.unevenFileMatches(), "10 points apart; an empty file does not count")
        join.byFile?.append(JoinFileSummary(file: "d", split: nil, rows: 100, matchedRows: 49))
        XCTAssertEqual(join.unevenFileMatches().map { [$0.lowest.file, $0.highest.file] }, ["d", "a"])
    }

    func testUnmatchedRowsAreRenumberedAfterTheRowFilter() throws {
        var config = try YAMLDecoder().decode(LoadConfig.self, from: yaml)
        XCTAssertEqual(try LoadStep.execute(config, resolve: resolve).unmatchedRows, [2], "Nobody, the third row")
        config.filter = RowFilterConfig(columns: [ColumnFilter(column: "id", notIn: ["1"])])
        let filtered = try LoadStep.execute(config, resolve: resolve)
        XCTAssertEqual(try filtered.frame.text("artist"), ["Beyoncé", "Nobody", "AC/DC"])
        XCTAssertEqual(filtered.unmatchedRows, [1])
    }
}
