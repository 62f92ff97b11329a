/// A small six-step study (load → clean → cluster → train → evaluate → report) on generated data, shared
/// by the tests that run it in-process (StepsTests) and through the binary (CLITests): about a second a run.
public enum SyntheticStudy {
    /// The data files, by path relative to the data root: 30 artists with two features and genre tags;
    /// 150 songs (train/test) whose targets follow the features. `artistShift` moves every artist's energy.
    public static func dataFiles(artistShift: Double = 0) -> [String: String] {
        let genres = ["rock", "pop", "jazz", "metal", "folk"]
        var artists = "artists,energy,danceability,genres\n"
        for a in 0..<30 {
            let energy = Double((a * 7) % 11) / 10 + artistShift
            let dance = Double((a * 5) % 13) / 12
            artists += "Artist \(a),\(energy),\(dance),\"['\(genres[a % 5])', '\(genres[(a / 5) % 5])']\"\n"
        }
        var train = "id,artist_name,valence,arousal\n", test = train
        for s in 0..<150 {
            let a = (s * 13) % 30
            let energy = Double((a * 7) % 11) / 10, dance = Double((a * 5) % 13) / 12
            let wobble = Double((s * 17) % 19) / 19 - 0.5
            let row = "\(s),artist \(a),\(dance - 0.5 + 0.3 * wobble),\(energy - 0.5 - 0.2 * wobble)\n"
            if s % 5 == 0 { test += row } else { train += row }
        }
        return ["artists.csv": artists, "songs/train.csv": train, "songs/test.csv": test]
    }

    /// The experiment, with the tags' SVD components as the one knob tests change; `prose` is the line
    /// under the title.
    public static func experiment(components: Int, prose: String = "") -> String {
        """
        # Synthetic
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
