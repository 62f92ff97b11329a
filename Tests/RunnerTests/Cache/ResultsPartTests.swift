import Foundation
import Results
@testable import Runner
import XCTest

/// The step cache keeps the results fields a step changed, whatever they are called, and gives them back bit for bit.
final class ResultsPartTests: XCTestCase {
    private func results() -> RunResults {
        let provenance = Provenance(labbookVersion: "0.1.0", seed: UInt64.max - 6, gitCommit: nil, dataFiles: [], overrides: [],
                                    stepDurations: [], cores: 2, totalSeconds: 0, timestamp: "t", configs: [:])
        return RunResults(experiment: "x", title: "x", provenance: provenance)
    }

    func testOnlyTheChangedFieldsAreStoredAndRestoredBitForBit() throws {
        let before = results()
        var after = before
        // Doubles whose shortest decimal form is long, subnormal, negative zero, NaN and infinity.
        let awkward = [0.1 + 0.2, 1.0 / 3, .leastNonzeroMagnitude, -0.0, .nan, .infinity, 1e300 * 7, 123_456_789.123_456_78]
        after.cluster = ClusterSummary(candidates: awkward.enumerated().map { ClusterCandidate(k: $0.offset + 2, inertia: $0.element, silhouette: -$0.element) },
                                       rule: "max_silhouette", chosenK: 3, features: ["onehot"], sizes: [1, 2, 3], targetMeans: [awkward])
        after.setSection(ResultsSection(step: "example", title: "Example", markdown: "a | b\n\n> c"))
        let part = try ResultsPart(before: before, after: after)
        XCTAssertEqual(Set(part.fields.keys), ["cluster", "sections"])

        // Restored onto results that another step filled in the meantime: that step's field stays.
        var restored = before
        restored.entity = "wells"
        try part.apply(to: &restored)
        XCTAssertEqual(restored.entity, "wells")
        XCTAssertEqual(restored.sections, after.sections)
        XCTAssertEqual(restored.provenance.seed, UInt64.max - 6)
        let bits = { (s: ClusterSummary?) in (s?.candidates ?? []).flatMap { [$0.inertia.bitPattern, $0.silhouette.bitPattern] } + (s?.targetMeans.first ?? []).map(\.bitPattern) }
        // Bit for bit what the results file holds (where NaN has no sign).
        XCTAssertEqual(bits(restored.cluster), bits(try ResultsJSON.decode(try ResultsJSON.encode(after)).cluster))
        XCTAssertEqual(restored.cluster?.candidates[2].inertia.bitPattern, Double.leastNonzeroMagnitude.bitPattern)
        XCTAssertEqual(restored.cluster?.candidates[3].inertia.sign, .minus, "-0 keeps its sign")
        restored.entity = nil
        XCTAssertEqual(try ResultsJSON.encode(restored), try ResultsJSON.encode(after))
    }
}
