import Foundation
import XCTest

/// On the real data (skipped without it): `labbook run` trains a small ridge experiment on the Deezer train and
/// validation files, `labbook predict` scores the test file, and the Pearson r of those predictions equals the
/// one the results state for the official split.
extension OverrideCLITests {
    private var dataFolder: URL? {
        let candidates = ["/work/shared/data", repository.appendingPathComponent("../shared/data").path]
        return candidates.map { URL(fileURLWithPath: $0).standardizedFileURL }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("deezer/test.csv").path) }
    }

    private var quickExperiment: String {
        """
        # Ridge on the official split

        ```yaml load
        sources:
          songs:
            files: [deezer/train.csv, deezer/validation.csv, deezer/test.csv]
            split_column: split
            types: {dzr_sng_id: text}
          artists:
            file: spotify/artists.csv
            types: {genres: list}
        join:
          left: songs
          right: artists
          on: [artist_name, artists]
          normalize: [case, accents, punctuation, leading-the, whitespace]
          suffix: _spotify
          indicator: artist_matched
        targets: [valence, arousal]
        ```

        ```yaml clean
        numeric:
          columns: [acousticness, danceability, energy, loudness, tempo, valence_spotify, popularity, count]
          log1p: [count]
          impute: median
          scale: standard
        tags: {column: genres, min_count: 20}
        ```

        ```yaml train
        models:
          ridge: {kind: ridge, params: {alpha: 10}}
        ```

        ```yaml evaluate
        protocols:
          official: {kind: predefined, column: split, train: [train, validation], test: [test]}
        bootstrap: 100
        ```

        """
    }

    func testPredictReproducesTheOfficialSplitsRFromTheReport() throws {
        guard let data = dataFolder else { throw XCTSkip("the real data (/work/shared/data) is not available") }
        try write("labbook.yml", "data_root: \(data.path)\n")
        try write("experiments/quick.md", quickExperiment)
        let run = try labbook(["run", "experiments/quick.md"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let predict = try labbook(["predict", "--model", "reports/quick.model",
                                   "--input", data.appendingPathComponent("deezer/test.csv").path,
                                   "--output", "predictions.csv"])
        XCTAssertEqual(predict.status, 0, predict.stderr)

        let results = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(read("reports/quick.results.json").utf8))
                                    as? [String: Any])
        let evaluation = try XCTUnwrap(results["evaluation"] as? [String: Any])
        let models = try XCTUnwrap(evaluation["models"] as? [[String: Any]])
        let table = try parseCSV(read("predictions.csv"))
        XCTAssertEqual(table.count, 3514)
        for target in ["valence", "arousal"] {
            let row = try XCTUnwrap(models.first { $0["target"] as? String == target && $0["protocolName"] as? String == "official" })
            let reported = try XCTUnwrap((row["pooled"] as? [String: Any])?["pearson"] as? Double)
            let actual = try table.map { try XCTUnwrap(Double($0[target] ?? "")) }
            let predicted = try table.map { try XCTUnwrap(Double($0["predicted_\(target)"] ?? "")) }
            XCTAssertEqual(pearson(actual, predicted), reported, accuracy: 1e-9, target)
        }
        let missing = try labbook(["predict", "--model", "reports/quick.model", "--input", "experiments/quick.md"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("error:"), missing.stderr)
    }

    /// Rows as column → text; handles quoted fields with commas and doubled quotes.
    private func parseCSV(_ text: String) throws -> [[String: String]] {
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            if next == "," { record.append(field); field = "" }
                            else if next == "\n" { record.append(field); records.append(record); field = ""; record = [] }
                            else { field.append(next) }
                        }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { record.append(field); field = "" }
            else if c == "\n" { record.append(field); records.append(record); field = ""; record = [] }
            else { field.append(c) }
        }
        let header = try XCTUnwrap(records.first)
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
