import Foundation
import Frame
import Results
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
        XCTAssertEqual(s.sources.map(\.rows), [18_644, 22_727])
        XCTAssertEqual(s.renamed, [Rename(from: "valence", to: "valence_spotify")])
        XCTAssertEqual(try result.frame.numeric("artist_matched").reduce(0, +), 13_844)
        XCTAssertEqual(result.frame["genres"]?.kindName, "list")
        XCTAssertEqual(result.frame["dzr_sng_id"]?.kindName, "text")
        XCTAssertEqual(s.missing.first { $0.name == "danceability" }?.count, 18_644 - 13_844)
        XCTAssertEqual(s.targets.map(\.name), ["valence", "arousal"])
        XCTAssertEqual(result.filesRead.count, 4)
        let md = LoadStep.markdown(s)
        for figure in ["18644", "11267", "3863", "3514", "13844 of 18644", "74.3%"] {
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
}
