import Report
import Frame
import Learn
import Linalg
import Results
import XCTest
import Yams
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

final class CleanStepTests: XCTestCase {
    let yaml = """
    numeric:
      columns: [acousticness, duration_ms, loudness, count]
      log1p: [duration_ms, count]
      clip: {loudness: [-60, 0]}
      impute: median
      missing_indicators: true
      scale: standard
    categorical: {columns: [mood], handle_unknown: ignore}
    tags:
      column: genres
      min_count: 2
      tfidf: false
      reduce: {method: truncated_svd, n_components: 3}
    pca: {n_components: 0.95}
    """

    /// Decoded as `labbook` decodes it: with the config decoder, which reports unknown keys and invalid choices.
    func decode(_ text: String) throws -> CleanConfig { try ConfigDecoder.decode(CleanConfig.self, yaml: text, file: "t.md") }

    func testDecodesTheDocumentedExample() throws {
        let config = try decode(yaml)
        XCTAssertEqual(config.numeric?.columns.count, 4)
        XCTAssertEqual(config.numeric?.impute, .median)
        XCTAssertEqual(config.numeric?.clip["loudness"], [-60, 0])
        XCTAssertEqual(config.numeric?.missingIndicators, true)
        XCTAssertEqual(config.tags?.reduce?.nComponents, 3)
        XCTAssertEqual(config.pca?.nComponents, .fraction(0.95))
        XCTAssertEqual(try decode("pca: {n_components: 8}\ntags: {column: g}").pca?.nComponents, .count(8))
        let defaults = try decode("numeric: {columns: [a]}")
        XCTAssertEqual(defaults.numeric?.scale, .standard)
        XCTAssertEqual(defaults.numeric?.impute, .median)
        XCTAssertNil(defaults.tags)
    }

    func testRejectsTyposAndUnknownChoicesWithTheAllowedValues() {
        XCTAssertThrowsError(try decode("tags: {column: g, min_cout: 3}")) { error in
            XCTAssertTrue("\(error)".contains("min_cout") && "\(error)".contains("min_count"), "\(error)")
        }
        XCTAssertThrowsError(try decode("numeric: {columns: [a], impute: average}")) { error in
            XCTAssertTrue("\(error)".contains("invalid value `average` for `numeric.impute`"), "\(error)")
            XCTAssertTrue("\(error)".contains("most_frequent"), "\(error)")
        }
    }

    func testCheckListsEveryProblem() throws {
        let bad = try decode("""
        numeric: {columns: [a, b], log1p: [c], clip: {a: [5, 1]}, impute: none}
        categorical: {columns: [a]}
        tags: {column: g, min_count: 0, reduce: {n_components: 0}}
        pca: {n_components: 1.5}
        """)
        XCTAssertThrowsError(try CleanStep.check(bad)) { error in
            let problems = (error as? CleanConfigError)?.problems ?? []
            XCTAssertEqual(problems.count, 7, "\(problems)")
        }
        XCTAssertThrowsError(try CleanStep.check(CleanConfig()))
        XCTAssertNoThrow(try CleanStep.check(try decode(yaml)))
    }

    func frame() throws -> DataFrame {
        var rng = SeededGenerator(seed: 5)
        let n = 80
        func column(_ f: (Int) -> Double) -> Column { .numeric((0..<n).map { $0 % 6 == 0 ? .nan : f($0) }) }
        let tags = ["pop", "rock", "indie", "soul", "jazz"]
        let acousticness = column { _ in rng.nextUnit() }
        let duration = column { _ in 180_000 + 60_000 * rng.nextUnit() }
        let loudness = column { _ in -80 + 80 * rng.nextUnit() }
        let count = column { Double($0 % 40) }
        let moods: [String?] = (0..<n).map { i -> String? in ["calm", "tense", nil][i % 3] }
        let genres: [[String]?] = (0..<n).map { i -> [String]? in i % 5 == 0 ? nil : [tags[i % 5], tags[(i / 5) % 5]] }
        return try DataFrame([("acousticness", acousticness), ("duration_ms", duration), ("loudness", loudness),
                              ("count", count), ("mood", .text(moods)), ("genres", .list(genres))])
    }

