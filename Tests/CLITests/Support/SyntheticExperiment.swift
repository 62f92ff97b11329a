import Foundation

/// The six-step synthetic experiment of `StepsTests/Cache/SyntheticProject.swift` as a project on disk
/// (labbook.yml, data/, experiments/synthetic.md), for tests that run the binary on it in about a second.
enum SyntheticExperiment {
    /// Writes the project into `harness`'s folder.
    static func write(to harness: CLIHarness, prose: String = "Some prose.", components: Int = 2) throws {
        try harness.write("labbook.yml", "data_root: data\nseed: 1\n")
        let genres = ["rock", "pop", "jazz", "metal", "folk"]
        var artists = "artists,energy,danceability,genres\n"
        for a in 0..<30 {
            artists += "Artist \(a),\(Double((a * 7) % 11) / 10),\(Double((a * 5) % 13) / 12),"
                + "\"['\(genres[a % 5])', '\(genres[(a / 5) % 5])']\"\n"
        }
        try harness.write("data/artists.csv", artists)
        var train = "id,artist_name,valence,arousal\n", test = train
        for s in 0..<150 {
            let a = (s * 13) % 30
            let energy = Double((a * 7) % 11) / 10, dance = Double((a * 5) % 13) / 12
            let wobble = Double((s * 17) % 19) / 19 - 0.5
            let row = "\(s),artist \(a),\(dance - 0.5 + 0.3 * wobble),\(energy - 0.5 - 0.2 * wobble)\n"
            if s % 5 == 0 { test += row } else { train += row }
        }
        try harness.write("data/songs/train.csv", train)
        try harness.write("data/songs/test.csv", test)
        try harness.write(path, experiment(prose: prose, components: components))
    }

    static let path = "experiments/synthetic.md"

    static func experiment(title: String = "Synthetic", prose: String, components: Int) -> String {
        """
        # \(title)

        \(prose)

        ```yaml load
        sources:
          songs:
            files: [songs/train.csv, songs/test.csv]
            split_column: split
            types: {id: text}
          artists:
            file: artists.csv
            types: {genres: list}
        join: {left: songs, right: artists, on: [artist_name, artists], how: left, normalize: [case]}
        targets: [valence, arousal]
        ```

        ```yaml clean
        numeric: {columns: [energy, danceability], impute: median, scale: standard}
        tags:
          column: genres
          min_count: 1
          reduce: {method: truncated_svd, n_components: \(components)}
        ```

        ```yaml cluster
        k: {min: 2, max: 4}
        n_init: 2
        features: [onehot, distances]
        ```

        ```yaml train
        models:
          ridge: {kind: ridge, grid: {alpha: [0.1, 10]}}
          knn: {kind: knn, params: {n_neighbors: 5}}
        inner_folds: 2
        ```

        ```yaml evaluate
        protocols:
          random: {kind: kfold, folds: 3}
        benchmark: 0.4
        bootstrap: 100
        ```

        ```yaml report
        {}
        ```

        """
    }
}
