import XCTest
import Literate
@testable import Config
import Support

private enum JoinKind: String, ConfigEnum { case left, inner }

private struct Join: Decodable, Equatable {
    var left: String
    var how: JoinKind
    var on: [String]
}

private struct Source: Decodable, Equatable {
    var files: [String]
    var types: [String: String]?
}

private struct LoadConfig: Decodable, Equatable {
    var sources: [String: Source]
    var join: Join?
    var targets: [String]
}

private struct TrainConfig: Decodable, Equatable {
    var learning_rate: Double
    var layers: [Int]
    var verbose: Bool?
    var name: String?
    var seed: UInt64?
}

final class ConfigDecoderTests: XCTestCase {
    /// The single error decoding `yaml` produces (fails the test when there is none or several).
    private func error<T: Decodable>(_ type: T.Type, _ yaml: String, lineOffset: Int = 0, columnOffset: Int = 0,
                                     file: StaticString = #filePath, line: UInt = #line) -> ConfigError? {
        do {
            _ = try ConfigDecoder.decode(type, yaml: yaml, file: "x.md", lineOffset: lineOffset, columnOffset: columnOffset)
            XCTFail("expected an error", file: file, line: line)
        } catch let errors as ConfigErrors {
            XCTAssertEqual(errors.errors.count, 1, "\(errors)", file: file, line: line)
            return errors.errors.first
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }

    func testDecodesBlockAndFlowStyle() throws {
        let yaml = """
        sources:
          songs:
            files: [a.csv, b.csv]
            types: {id: text}
        join: {left: songs, how: inner, on: [artist]}
        targets:
          - valence
          - arousal
        """
        let config = try ConfigDecoder.decode(LoadConfig.self, yaml: yaml, file: "x.md")
        XCTAssertEqual(config, LoadConfig(sources: ["songs": Source(files: ["a.csv", "b.csv"], types: ["id": "text"])],
                                          join: Join(left: "songs", how: .inner, on: ["artist"]),
                                          targets: ["valence", "arousal"]))
    }

    func testIntegerLiteralDecodesAsDoubleAndOptionalsMayBeAbsent() throws {
        let config = try ConfigDecoder.decode(TrainConfig.self, yaml: "learning_rate: 1\nlayers: [64, 32]\nseed: 7",
                                              file: "x.md")
        XCTAssertEqual(config, TrainConfig(learning_rate: 1.0, layers: [64, 32], verbose: nil, name: nil, seed: 7))
        let nulls = try ConfigDecoder.decode(TrainConfig.self, yaml: "learning_rate: 0.5\nlayers: []\nname: ~\nverbose: yes",
                                             file: "x.md")
        XCTAssertNil(nulls.name)
        XCTAssertEqual(nulls.verbose, true)
    }

    func testMisspelledRequiredKeyPointsAtTheKeyWithSuggestion() {
        let found = error(TrainConfig.self, "lerning_rate: 0.1\nlayers: [1]", lineOffset: 11, columnOffset: 2)
        XCTAssertEqual(found?.message, "unknown key `lerning_rate` — did you mean `learning_rate`?")
        XCTAssertEqual(found?.location, SourceLocation(file: "x.md", line: 12, column: 3))
    }

    func testMisspelledOptionalKey() {
        let found = error(TrainConfig.self, "learning_rate: 1\nlayers: []\nverbos: true")
        XCTAssertEqual(found?.message, "unknown key `verbos` — did you mean `verbose`?")
        XCTAssertEqual(found?.location, SourceLocation(file: "x.md", line: 3, column: 1))
        let far = error(TrainConfig.self, "learning_rate: 1\nlayers: []\ncolour: red")
        XCTAssertEqual(far?.message, "unknown key `colour` (valid keys: learning_rate, layers, verbose, name, seed)")
    }

    func testWrongTypesNameTheKeyAndValue() {
        let rate = error(TrainConfig.self, "learning_rate: fast\nlayers: []")
        XCTAssertEqual(rate?.message, "expected a number for `learning_rate`, got `fast`")
        XCTAssertEqual(rate?.location, SourceLocation(file: "x.md", line: 1, column: 16))
        let element = error(TrainConfig.self, "learning_rate: 1\nlayers: [1, x]")
        XCTAssertEqual(element?.message, "expected an integer for `layers[1]`, got `x`")
        XCTAssertEqual(element?.location, SourceLocation(file: "x.md", line: 2, column: 13))
        let list = error(TrainConfig.self, "learning_rate: 1\nlayers: {a: 1}")
        XCTAssertEqual(list?.message, "expected a list for `layers`, got a mapping")
        let flag = error(TrainConfig.self, "learning_rate: 1\nlayers: []\nverbose: 3")
        XCTAssertEqual(flag?.message, "expected true or false for `verbose`, got `3`")
        let negative = error(TrainConfig.self, "learning_rate: 1\nlayers: []\nseed: -1")
        XCTAssertEqual(negative?.message, "expected a non-negative integer in 0...18446744073709551615 for `seed`, got `-1`")
    }

    func testMissingRequiredKeyNamesItsMapping() {
        let found = error(LoadConfig.self, "sources:\n  songs:\n    types: {a: text}\ntargets: [v]")
        XCTAssertEqual(found?.message, "missing required key `files` in `sources.songs`")
        XCTAssertEqual(found?.location, SourceLocation(file: "x.md", line: 3, column: 5))
        let top = error(TrainConfig.self, "layers: []")
        XCTAssertEqual(top?.message, "missing required key `learning_rate`")
    }

    func testNestedTypoAndDictionaryKeysAreFree() {
        let found = error(LoadConfig.self, "sources:\n  anything_goes:\n    fles: [a]\ntargets: [v]")
        XCTAssertEqual(found?.message, "unknown key `fles` in `sources.anything_goes` — did you mean `files`?")
        XCTAssertEqual(found?.location, SourceLocation(file: "x.md", line: 3, column: 5))
    }

    func testInvalidEnumValueSuggestsAndListsValues() {
        let found = error(LoadConfig.self, "sources: {}\njoin: {left: s, how: lft, on: [a]}\ntargets: []")
        XCTAssertEqual(found?.message,
                       "invalid value `lft` for `join.how` — did you mean `left`? (expected one of: left, inner)")
        XCTAssertEqual(found?.location, SourceLocation(file: "x.md", line: 2, column: 22))
    }

    func testMalformedYAMLAndDuplicateKeys() {
        let malformed = error(TrainConfig.self, "learning_rate: 1\n  layers: [1", lineOffset: 4)
        XCTAssertTrue(malformed?.message.hasPrefix("malformed YAML:") ?? false, "\(String(describing: malformed))")
        XCTAssertEqual(malformed?.location?.line, 6)
        let duplicate = error(TrainConfig.self, "learning_rate: 1\nlayers: []\nlearning_rate: 2")
        XCTAssertTrue(duplicate?.message.contains("duplicate key `learning_rate`") ?? false)
    }

    func testSeveralUnknownKeysAreAllReported() {
        XCTAssertThrowsError(try ConfigDecoder.decode(TrainConfig.self, yaml: "learning_rate: 1\nlayers: []\na: 1\nb: 2",
                                                      file: "x.md")) { error in
            XCTAssertEqual((error as? ConfigErrors)?.errors.map(\.path), ["a", "b"])
        }
    }

    func testEmptyConfigReportsAtTheFallback() {
        let found = error(TrainConfig.self, "", lineOffset: 9, columnOffset: 0)
        XCTAssertEqual(found?.message, "missing required key `learning_rate`")
        XCTAssertEqual(found?.location?.line, 10)
    }

    func testStepBlockSourceMapsThroughListIndentation() throws {
        let document = ExperimentDocument(bytes: Array("- a\n\n  ```yaml train\n  learning_rate: 1\n  layers: [x]\n  ```\n".utf8),
                                          fileName: "e.md")
        let block = try XCTUnwrap(document.stepBlocks.first)
        XCTAssertThrowsError(try ConfigDecoder.decode(TrainConfig.self, from: ConfigSource(step: block, file: "e.md"))) {
            let first = ($0 as? ConfigErrors)?.errors.first
            XCTAssertEqual(first?.location, SourceLocation(file: "e.md", line: 5, column: 12))
        }
    }

    func testPathLocationsAndSuggestions() throws {
        let document = try ConfigDocument(ConfigSource(yaml: "join:\n  right: x\n  on: [a, b]", file: "x.md", lineOffset: 1))
        XCTAssertEqual(document.location(ofPath: "join.right"), SourceLocation(file: "x.md", line: 3, column: 10))
        XCTAssertEqual(document.location(ofPath: "join.on[1]"), SourceLocation(file: "x.md", line: 4, column: 11))
        XCTAssertEqual(document.location(ofPath: "join.missing"), SourceLocation(file: "x.md", line: 3, column: 3))
        XCTAssertEqual(Suggestion.distance("kitten", "sitting"), 3)
        XCTAssertEqual(Suggestion.nearest(to: "lerning_rate", in: ["layers", "learning_rate"]), "learning_rate")
        XCTAssertNil(Suggestion.nearest(to: "zzz", in: ["learning_rate"]))
    }
}
