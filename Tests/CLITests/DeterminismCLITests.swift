import Foundation
import XCTest

/// Two runs in two processes (each with its own hash seed) give byte-identical experiments and reports,
/// apart from the run line. Catches results that depend on Set or Dictionary iteration order.
final class DeterminismCLITests: XCTestCase {
    func testTwoProcessesGiveIdenticalReports() throws {
        let project = try CLIHarness(prefix: "labbook-determinism")
        defer { project.cleanUp() }
        var songs = "id,artist,valence,arousal\n", artists = "name,energy,genres\n"
        let tags = (0..<40).map { "tag\($0)" }
        for a in 0..<30 {
            let mine = (0..<16).map { tags[(a * 5 + $0 * 7) % tags.count] }
            artists += "Artist \(a),\(Double(a % 7) / 7),\"[\(mine.map { "'\($0)'" }.joined(separator: ", "))]\"\n"
        }
        for s in 0..<180 {
            let a = s % 30
            let v = (Double((a * 13) % 11) / 11 + Double(s % 5) / 20) * 1.0137 + Double(s).squareRoot() / 97
            songs += "\(s),artist \(a),\(v),\(Double(a % 7) / 7.3 - Double(s % 3) / 9.1)\n"
        }
        try project.write("data/songs.csv", songs)
        try project.write("data/artists.csv", artists)
        try project.write("labbook.yml", "data_root: data\nseed: 4\n")
        try project.write("exp.md", """
            # Determinism

            ```yaml load
            sources:
              songs: {file: songs.csv, types: {id: text}}
              artists: {file: artists.csv, types: {genres: list}}
            join: {left: songs, right: artists, on: [artist, name], normalize: [case]}
            targets: [valence, arousal]
            ```

            ```yaml clean
            numeric: {columns: [energy]}
            tags: {column: genres, min_count: 2, target_encoding: {min_count: 2, smoothing: 5}}
            ```

            ```yaml train
            models:
              forest: {kind: random_forest, params: {n_estimators: 10, min_samples_leaf: 3}}
              hgb: {kind: hist_gradient_boosting, params: {max_iter: 20, min_samples_leaf: 5}}
            ```

            ```yaml evaluate
            protocols:
              random: {kind: kfold, folds: 3}
            bootstrap: 200
            ```

            """)
        var snapshots: [[String]] = []
        for _ in 0..<2 {
            let outcome = try project.run(["run", "--no-cache", "--quiet", "exp.md"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            var texts = try ["exp.md", "reports/exp.md", "reports/exp.html"].map { path in
                try project.read(path).split(separator: "\n").filter { !$0.contains("Run 20") }.joined(separator: "\n")
            }
            // Every metric at full precision (reports round to 3 decimals).
            let json = try JSONSerialization.jsonObject(with: Data(try project.read("reports/exp.results.json").utf8))
            let evaluation = (json as? [String: Any])?["evaluation"] as? [String: Any]
            let models = try XCTUnwrap(evaluation?["models"] as? [[String: Any]])
            for model in models {
                let metrics: [String: Any] = ["pooled": model["pooled"] ?? [:], "folds": model["folds"] ?? []]
                let data = try JSONSerialization.data(withJSONObject: metrics, options: [.sortedKeys])
                texts.append("\(model["model"] ?? "") \(model["target"] ?? "") " + String(decoding: data, as: UTF8.self))
            }
            snapshots.append(texts)
        }
        XCTAssertEqual(snapshots[0], snapshots[1])
    }
}