    func testPipelineFromConfigFitsAndSummarises() throws {
        let config = try decode(yaml)
        let data = try frame()
        try CleanStep.check(config, against: data)
        let fitted = try CleanStep.pipeline(from: config).fit(data, rows: Array(0..<60), targets: nil, seed: 1)
        let x = try fitted.transform(data, rows: Array(60..<80))
        XCTAssertEqual(x.rows, 20)
        XCTAssertEqual(x.cols, fitted.featureNames.count)
        XCTAssertFalse(x.hasNonFinite)

        let summary = CleanStep.summary(fitted.report)
        XCTAssertEqual(summary.featuresBefore, 6)
        XCTAssertEqual(summary.featuresAfter, x.cols)
        XCTAssertEqual(summary.tagsKept, 5)
        XCTAssertEqual(summary.imputed.map(\.name), ["acousticness", "duration_ms", "loudness", "count"])
        XCTAssertEqual(summary.imputed.first?.count, 10)
        XCTAssertEqual(summary.reductions.map(\.method), ["truncated_svd", "pca"])
        XCTAssertGreaterThan(summary.reductions[1].explainedVarianceRatio.reduce(0, +), 0.95)

        let markdown = StepSummary.clean(summary).markdown
        XCTAssertTrue(markdown.contains("| 6 | \(x.cols) | 5 |"), markdown)
        XCTAssertTrue(markdown.contains("| acousticness | 10 |"), markdown)
        XCTAssertTrue(markdown.contains("| genres | truncated_svd | 5 | 3 |"), markdown)
    }

    func testTargetEncodingFromConfigUsesTargetNames() throws {
        let config = try decode("tags: {column: genres, min_count: 1, target_encoding: {min_count: 2, smoothing: 5}}")
        XCTAssertEqual(config.tags?.targetEncoding, TargetEncodingConfig(minCount: 2, smoothing: 5, folds: 5))
        let pipeline = try CleanStep.pipeline(from: config, targetNames: ["valence", "arousal"])
        let data = try frame()
        let y = Matrix(rows: 60, cols: 2, values: (0..<120).map { Double($0 % 7) })
        let (fitted, x) = try pipeline.fitTransform(data, rows: Array(0..<60), targets: y, seed: 2)
        XCTAssertEqual(Array(fitted.featureNames.prefix(2)), ["genres_te_valence", "genres_te_arousal"])
        XCTAssertEqual(x.rows, 60)
        XCTAssertThrowsError(try CleanStep.check(try decode("tags: {column: g, target_encoding: {folds: 1}}")))
    }

    func testCheckAgainstFrameNamesMissingAndMistypedColumns() throws {
        let config = try decode("numeric: {columns: [mood, nope]}\ntags: {column: genres}")
        XCTAssertThrowsError(try CleanStep.check(config, against: try frame())) { error in
            XCTAssertEqual((error as? CleanConfigError)?.problems.count, 2, "\(error)")
        }
    }

