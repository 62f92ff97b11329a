import Foundation
import Frame
import XCTest
@testable import Learn

/// Tags from delimited text columns and from several columns.
final class TagSourceTests: XCTestCase {
    func testSplitsTrimsAndDropsEmptyPieces() throws {
        let frame = try DataFrame([("Genre", .text(["Pop-Rock", " rock ; pop ;; ", nil, "\tBlues\t", "", "Hip-Hop-Pop-Hip"]))])
        XCTAssertEqual(try TagSource(columns: ["Genre"], separator: "-").lists(frame),
                       [["Pop", "Rock"], ["rock ; pop ;;"], nil, ["Blues"], [], ["Hip", "Hop", "Pop"]])
        XCTAssertEqual(try TagSource(columns: ["Genre"], separator: ";").lists(frame)[1], ["rock", "pop"])
        XCTAssertEqual(try TagSource(columns: ["Genre"]).lists(frame)[0], ["Pop-Rock"], "without a separator a value is one tag")
    }

    func testSeveralColumnsUniteTagsPerRow() throws {
        let frame = try DataFrame([
            ("genres", .list([["pop", "rock"], nil, nil, [], ["jazz"]])),
            ("Genre", .text(["rock-Pop", "Folk", nil, nil, nil])),
            ("n", .numeric([1, 2, 3, 4, 5])),
        ])
        let source = TagSource(columns: ["genres", "Genre"], separator: "-")
        XCTAssertEqual(source.name, "genres+Genre")
        XCTAssertEqual(try source.lists(frame), [["pop", "rock", "Pop"], ["Folk"], nil, [], ["jazz"]],
                       "a row is missing only when every column is; a tag repeated across columns counts once")
        XCTAssertThrowsError(try TagSource(columns: ["genres", "n"]).lists(frame)) { error in
            XCTAssertEqual(error as? FrameError, .wrongKind(column: "n", expected: "list or text", got: "numeric"))
        }
        XCTAssertThrowsError(try TagSource(columns: ["genre"]).lists(frame)) { error in
            XCTAssertEqual(error as? FrameError, .missingColumn("genre", available: ["genres", "Genre", "n"]))
        }
    }

    func testEncoderAndTargetEncoderReadTheSameSourceWhenTransforming() throws {
        let frame = try DataFrame([("genres", .list([["pop"], ["pop"], nil, ["rock"]])), ("Genre", .text(["Rock", "Rock-Pop", "Rock", nil])),
                                   ("y", .numeric([1, 2, 3, 4]))])
        let spec = TagSpec(source: TagSource(columns: ["genres", "Genre"], separator: "-"), minCount: 2,
                           targetEncoding: TagTargetEncoding(minCount: 2, smoothing: 0, folds: 2, targetNames: ["y"]))
        let fitted = try CleanPipeline(tags: spec).fit(frame, rows: [0, 1, 2, 3], targets: .init(columns: [[1, 2, 3, 4]]), seed: 1)
        XCTAssertEqual(fitted.featureNames, ["genres+Genre_te_y", "genres+Genre:Rock", "genres+Genre:pop"])
        XCTAssertTrue(fitted.report.transforms.contains("rows with at least one kept tag: 3 of 4 (the others get all-zero tag features)"),
                      "row 3's only tag, rock, is below min_count: \(fitted.report.transforms)")
        let x = try fitted.transform(frame, rows: [0, 1, 2, 3])
        XCTAssertEqual(x.column(1), [1, 1, 1, 0], "Rock from the text column")
        XCTAssertEqual(x.column(2), [1, 1, 0, 0], "pop from the list column")
        XCTAssertEqual(x[2, 0], 2, "row 2's only known tag is Rock: mean y over rows 0, 1, 2 = 2")
        // A saved model keeps the source: decoding it back reads the same columns.
        let decoded = try JSONDecoder().decode(FittedCleanPipeline.self, from: try JSONEncoder().encode(fitted))
        XCTAssertEqual(try decoded.transform(frame, rows: [0, 1, 2, 3]), x)
    }
}
