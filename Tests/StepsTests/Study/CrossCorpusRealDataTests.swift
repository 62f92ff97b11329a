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

/// The committed `experiments/cross-corpus.md` on the real AMG1608, PMEmo and DEAM files, with and without its
/// per-corpus standardization (skipped when the shared data is absent). Ridge alone replaces the experiment's
/// models and the artist-grouped protocol is left out so that the test stays quick; the rest is the committed
/// configuration.
final class CrossCorpusRealDataTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var dataRoot: URL? {
        [repository.appendingPathComponent("../shared/data"), URL(fileURLWithPath: "/work/shared/data")]
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("other/deam.csv").path) }
    }

    private var study: StudyRun!

    override func setUpWithError() throws { study = try StudyRun(files: [:]) }
    override func tearDownWithError() throws { study.remove() }

    /// The committed experiment with a quick model set, optionally with its targets unstandardized.
    private func experiment(standardized: Bool) throws -> String {
        var text = try String(contentsOf: Self.repository.appendingPathComponent("experiments/cross-corpus.md"), encoding: .utf8)
        let train = try XCTUnwrap(text.range(of: "```yaml train\n"))
        let end = try XCTUnwrap(text.range(of: "```", range: train.upperBound..<text.endIndex))
        text.replaceSubrange(train.upperBound..<end.lowerBound, with: "models:\n  ridge: {kind: ridge, params: {alpha: 10}}\n")
        text = text.replacingOccurrences(of: "bootstrap: 1000", with: "bootstrap: 200")
        let byArtist = "  by_artist: {kind: group_kfold, folds: 5, column: artist_name, metrics_by: dataset}\n"
        XCTAssertTrue(text.contains(byArtist))
        text = text.replacingOccurrences(of: byArtist, with: "")
        if !standardized {
            let targets = "targets:\n  - {name: valence, standardize: {by: dataset}}\n  - {name: arousal, standardize: {by: dataset}}\n"
            XCTAssertTrue(text.contains(targets), "the committed experiment standardizes both targets by dataset")
            text = text.replacingOccurrences(of: targets, with: "targets: [valence, arousal]\n")
        }
        return text
    }

    func testPerCorpusStandardizationAndTheWarningWithoutIt() throws {
        guard let data = Self.dataRoot else { throw XCTSkip("the shared data (other/*.csv) is absent") }
        let on = try study.run(try experiment(standardized: true), name: "on", dataRoot: data)
        let off = try study.run(try experiment(standardized: false), name: "off", dataRoot: data)
        let evaluationOn = try XCTUnwrap(on.evaluation), evaluationOff = try XCTUnwrap(off.evaluation)
        XCTAssertEqual(on.results.load?.rows, 4177)
        XCTAssertEqual(evaluationOn.headline?.name, "by_corpus")
        for target in ["valence", "arousal"] {
            // Leave-one-corpus-out: one fold per corpus, a pooled r and an r per corpus.
            let logo = try XCTUnwrap(evaluationOn.result(model: "ridge", protocolName: "by_corpus", target: target))
            XCTAssertEqual(logo.folds.count, 3)
            let perCorpus = try XCTUnwrap(evaluationOn.breakdowns(protocolName: "by_corpus", target: target).first { $0.column == "dataset" })
            XCTAssertEqual(perCorpus.groups.map(\.name), ["amg1608", "deam", "pmemo"])
            XCTAssertEqual(perCorpus.groups.map(\.n), [1608, 1802, 767])
            XCTAssertTrue(on.markdown.contains("\(target) under by_corpus, per dataset group"))
            let random = try XCTUnwrap(evaluationOn.breakdowns(protocolName: "random", target: target).first { $0.column == "dataset" })
            print("cross-corpus \(target): LOGO pooled r = \(NumberFormat.r(logo.pooled.pearson)), per corpus "
                  + perCorpus.groups.map { "\($0.name) \(NumberFormat.r($0.metrics?.pearson ?? .nan))" }.joined(separator: ", ")
                  + "; random pooled r = \(NumberFormat.r(random.pooledPearson)) standardized, "
                  + NumberFormat.r(evaluationOff.result(model: "ridge", protocolName: "random", target: target)?.pooled.pearson ?? .nan)
                  + " raw")
            // Without standardization the random split's pooled r is inflated by the corpus scales and flagged.
            let raw = try XCTUnwrap(evaluationOff.breakdowns(protocolName: "random", target: target).first { $0.column == "dataset" })
            XCTAssertTrue(raw.dominated)
            XCTAssertGreaterThan(raw.pooledPearson, random.pooledPearson + 0.2)
            XCTAssertGreaterThan(raw.betweenShare, 0.5)
        }
        XCTAssertTrue(evaluationOn.dominatedBreakdowns.isEmpty, "\(evaluationOn.dominatedBreakdowns)")
        // With standardization, the only warning left is the load step's: DEAM's artists rarely match the Spotify table.
        let warnings = on.markdown.components(separatedBy: "\n").filter { $0.contains("**Warning") }
        XCTAssertFalse(warnings.isEmpty)
        XCTAssertTrue(warnings.allSatisfy { $0.contains("join match rates differ between files (6.2% for ") && $0.contains("deam.csv") }, "\(warnings)")
        XCTAssertTrue(off.markdown.contains("**Warning: pooled r driven by group differences.**"))
        XCTAssertTrue(off.experiment.contains("> **Warning:** under random, the pooled r for valence"))
    }
}
