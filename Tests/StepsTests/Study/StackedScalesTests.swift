import Support
import Foundation
import Report
import Results
import XCTest
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

/// Three corpora annotated on their own scales (about -1..1, 0..1 and 1..9), stacked: a feature that tells the
/// corpora apart lets any model reach a high pooled r from the scale offsets alone. labbook must warn about it,
/// and per-corpus standardization must remove both the offsets and the warning.
final class StackedScalesTests: XCTestCase {
    private var study: StudyRun!

    override func setUpWithError() throws {
        var g = FixtureRandom(seed: 5)
        var files: [String: String] = [:]
        let scales: [(name: String, offset: Double, spread: Double, loudness: Double)] =
            [("alpha", 0, 0.5, -8), ("beta", 0.5, 0.2, -4), ("gamma", 5, 1.6, 0)]
        for corpus in scales {
            var csv = "id,loudness,brightness,score\n"
            for i in 0..<150 {
                let brightness = g.next()
                let z = 1.2 * (brightness - 0.5) + 0.5 * (g.next() - 0.5) * 2
                csv += "\(corpus.name)\(i),\(corpus.loudness + g.next()),\(brightness),\(corpus.offset + corpus.spread * z)\n"
            }
            files["\(corpus.name).csv"] = csv
        }
        study = try StudyRun(files: files)
    }

    override func tearDownWithError() throws { study.remove() }

    private func experiment(targets: String, headline: String? = nil) -> String {
        """
        # Stacked corpora

        ```yaml load
        sources:
          items:
            files: [alpha.csv, beta.csv, gamma.csv]
            split_column: corpus
            types: {id: text}
        targets: \(targets)
        ```

        ```yaml clean
        numeric: {columns: [loudness, brightness], impute: median, scale: standard}
        ```

        ```yaml train
        models:
          ridge: {kind: ridge, params: {alpha: 1}}
          hgb: {kind: hist_gradient_boosting, params: {max_iter: 40, min_samples_leaf: 10}}
        ```

        ```yaml evaluate
        protocols:
          random: {kind: kfold, folds: 5, metrics_by: corpus}
          by_corpus: {kind: leave_one_group_out, column: corpus}
        \(headline.map { "headline: \($0)" } ?? "")
        bootstrap: 200
        ```

        """
    }

    func testRawStackedScalesTriggerTheBetweenGroupWarning() throws {
        let outcome = try study.run(experiment(targets: "[score]"))
        let evaluation = try XCTUnwrap(outcome.evaluation)
        let random = try XCTUnwrap(evaluation.breakdowns(protocolName: "random", target: "score").first { $0.column == "corpus" })
        XCTAssertTrue(random.dominated)
        XCTAssertGreaterThan(random.pooledPearson, 0.9)
        XCTAssertGreaterThan(random.betweenShare, 0.8)
        let within = try XCTUnwrap(random.withinPearson)
        XCTAssertLessThan(within, random.pooledPearson - 0.2)
        XCTAssertEqual(random.groups.map(\.name), ["alpha", "beta", "gamma"])
        XCTAssertEqual(random.groups.map(\.n), [150, 150, 150])
        // The warning, with the within-group r next to the pooled one, in the step output, the report and the discussion.
        let pooled = NumberFormat.r(random.pooledPearson), withinText = NumberFormat.r(within)
        let evaluateOutput = try XCTUnwrap(outcome.run.outputs["evaluate"]?.markdown)
        XCTAssertTrue(evaluateOutput.contains("**Warning:** under random, the pooled r for score (\(pooled)"), evaluateOutput)
        XCTAssertTrue(evaluateOutput.contains("within-group r = \(withinText)"), evaluateOutput)
        XCTAssertTrue(outcome.experiment.contains("**Warning:** under random"))
        XCTAssertTrue(outcome.markdown.contains("**Warning: pooled r driven by group differences.**"))
        XCTAssertTrue(outcome.html.contains("Warning: pooled r driven by group differences."))
        let warning = try XCTUnwrap(outcome.discussion.first { $0.topic == "groups" && $0.text.hasPrefix("Warning") })
        XCTAssertTrue(warning.text.contains(pooled) && warning.text.contains(withinText), warning.text)
        XCTAssertTrue(outcome.index.contains("warning: a pooled r is driven by group differences"))
    }

    func testPerCorpusStandardizationRemovesTheOffsetsAndTheWarning() throws {
        let outcome = try study.run(experiment(targets: "[{name: score, standardize: {by: corpus}}]"))
        let evaluation = try XCTUnwrap(outcome.evaluation)
        XCTAssertTrue(evaluation.dominatedBreakdowns.isEmpty, "\(evaluation.dominatedBreakdowns)")
        XCTAssertFalse(outcome.markdown.contains("Warning"))
        XCTAssertFalse(outcome.experiment.contains("Warning"))
        XCTAssertEqual(outcome.results.load?.targets.first?.standardizedBy, "corpus")
        XCTAssertTrue(outcome.markdown.contains("| score |"), "the target table states the standardization")
        XCTAssertTrue(outcome.discussion.contains { $0.text.hasPrefix("The targets score were z-scored within each corpus group") })
        // Within each corpus the signal is real (brightness drives the score): the per-corpus r is clearly positive.
        let random = try XCTUnwrap(evaluation.breakdowns(protocolName: "random", target: "score").first { $0.column == "corpus" })
        for group in random.groups { XCTAssertGreaterThan(group.metrics?.pearson ?? 0, 0.4, group.name) }
        XCTAssertLessThan(random.betweenShare, 0.05)
    }

