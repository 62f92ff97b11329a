import Support
import Foundation
import Frame
import Linalg
import Report
import Results
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support
import XCTest

/// The step cache end to end on a small synthetic project: reuse, invalidation from the changed
/// step on, explanations, corrupt entries and identical results.
final class StepCacheTests: XCTestCase {
    private var project: SyntheticProject!
    private let all = ["load", "clean", "cluster", "train", "evaluate", "report"]

    override func setUpWithError() throws { project = try SyntheticProject() }
    override func tearDownWithError() throws { project.remove() }

    func testSecondRunReusesEveryStepWithIdenticalResults() throws {
        let first = try project.run()
        XCTAssertEqual(first.recomputed, all)
        XCTAssertEqual(first.cacheReports.first?.reason, "no cached result")
        let second = try project.run()
        XCTAssertEqual(second.reused, all, "\(second.cacheReports)")
        XCTAssertEqual(second.recomputed, [])
        XCTAssertEqual(second.outputs, first.outputs)
        XCTAssertEqual(second.context.dataFilesRead, first.context.dataFilesRead)
        var a = first.context.results, b = second.context.results
        XCTAssertEqual(b.provenance.stepDurations.map(\.cached), Array(repeating: true, count: all.count))
        a.provenance = b.provenance
        XCTAssertEqual(ResultsJSON.encodeForTest(a), ResultsJSON.encodeForTest(b))
        // The restored artifacts equal the computed ones.
        XCTAssertEqual(second.context.value(Artifacts.frame), first.context.value(Artifacts.frame))
        // `evaluate` drops the all-rows cleaned matrix (only `cluster`, before it, reads it), computed or restored.
        XCTAssertNil(first.context.value(Artifacts.cleanedMatrix))
        XCTAssertNil(second.context.value(Artifacts.cleanedMatrix))
        XCTAssertEqual(second.context.value(Artifacts.clusterFeatures)?.chosenK, first.context.value(Artifacts.clusterFeatures)?.chosenK)
        XCTAssertEqual(second.context.value(Artifacts.train)?.models.map(\.name), ["ridge", "knn"])
    }

    func testChangingOneKeyRerunsFromThatStepOnAndSaysWhy() throws {
        _ = try project.run()
        try project.writeExperiment(components: 3)
        let run = try project.run()
        XCTAssertEqual(run.reused, ["load"])
        XCTAssertEqual(run.recomputed, ["clean", "cluster", "train", "evaluate", "report"])
        XCTAssertEqual(run.cacheReports[1].reason, "config key clean.tags.reduce.n_components changed 2 → 3")
        XCTAssertEqual(run.cacheReports[2].reason, "upstream step `clean` changed")
        // Going back to the old value finds the old entries again.
        try project.writeExperiment(components: 2)
        XCTAssertEqual(try project.run().recomputed, [])
    }

    func testChangedDataFileAndSeedAreExplained() throws {
        _ = try project.run()
        try project.writeData(artistShift: 0.25)
        let run = try project.run()
        XCTAssertEqual(run.recomputed, all)
        XCTAssertEqual(run.cacheReports[0].reason, "data file artists.csv changed")
        let reseeded = try project.run(seed: 2)
        XCTAssertEqual(reseeded.recomputed, all)
        XCTAssertEqual(reseeded.cacheReports[0].reason, "seed changed 1 → 2")
    }

