import Foundation
import Frame
import Linalg
import Results
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support
import XCTest

/// Byte encoding of artifacts, entry checksums, config flattening and diffs.
final class CacheEncodingTests: XCTestCase {
    func testFrameAndMatrixRoundTripBitForBit() throws {
        let frame = try DataFrame([
            ("x", .numeric([1.5, .nan, -0.0, .infinity, 1e-300])),
            ("name", .text(["a", nil, "", "Beyoncé", "x,y"])),
            ("tags", .list([["rock", "pop"], nil, [], ["é"], [""]])),
        ])
        let matrix = Matrix(rows: 2, cols: 3, values: [1, 2, .pi, -4, .nan, 6])
        var writer = ByteWriter()
        writer.frame(frame)
        writer.matrix(matrix)
        writer.strings(["valence", "arousal"])
        var reader = ByteReader(writer.data)
        let back = try reader.frame()
        XCTAssertEqual(back.names, frame.names)
        XCTAssertEqual(try back.text("name"), try frame.text("name"))
        XCTAssertEqual(try back.list("tags"), try frame.list("tags"))
        XCTAssertEqual(try back.numeric("x").map(\.bitPattern), try frame.numeric("x").map(\.bitPattern))
        let m = try reader.matrix()
        XCTAssertEqual(m.values.map(\.bitPattern), matrix.values.map(\.bitPattern))
        XCTAssertEqual([m.rows, m.cols], [2, 3])
        XCTAssertEqual(try reader.strings(), ["valence", "arousal"])
        XCTAssertTrue(reader.isAtEnd)
    }

    func testTruncatedPayloadThrowsInsteadOfCrashing() {
        var writer = ByteWriter()
        writer.matrix(Matrix(rows: 3, cols: 3, repeating: 1))
        for cut in [0, 7, 20, writer.data.count - 1] {
            var reader = ByteReader(writer.data.prefix(cut))
            XCTAssertThrowsError(try reader.matrix(), "cut at \(cut)")
        }
        var lying = ByteWriter()
        lying.int(Int.max)
        var reader = ByteReader(lying.data)
        XCTAssertThrowsError(try reader.doubles())
    }

    func testEntryChecksumCatchesAnyFlippedByte() throws {
        let record = StepRecord(step: "clean", baseKey: "k", key: "k2", upstreamStep: "load", upstreamKey: "u",
                                labbookVersion: "0.1.0", seed: 3, config: [ConfigEntry(key: "a", value: "1")],
                                dataFiles: [DataFileHash(path: "x.csv", sha256: "00", bytes: 12)])
        let entry = CacheEntry(record: record, markdown: "| a |", seconds: 1.5, results: try ResultsPart(
            before: RunResults.empty, after: RunResults.empty), artifacts: Data([1, 2, 3, 4]))
        let data = try entry.encoded()
        let decoded = try CacheEntry.decode(data)
        XCTAssertEqual(decoded.record, record)
        XCTAssertEqual(decoded.markdown, "| a |")
        XCTAssertEqual(decoded.artifacts, Data([1, 2, 3, 4]))
        for index in stride(from: 0, to: data.count, by: 7) {
            var damaged = data
            damaged[index] ^= 0x20
            XCTAssertThrowsError(try CacheEntry.decode(damaged), "byte \(index)")
        }
        XCTAssertThrowsError(try CacheEntry.decode(data.dropLast()))
        // An entry of an earlier format (v2: data files without sizes) is another version's, not damage.
        for version in ["v1", "v2"] {
            let older = Data("labbook step cache \(version)\n".utf8) + data.dropFirst(CacheEntry.magic.count)
            XCTAssertThrowsError(try CacheEntry.decode(older)) {
                XCTAssertEqual("\($0)".contains("written by another version of labbook"), true, "\($0)")
            }
        }
    }

    func testFlattenedConfigAndDiffNameTheChangedKey() throws {
        let old = try flattened("pca: {n_components: 32}\nnumeric:\n  columns: [a, b]\nmodels:\n  - {x: 1}\n")
        XCTAssertEqual(old.map(\.key), ["pca.n_components", "numeric.columns", "models[0].x"])
        XCTAssertEqual(old[1].value, "[a, b]")
        let new = try flattened("# a comment\npca:\n  n_components: 16\nnumeric: {columns: [a, b], scale: standard}\n")
        XCTAssertEqual(ConfigDiff.describe(step: "clean", old: old, new: new), [
            "config key clean.pca.n_components changed 32 → 16",
            "config key clean.numeric.scale added (standard)",
            "config key clean.models[0].x removed (was 1)",
        ])
        // Layout and comments do not change the key; values do.
        let same = try flattened("numeric: {columns: [a, b]}\nmodels: [{x: 1}]\npca: {n_components: 32}\n")
        let key = { (c: [ConfigEntry]) in CacheKey.base(version: "v", seed: 0, step: "clean", config: c, upstream: "") }
        XCTAssertNotEqual(key(old), key(new))
        XCTAssertEqual(key(old), key(try flattened("pca:   {n_components: 32}  # same\nnumeric: {columns: [a,b]}\nmodels: [{x: 1}]\n")))
        XCTAssertNotEqual(key(old), key(same), "mapping order is kept (it orders models)")
    }

    func testOverridesOfTheStepEnterItsConfiguration() throws {
        let config = try flattened("pca: {n_components: 32}\nnumeric:\n  columns: [a, b]\n")
        let overridden = CacheKey.applying(["clean.pca.n_components=16", "train.inner_folds=2", "clean.numeric.scale=standard"],
                                           step: "clean", to: config)
        XCTAssertEqual(overridden.map(\.key), ["pca.n_components", "numeric.columns", "numeric.scale"])
        XCTAssertEqual(ConfigDiff.describe(step: "clean", old: config, new: overridden), [
            "config key clean.pca.n_components changed 32 → 16", "config key clean.numeric.scale added (standard)",
        ])
        XCTAssertEqual(CacheKey.applying(["train.inner_folds=2"], step: "clean", to: config), config)
    }

    private func flattened(_ yaml: String) throws -> [ConfigEntry] {
        CacheKey.flatten(try ConfigDocument(ConfigSource(yaml: yaml, file: "x.md")).root, prefix: "")
    }
}

extension RunResults {
    static var empty: RunResults {
        RunResults(experiment: "x", title: "x", provenance: Provenance(
            labbookVersion: "0", seed: 0, gitCommit: nil, dataFiles: [], overrides: [], stepDurations: [], cores: 1,
            totalSeconds: 0, timestamp: "", configs: [:]))
    }
}