    func testTargetEncodingAndTextKeys() throws {
        let config = try ConfigDecoder.decode(CleanConfig.self, yaml: """
            categorical: {columns: [key, artist], encode: {artist: target}, smooth: 4, cv: 3}
            text:
              - {column: title, analyzer: char_wb, ngram_range: [2, 4], min_df: 0.01, sublinear_tf: true, max_features: 500,
                 reduce: {method: truncated_svd, n_components: 8}}
              - {column: title}
            """, file: "t")
        let pipeline = try CleanStep.pipeline(from: config, targetNames: ["v"])
        XCTAssertEqual(pipeline.categorical?.columns, ["key"])
        XCTAssertEqual(pipeline.categoryTarget, CategoryTargetEncoding(columns: ["artist"], smooth: .fixed(4), cv: 3, targetNames: ["v"]))
        XCTAssertEqual(pipeline.text.count, 2)
        XCTAssertEqual(pipeline.text[0].vectorizer, TfidfVectorizer(terms: TextTerms(analyzer: .charWB, ngramRange: (2, 4)),
                                                                    minDF: .fraction(0.01), maxFeatures: 500, sublinearTF: true))
        XCTAssertEqual(pipeline.text[0].reduce?.nComponents, 8)
        XCTAssertEqual(pipeline.text[1].vectorizer.minDF, .count(1))
        let single = try ConfigDecoder.decode(CleanConfig.self, yaml: """
            categorical: {columns: [artist], encode: target}
            text: {column: title, min_df: 5}
            """, file: "t")
        let auto = try CleanStep.pipeline(from: single)
        XCTAssertNil(auto.categorical)
        XCTAssertEqual(auto.categoryTarget?.smooth, .auto)
        XCTAssertEqual(auto.text.first?.vectorizer.minDF, .count(5))
    }

    func testTargetEncodingAndTextMistakes() throws {
        func problems(_ yaml: String) throws -> [String] {
            do { try CleanStep.check(try ConfigDecoder.decode(CleanConfig.self, yaml: yaml, file: "t")); return [] }
            catch let e as CleanConfigError { return e.problems }
        }
        XCTAssertEqual(try problems("categorical: {columns: [a], encode: {b: target}, cv: 1}"),
                       ["categorical.encode names columns not in categorical.columns: b", "categorical.cv must be ≥ 2, got 1"])
        XCTAssertEqual(try problems("text: {column: t, ngram_range: [3, 2]}"),
                       ["text.ngram_range must be [min, max] with 1 ≤ min ≤ max, got [3, 2]"])
        XCTAssertThrowsError(try ConfigDecoder.decode(CleanConfig.self, yaml: "categorical: {columns: [a], smooth: high}", file: "t"))
        XCTAssertThrowsError(try ConfigDecoder.decode(CleanConfig.self, yaml: "text: {column: t, analyzer: chars}", file: "t"))
        XCTAssertThrowsError(try ConfigDecoder.decode(CleanConfig.self, yaml: "categorical: {columns: [a], encode: targets}", file: "t"))
    }
}

/// `tags.columns` and `tags.separator`: decoding and the data-free checks.
final class TagsConfigTests: XCTestCase {
    func decode(_ text: String) throws -> CleanConfig { try ConfigDecoder.decode(CleanConfig.self, yaml: text, file: "t.md") }

    func testOneColumnOrSeveralWithASeparator() throws {
        XCTAssertEqual(try decode("tags: {column: genres}").tags?.columns, ["genres"])
        let several = try XCTUnwrap(try decode("tags: {columns: [genres, Genre], separator: ';'}").tags)
        XCTAssertEqual(several.columns, ["genres", "Genre"])
        XCTAssertEqual(several.separator, ";")
        XCTAssertEqual(several.column, "genres+Genre")
        let pipeline = try CleanStep.pipeline(from: CleanConfig(tags: several))
        XCTAssertEqual(pipeline.tags?.source, TagSource(columns: ["genres", "Genre"], separator: ";"))
    }

    func testBothFormsOrNeitherAreErrorsAtTheTagsKey() {
        XCTAssertThrowsError(try decode("tags:\n  column: a\n  columns: [b]")) { error in
            XCTAssertEqual("\(error)", "t.md:3:12: error: `tags` has both `column` and `columns`: give one")
        }
        XCTAssertThrowsError(try decode("tags: {min_count: 2}")) { error in
            XCTAssertTrue("\(error)".hasSuffix("error: `tags` needs `column: NAME` or `columns: [NAME, ...]`"), "\(error)")
        }
        XCTAssertThrowsError(try CleanStep.check(try decode("tags: {columns: []}"))) { error in
            XCTAssertEqual((error as? ConfigErrors)?.errors.map(\.path), ["tags.columns"])
        }
    }
}