    func testFlippedByteIsDetectedAndRecomputed() throws {
        let first = try project.run()
        let entries = project.cache.folder.appendingPathComponent("entries")
        let files = try FileManager.default.contentsOfDirectory(atPath: entries.path)
        XCTAssertEqual(files.count, all.count)
        // The clean entry is the one holding the cleaned matrix.
        let cleanKey = try XCTUnwrap(lastRecord("clean")).baseKey
        let url = entries.appendingPathComponent("\(cleanKey).entry")
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 100] ^= 0x01
        try bytes.write(to: url)
        let second = try project.run()
        XCTAssertEqual(second.recomputed, ["clean"])
        XCTAssertTrue(second.cacheReports[1].reason.contains("checksum mismatch"), second.cacheReports[1].reason)
        XCTAssertEqual(second.outputs, first.outputs)
        // The recomputed entry replaced the damaged one.
        XCTAssertEqual(try project.run().recomputed, [])
    }

    func testNoCacheRecomputesAndReadOnlyRefusesMissingEntries() throws {
        XCTAssertThrowsError(try project.run(.readOnly, writeBack: false)) { error in
            XCTAssertTrue("\(error)".contains("has no usable cached result"), "\(error)")
        }
        _ = try project.run()
        let forced = try project.run(.recompute)
        XCTAssertEqual(forced.recomputed, all)
        XCTAssertTrue(forced.cacheReports.allSatisfy { $0.reason == "--no-cache" })
        XCTAssertEqual(try project.run(.readOnly, writeBack: false).reused, all)
    }

    func testCachedReportsMatchFreshReportsExceptTheRunLine() throws {
        _ = try project.run()
        let reports = project.root.appendingPathComponent("reports")
        let fresh = try String(contentsOf: reports.appendingPathComponent("synthetic.md"), encoding: .utf8)
        _ = try project.run(.readOnly, writeBack: false)
        let cached = try String(contentsOf: reports.appendingPathComponent("synthetic.md"), encoding: .utf8)
        let strip = { (text: String) in text.split(separator: "\n").filter { !$0.contains("Run ") }.joined(separator: "\n") }
        XCTAssertEqual(strip(cached), strip(fresh))
        XCTAssertNotEqual(cached, fresh)
    }

    func testExplainPredictsTheNextRunWithoutRunning() throws {
        _ = try project.run()
        try project.writeExperiment(components: 3)
        let predicted = try ExperimentRunner().explain(try project.plan(), options: project.options())
        XCTAssertEqual(predicted.filter(\.reused).map(\.step), ["load"])
        XCTAssertEqual(predicted[1].reason, "config key clean.tags.reduce.n_components changed 2 → 3")
        let actual = try project.run()
        XCTAssertEqual(actual.cacheReports, predicted)
        try project.writeData(artistShift: 0.5)
        let afterData = try ExperimentRunner().explain(try project.plan(), options: project.options())
        XCTAssertEqual(afterData.map(\.reused), Array(repeating: false, count: all.count))
        XCTAssertEqual(afterData[0].reason, "data file artists.csv changed")
        XCTAssertEqual(afterData[1].reason, "upstream step `load` changed")
        XCTAssertEqual(try project.run().cacheReports, afterData)
    }

    func testSetOverridesChangeTheKeyOfTheirStepOnly() throws {
        _ = try project.run()
        let override = try Override.parse("cluster.k.max=3")
        let plan = try ExperimentPlanner(registry: .standard, overrides: [override])
            .plan(fileAt: project.experiment, displayName: "synthetic.md")
        var options = project.options()
        options.writeBack = false
        let run = try ExperimentRunner().run(plan, options: options)
        XCTAssertEqual(run.reused, ["load", "clean"])
        XCTAssertEqual(run.cacheReports[2].reason, "config key cluster.k.max changed 4 → 3")
        XCTAssertEqual(try ExperimentRunner().run(plan, options: options).recomputed, [])
        // Without the override, the file's own configuration is still cached.
        XCTAssertEqual(try project.run().recomputed, [])
    }

    func testModelFileIsRestoredFromTheCacheWhenNothingChanged() throws {
        let reports = project.root.appendingPathComponent("reports")
        let runner = ExperimentRunner(observers: [CachedModelSaver(reportsFolder: reports, cache: project.cache)])
        let first = try runner.run(try project.plan(), options: project.options())
        let url = reports.appendingPathComponent("synthetic.model")
        let fitted = try Data(contentsOf: url)
        let direct = try XCTUnwrap(try ModelSaver.fit(first))
        XCTAssertEqual(fitted, try ModelFile.encode(direct))
        try FileManager.default.removeItem(at: url)
        let key = try XCTUnwrap(first.cacheKey)
        XCTAssertNotNil(project.cache.readFile(name: "\(key).model"))
        let second = try runner.run(try project.plan(), options: project.options())
        XCTAssertEqual(second.cacheKey, key)
        XCTAssertEqual(try Data(contentsOf: url), fitted)
        // A damaged stored file is refitted, not trusted.
        let stored = project.cache.folder.appendingPathComponent("files/\(key).model")
        var bytes = try Data(contentsOf: stored)
        bytes[bytes.count - 3] ^= 0x04
        try bytes.write(to: stored)
        XCTAssertNil(project.cache.readFile(name: "\(key).model"))
        _ = try runner.run(try project.plan(), options: project.options())
        XCTAssertEqual(try Data(contentsOf: url), fitted)
        XCTAssertNotNil(project.cache.readFile(name: "\(key).model"))
    }

    func testNoCacheRefitsTheModelFileAndReplacesTheStoredOne() throws {
        let reports = project.root.appendingPathComponent("reports")
        let url = reports.appendingPathComponent("synthetic.model")
        let first = try ExperimentRunner(observers: [CachedModelSaver(reportsFolder: reports, cache: project.cache)])
            .run(try project.plan(), options: project.options())
        let fitted = try Data(contentsOf: url), key = try XCTUnwrap(first.cacheKey)
        // A stored file that is not what the models give: a plain run trusts it, `--no-cache` refits.
        let planted = Data("not the fitted model".utf8)
        try project.cache.writeFile(planted, name: "\(key).model")
        _ = try ExperimentRunner(observers: [CachedModelSaver(reportsFolder: reports, cache: project.cache)])
            .run(try project.plan(), options: project.options())
        XCTAssertEqual(try Data(contentsOf: url), planted)
        _ = try ExperimentRunner(observers: [CachedModelSaver(reportsFolder: reports, cache: project.cache, recompute: true)])
            .run(try project.plan(), options: project.options())
        XCTAssertEqual(try Data(contentsOf: url), fitted)
        XCTAssertEqual(project.cache.readFile(name: "\(key).model"), fitted)
    }

    private func lastRecord(_ step: String) -> StepRecord? {
        project.cache.lastRun(of: project.experiment)[step]
    }
}

extension ResultsJSON {
    static func encodeForTest(_ results: RunResults) -> String {
        (try? encode(results)).map { String(decoding: $0, as: UTF8.self) } ?? "unencodable"
    }
}
