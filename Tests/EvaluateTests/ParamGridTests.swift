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

    func testRandomSearchDrawsDistinctCombinationsFromTheSeed() throws {
        let all = try Grid.combinations(["a": [.int(1), .int(2), .int(3)], "b": [.int(1), .int(2)]])
        let drawn = Grid.candidates(all, search: .random(nIter: 4), seed: 7)
        XCTAssertEqual(drawn.count, 4)
        XCTAssertEqual(Set(drawn).count, 4, "without replacement")
        XCTAssertTrue(drawn.allSatisfy { all.contains($0) })
        XCTAssertEqual(Grid.candidates(all, search: .random(nIter: 4), seed: 7), drawn, "seeded")
        XCTAssertNotEqual((0..<5).map { Grid.candidates(all, search: .random(nIter: 4), seed: UInt64($0)) }.count { $0 != drawn }, 0)
        XCTAssertEqual(Grid.candidates(all, search: .random(nIter: 10), seed: 7), all, "a grid smaller than n_iter is searched whole")
        XCTAssertEqual(Grid.candidates(all, search: .grid, seed: 7), all)
    }
}