    func testLeaveOneGroupOutScoresEveryCorpusPooledAndApart() throws {
        let outcome = try study.run(experiment(targets: "[{name: score, standardize: {by: corpus}}]"))
        let evaluation = try XCTUnwrap(outcome.evaluation)
        let info = try XCTUnwrap(evaluation.protocols.first { $0.name == "by_corpus" })
        XCTAssertEqual(info.kind, "leave_one_group_out")
        XCTAssertEqual(info.folds, 3)
        XCTAssertEqual(info.metricsBy, "corpus")
        for model in ["ridge", "hgb"] {
            let result = try XCTUnwrap(evaluation.result(model: model, protocolName: "by_corpus", target: "score"))
            XCTAssertEqual(result.pooled.n, 450)
            let breakdown = try XCTUnwrap(evaluation.groupBreakdowns?.first {
                $0.protocolName == "by_corpus" && $0.model == model && $0.column == "corpus"
            })
            // One fold per corpus, in sorted order: each fold's metrics are that corpus's group metrics.
            XCTAssertEqual(breakdown.groups.map(\.name), ["alpha", "beta", "gamma"])
            XCTAssertEqual(breakdown.groups.compactMap(\.metrics), result.folds)
            XCTAssertEqual(breakdown.pooledPearson, result.pooled.pearson, accuracy: 1e-12)
        }
        XCTAssertTrue(outcome.markdown.contains("score under by_corpus, per corpus group"))
    }

    func testHeadlineChoosesTheProtocolOfModelsSavedModelIndexAndDiscussionLead() throws {
        let outcome = try study.run(experiment(targets: "[{name: score, standardize: {by: corpus}}]", headline: "by_corpus"))
        let evaluation = try XCTUnwrap(outcome.evaluation)
        XCTAssertEqual(evaluation.headlineProtocol, "by_corpus")
        XCTAssertTrue(outcome.markdown.contains("Metrics under by_corpus (one fold per corpus value"), outcome.markdown)
        XCTAssertTrue(outcome.index.contains("best r, by_corpus (headline)</th><th>best r, random"), outcome.index)
        XCTAssertTrue(outcome.discussion.first { $0.topic.hasPrefix("models-") }?.text.hasPrefix("Under by_corpus, the best model") == true)
        let model = try ModelFile.read(study.reports.appendingPathComponent("study.model"))
        XCTAssertEqual(Set(model.models.map(\.protocolName)), ["by_corpus"])
        try checkPredictionsOnEachCorpusScale(model)
        // Without `headline`, the first protocol leads (not the first predefined one).
        let plain = try study.run(experiment(targets: "[score]"), name: "plain")
        XCTAssertTrue(plain.markdown.contains("Metrics under random (5-fold"))
    }

    func testHeadlineMustNameAProtocol() throws {
        let file = study.root.appendingPathComponent("bad.md")
        try Data(experiment(targets: "[score]", headline: "nope").utf8).write(to: file)
        let plan = try ExperimentPlanner(registry: .standard).plan(fileAt: file, displayName: "bad.md")
        XCTAssertTrue(plan.errors.contains { $0.message.contains("`headline` names `nope`, which is not a protocol") },
                      "\(plan.diagnostics)")
    }

    func testMissingGroupColumnsAreClearErrors() throws {
        XCTAssertThrowsError(try study.run(experiment(targets: "[{name: score, standardize: {by: corpora}}]"))) { error in
            XCTAssertTrue("\(error)".contains("`standardize.by` names `corpora`, which is not a column"), "\(error)")
        }
        let text = experiment(targets: "[score]").replacingOccurrences(of: "metrics_by: corpus", with: "metrics_by: corpora")
        XCTAssertThrowsError(try study.run(text)) { error in
            XCTAssertTrue("\(error)".contains("protocol `random` names the column `corpora`, which the loaded table does not have"),
                          "\(error)")
        }
    }

    /// The saved model predicts z scores; with the corpus column in the input it also gives each corpus's own scale.
    private func checkPredictionsOnEachCorpusScale(_ model: SavedModel) throws {
        let standardization = try XCTUnwrap(model.models.first?.standardization)
        XCTAssertEqual(standardization.column, "corpus")
        XCTAssertEqual(standardization.groups.keys.sorted(), ["alpha", "beta", "gamma"])
        let gamma = try XCTUnwrap(standardization.groups["gamma"])
        XCTAssertEqual(gamma[0], 5, accuracy: 0.3, "the gamma corpus is centred near 5")
        let input = study.root.appendingPathComponent("new.csv")
        try Data("id,loudness,brightness,corpus\nn1,0.5,0.9,gamma\nn2,-7.5,0.9,alpha\nn3,-3.5,0.9,delta\n".utf8).write(to: input)
        let predictions = try Predictor(model: model, dataRoot: DataRoot(url: study.data)).predict(inputAt: input)
        let z = try predictions.numeric("predicted_score"), raw = try predictions.numeric("predicted_score_raw")
        XCTAssertEqual(raw[0], gamma[0] + gamma[1] * z[0], accuracy: 1e-9)
        let alpha = try XCTUnwrap(standardization.groups["alpha"])
        XCTAssertEqual(raw[1], alpha[0] + alpha[1] * z[1], accuracy: 1e-9)
        XCTAssertTrue(raw[2].isNaN, "a corpus the model was not trained on has no scale to return to")
    }
}
