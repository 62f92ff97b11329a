/// The text `labbook new` writes: every step, with the options of each and what they do.
enum ExperimentTemplate {
    static func text(name: String) -> String {
        let fence = "```"
        return """
        # \(name)

        What question does this experiment answer? Say it here, in prose: the report quotes this file.

        ## Data

        \(fence)yaml load
        sources:
          songs:
            # Paths are relative to the data folder (labbook.yml `data_root`, or --data).
            files: [deezer/train.csv, deezer/validation.csv, deezer/test.csv]
            split_column: split          # a text column holding each row's file stem (train, validation, test)
            types: {dzr_sng_id: text}    # override inferred kinds: numeric | text | list
          artists:
            file: spotify/artists.csv
            types: {genres: list}
        join:
          left: songs
          right: artists
          on: [artist_name, artists]     # [left column, right column]
          how: left                      # left keeps unmatched songs (their features are imputed) | inner
          normalize: [case, accents, punctuation, leading-the, whitespace]
          suffix: _spotify               # clashing right-side names, e.g. Spotify's valence → valence_spotify
          indicator: artist_matched      # a 1/0 column: was the artist found?
        targets: [valence, arousal]      # the numeric columns to predict
        \(fence)

        ## Cleaning

        Fitted inside every training fold, then applied to the test rows.

        \(fence)yaml clean
        numeric:
          columns: [acousticness, danceability, duration_ms, energy, instrumentalness, liveness, loudness,
                    speechiness, tempo, valence_spotify, popularity, key, mode, count]
          log1p: [duration_ms, count]    # log(1 + x) for skewed columns
          impute: median                 # mean | median | most_frequent | constant
          scale: standard                # standard | minmax | none
        tags:
          column: genres                 # a list column: one indicator per tag
          min_count: 5                   # drop tags seen fewer times in the training rows
          reduce: {method: truncated_svd, n_components: 32}
        \(fence)

        ## Clusters

        KMeans on the cleaned features; the chosen k's membership and distances become extra features.

        \(fence)yaml cluster
        k: {min: 2, max: 8}              # or a fixed k, e.g. `k: 6`
        rule: max_silhouette             # max_silhouette | elbow
        n_init: 10
        silhouette_sample: 5000
        features: [onehot, distances]
        \(fence)

        ## Models

        Each model has a `kind`, optional `params`, an optional `grid` (tuned by inner cross-validation) and
        `features: all` (with the cluster features, the default) or `base` (without).

        \(fence)yaml train
        models:
          ridge:
            kind: ridge                  # linear | ridge | lasso | knn | decision_tree | random_forest | hist_gradient_boosting | mlp
            grid: {alpha: [1, 10, 100]}
          hgb:
            kind: hist_gradient_boosting
            params: {max_iter: 100, learning_rate: 0.1}
        inner_folds: 3
        \(fence)

        ## Evaluation

        \(fence)yaml evaluate
        protocols:
          random: {kind: kfold, folds: 5}
          by_artist: {kind: group_kfold, folds: 5, column: artist_name}
          official: {kind: predefined, column: split, train: [train, validation], test: [test]}
        benchmark: 0.4                   # the Pearson r to beat
        bootstrap: 1000                  # resamples for confidence intervals
        \(fence)

        Options of the generated report (it is written to `reports/`, with its own Report section).

        \(fence)yaml report
        # compare_with: va-regression    # another experiment whose results the discussion compares against
        \(fence)

        ## Discussion

        What did we learn? Write it after the run.

        """
    }
}
