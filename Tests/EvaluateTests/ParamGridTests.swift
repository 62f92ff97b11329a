@testable import Evaluate
import Foundation
import XCTest

final class ParamGridTests: XCTestCase {
    func testValuesDecodeToTheirNaturalCase() throws {
        let json = #"{"a": 3, "b": 0.5, "c": "distance", "d": true, "e": [1, 2.5]}"#
        struct Doc: Decodable { let a, b, c, d: ParamValue; let e: [ParamValue] }
        let doc = try JSONDecoder().decode(Doc.self, from: Data(json.utf8))
        XCTAssertEqual([doc.a, doc.b, doc.c, doc.d], [.int(3), .double(0.5), .string("distance"), .bool(true)])
        XCTAssertEqual(doc.e, [.int(1), .double(2.5)])
        XCTAssertEqual(ParamValue.int(3).doubleValue, 3)
        XCTAssertEqual(ParamValue.double(4).intValue, 4)
        XCTAssertNil(ParamValue.double(4.5).intValue)
        let back = try JSONDecoder().decode(ParamValue.self, from: try JSONEncoder().encode(ParamValue.double(0.25)))
        XCTAssertEqual(back, .double(0.25))
    }

    func testCombinationsFollowScikitLearnOrderAndMergeOverBase() throws {
        let grid: ParamGrid = ["b": [.int(1), .int(2)], "a": [.string("x"), .string("y")]]
        let all = try Grid.combinations(grid, base: ["a": .string("base"), "c": .bool(false)])
        XCTAssertEqual(all.map { Grid.describe($0) }, [
            "a=x, b=1, c=false", "a=x, b=2, c=false", "a=y, b=1, c=false", "a=y, b=2, c=false",
        ])
        XCTAssertEqual(try Grid.combinations([:], base: ["k": .int(5)]), [["k": .int(5)]])
        XCTAssertThrowsError(try Grid.combinations(["k": [.int(1), .int(1)]])) {
            XCTAssertTrue("\($0)".contains("same value twice"))
        }
    }
}
