import Report
import Foundation
import Frame
import Learn
import Results
import Config
import Runner
import Steps
import XCTest
import Yams

/// Runs the documented config on the shared data (skipped when the data is absent).
final class LoadRealDataTests: XCTestCase {
    static let root = URL(fileURLWithPath: "/work/shared/data")

    static let yaml = """
    sources:
      songs:
        files: [deezer/train.csv, deezer/validation.csv, deezer/test.csv]
        split_column: split
        types: {dzr_sng_id: text}
        ragged_rows: error
      artists:
        file: spotify/artists.csv
        types: {genres: list}
    join:
      left: songs
      right: artists
      on: [artist_name, artists]
      how: left
      normalize: [case, accents, punctuation, leading-the, whitespace]
      suffix: _spotify
      indicator: artist_matched
    targets: [valence, arousal]
    """

    func resolve(_ path: String) throws -> URL {
        let url = Self.root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw DataFileError.notFound(url.path) }
        return url
    }

    func testDeezerSpotifyFigures() throws {
        guard FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("deezer/train.csv").path) else {
            throw XCTSkip("no shared data at \(Self.root.path)")
        }
        let config = try YAMLDecoder().decode(LoadConfig.self, from: Self.yaml)
        let result = try LoadStep.execute(config, resolve: resolve)
        let s = result.summary
        XCTAssertEqual(s.rows, 18_644)
        XCTAssertEqual(s.splits, [NamedCount(name: "train", count: 11_267), NamedCount(name: "validation", count: 3_863),
                                  NamedCount(name: "test", count: 3_514)])
        XCTAssertEqual(s.join?.matchedRows, 13_844)
        // pandas drop_duplicates says 74: it also counts `-` and `\\` (both normalize to "", which never matches here).
        XCTAssertEqual(s.join?.rightDuplicateKeysDropped, 73)
        XCTAssertEqual(s.join?.matchRate ?? 0, 13_844.0 / 18_644.0, accuracy: 1e-12)
        // Per split (Python reference with the same normalization: 8441 / 2834 / 2569).
        XCTAssertEqual(s.join?.byFile?.map(\.matchedRows), [8_441, 2_834, 2_569])
        XCTAssertEqual(s.join?.byFile?.map(\.split), ["train", "validation", "test"])
        XCTAssertEqual(s.sources.map(\.rows), [18_644, 22_727])
        XCTAssertEqual(s.renamed, [Rename(from: "valence", to: "valence_spotify")])
        XCTAssertEqual(try result.frame.numeric("artist_matched").reduce(0, +), 13_844)
        XCTAssertEqual(result.frame["genres"]?.kindName, "list")
        XCTAssertEqual(result.frame["dzr_sng_id"]?.kindName, "text")
        XCTAssertEqual(s.missing.first { $0.name == "danceability" }?.count, 18_644 - 13_844)
        XCTAssertEqual(s.targets.map(\.name), ["valence", "arousal"])
        XCTAssertEqual(result.filesRead.count, 4)
        let md = StepSummary.load(s).markdown
        for figure in ["18,644", "11,267", "3,863", "3,514", "13,844 of 18,644", "74.3%"] {
            XCTAssertTrue(md.contains(figure), "markdown lacks \(figure):\n\(md)")
        }
    }

    func testDeamCRLFAndTabs() throws {
        let url = Self.root.appendingPathComponent("other/deam.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("no shared data") }
        let table = try CSVReader.read(url, path: "other/deam.csv")
        XCTAssertEqual(table.frame.rowCount, 1_802)
        XCTAssertEqual(table.frame.names, ["song_id", "artist_name", "song_name", "Genre", "valence", "arousal"])
        XCTAssertEqual(try table.frame.text("Genre").first ?? nil, "\tBlues\t")
        XCTAssertEqual(try table.frame.numeric("valence").first, 3.1)
    }

    /// AMG1608, PMEmo and DEAM stacked and joined to the Spotify artists: the match rate per corpus file
    /// (reference: the same normalization in Python's csv + unicodedata NFD gives 1345 / 655 / 111; with NFKD,
    /// DEAM's "…And You Will Know Us…" also matches, 112) and DEAM's Genre split at `-`.
    func testJoinRatePerCorpusAndGenreSeparator() throws {
        guard FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("other/deam.csv").path) else {
            throw XCTSkip("no shared data at \(Self.root.path)")
        }
        let yaml = """
        sources:
          songs:
            files: [other/amg1608.csv, other/pmemo.csv, other/deam.csv]
            split_column: dataset
            types: {song_id: text}
          artists: {file: spotify/artists.csv, types: {genres: list}}
        join: {left: songs, right: artists, on: [artist_name, artists], how: left,
               normalize: [case, accents, punctuation, leading-the, whitespace]}
        where: {dataset: {not_in: [pmemo]}}
        targets: [valence, arousal]
        """
        let result = try LoadStep.execute(try YAMLDecoder().decode(LoadConfig.self, from: yaml), resolve: resolve)
        let join = try XCTUnwrap(result.summary.join)
        XCTAssertEqual(join.byFile, [
            JoinFileSummary(file: "other/amg1608.csv", split: "amg1608", rows: 1_608, matchedRows: 1_345),
            JoinFileSummary(file: "other/pmemo.csv", split: "pmemo", rows: 767, matchedRows: 655),
            JoinFileSummary(file: "other/deam.csv", split: "deam", rows: 1_802, matchedRows: 111),
        ])
        XCTAssertEqual(join.matchedRows, 1_345 + 655 + 111)
        XCTAssertTrue(StepSummary.load(result.summary).markdown.contains("| `other/deam.csv` | deam | 111 of 1,802 | 6.2% |"))
        XCTAssertEqual(result.summary.filter?.rowsKept, 1_608 + 1_802)
        XCTAssertEqual(result.summary.splits.map(\.count), [1_608, 0, 1_802])

        // DEAM's Genre (tabs around the values) split at `-`: 32 distinct tags, Rock in 434 rows (Python's csv + split).
        let deam = result.frame.selectingRows((0..<result.frame.rowCount).filter { try! result.frame.text("dataset")[$0] == "deam" })
        let lists = try TagSource(columns: ["Genre"], separator: "-").lists(deam)
        XCTAssertEqual(Set(lists.flatMap { $0 ?? [] }).count, 32)
        XCTAssertEqual(lists.filter { $0?.contains("Rock") == true }.count, 434)
        XCTAssertEqual(lists.first ?? nil, ["Blues"], "tabs around the value are trimmed")
        let encoder = try TagSpec(source: TagSource(columns: ["genres", "Genre"], separator: "-"), minCount: 5)
            .fit(deam, rows: Array(0..<deam.rowCount))
        XCTAssertTrue(encoder.vocabulary.contains("Rock") && encoder.vocabulary.contains("Hip"), "\(encoder.vocabulary)")
    }
}
