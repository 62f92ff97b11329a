import XCTest
@testable import Config
import Support

private struct Params: Decodable, Equatable {
    var rate: Double
    var layers: [Int]
    var extra: [String: Int]?
}

final class ConfigOverrideTests: XCTestCase {
    private let source = ConfigSource(yaml: "rate: 0.1\nlayers: [8, 4]\n", file: "x.md", lineOffset: 10)

    func testSetsExistingNestedAndNewKeys() throws {
        let document = try ConfigDocument(source)
            .setting("rate", toYAML: "0.5")
            .setting("layers[1]", toYAML: "16")
            .setting("extra.depth", toYAML: "3")
        XCTAssertEqual(try ConfigDecoder.decode(Params.self, from: document),
                       Params(rate: 0.5, layers: [8, 16], extra: ["depth": 3]))
    }

    func testWrongTypeInOverrideNamesTheKeyPath() throws {
        let document = try ConfigDocument(source).setting("rate", toYAML: "fast")
        XCTAssertThrowsError(try ConfigDecoder.decode(Params.self, from: document)) {
            let error = ($0 as? ConfigErrors)?.errors.first
            XCTAssertEqual(error?.message, "expected a number for `rate`, got `fast`")
            XCTAssertEqual(error?.location?.line, 11)
        }
        XCTAssertThrowsError(try ConfigDocument(source).setting("layers[5]", toYAML: "1"))
        XCTAssertThrowsError(try ConfigDocument(source).setting("rate.x", toYAML: "1"))
    }
}
