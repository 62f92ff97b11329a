import Frame
import XCTest

/// `where:` conditions on text, numeric and list columns, with pandas' semantics for missing cells.
final class RowFilterTests: XCTestCase {
    let frame = try! DataFrame([
        ("genre", .text(["Rock", "Pop", nil, "Jazz", "Rock", "Folk"])),
        ("year", .numeric([1985, 1990, 2000, .nan, 2001, 1995])),
        ("tags", .list([["rock", "pop"], [], nil, ["jazz"], ["pop"], ["folk"]])),
    ])

    func keep(_ condition: RowCondition, _ column: String) throws -> [Bool] {
        try condition.passes(try XCTUnwrap(frame[column]))
    }

    func testEachConditionOnEachKind() throws {
        XCTAssertEqual(try keep(.isIn(["Rock", "Pop"]), "genre"), [true, true, false, false, true, false])
        XCTAssertEqual(try keep(.notIn(["Rock", "Pop"]), "genre"), [false, false, true, true, false, true],
                       "a missing cell is not in the list, so not_in keeps it (pandas ~isin)")
        XCTAssertEqual(try keep(.notMissing, "genre"), [true, true, false, true, true, true])
        XCTAssertEqual(try keep(.range(min: 1990, max: 2000), "year"), [false, true, true, false, false, true],
                       "inclusive bounds; a missing number is dropped (pandas between)")
        XCTAssertEqual(try keep(.range(min: nil, max: 1990), "year"), [true, true, false, false, false, false])
        XCTAssertEqual(try keep(.isIn(["2000", "1985.0"]), "year"), [true, false, true, false, false, false],
                       "numeric cells compare as numbers")
        XCTAssertEqual(try keep(.notMissing, "year"), [true, true, true, false, true, true])
        XCTAssertEqual(try keep(.isIn(["pop"]), "tags"), [true, false, false, false, true, false], "a list matches when any element is listed")
        XCTAssertEqual(try keep(.notIn(["pop"]), "tags"), [false, true, true, true, false, true])
        XCTAssertEqual(try keep(.notMissing, "tags"), [true, true, false, true, true, true])
    }

    func testConditionsCombineWithAndAndCountDropsInOrder() throws {
        let (kept, rows, steps) = try frame.filteringRows([("genre", .notIn(["Pop"])), ("year", .range(min: 1990, max: nil)),
                                                           ("genre", .notMissing)])
        XCTAssertEqual(rows, [4, 5])
        XCTAssertEqual(try kept.text("genre"), ["Rock", "Folk"])
        XCTAssertEqual(try kept.numeric("year"), [2001, 1995])
        XCTAssertEqual(steps.map(\.dropped), [1, 2, 1], "each condition counts among the rows the earlier ones kept")
        XCTAssertEqual(steps.map(\.dropped).reduce(0, +) + kept.rowCount, frame.rowCount)
        XCTAssertEqual(steps.map(\.condition.description), ["not in [Pop]", "≥ 1990", "not missing"])
    }

    func testListedValuesNoRowHoldsAreNamed() throws {
        let (_, _, steps) = try frame.filteringRows([("genre", .isIn(["Rock", "Rok", " Pop"])), ("tags", .notIn(["jazz", "metal"])),
                                                  ("year", .isIn(["1990", "1991"])), ("year", .notMissing)])
        XCTAssertEqual(steps.map(\.unseen), [["Rok", " Pop"], ["metal"], ["1991"], []])
    }

    func testConditionsThatCannotApplyNameTheCondition() {
        XCTAssertThrowsError(try frame.filteringRows([("year", .notMissing), ("genre", .range(min: 0, max: 1))])) { error in
            XCTAssertEqual(error as? RowFilterError,
                           RowFilterError(condition: 1, message: "column `genre`: a range needs a numeric column; this one is text"))
        }
        XCTAssertThrowsError(try frame.filteringRows([("year", .isIn(["1990", "soon"]))])) { error in
            XCTAssertEqual((error as? RowFilterError)?.message, "column `year`: `soon` is not a number, and this column is numeric")
        }
        XCTAssertThrowsError(try frame.filteringRows([("year", .notMissing), ("yeer", .notMissing)])) { error in
            XCTAssertEqual((error as? RowFilterError)?.condition, 1)
            XCTAssertTrue("\(error)".hasPrefix("no column `yeer`"), "\(error)")
        }
    }
}
