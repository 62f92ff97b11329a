@testable import Frame
import XCTest

final class JoinTests: XCTestCase {
    let songs = try? DataFrame([
        ("artist", .text(["The Beatles", "Beyoncé", "AC/DC", "Nobody", nil, "beatles"])),
        ("valence", .numeric([1, 2, 3, 4, 5, 6])),
    ])
    let artists = try? DataFrame([
        ("name", .text(["beatles", "BEYONCE", "ac dc", "Beatles", "-"])),
        ("valence", .numeric([0.1, 0.2, 0.3, 0.4, 0.5])),
        ("genres", .list([["rock"], [], nil, ["dup"], ["x"]])),
    ])
    let all: Set<KeyNormalization> = Set(KeyNormalization.allCases)

    func testNormalization() {
        XCTAssertEqual(KeyNormalization.apply(all, to: "  The   Beatles!"), "beatles")
        XCTAssertEqual(KeyNormalization.apply(all, to: "Beyoncé"), "beyonce")
        XCTAssertEqual(KeyNormalization.apply(all, to: "The The"), "the")
        XCTAssertEqual(KeyNormalization.apply(all, to: "Theatre"), "theatre")
        XCTAssertEqual(KeyNormalization.apply([.case], to: "The Beatles"), "the beatles")
        XCTAssertEqual(KeyNormalization.apply([.leadingThe], to: "THE Who"), "Who")
    }

    func testLeftJoinCountsAndSuffix() throws {
        let (left, right) = (try XCTUnwrap(songs), try XCTUnwrap(artists))
        let options = JoinOptions(keys: [JoinKey(left: "artist", right: "name")], kind: .left, normalization: all,
                                  suffix: "_spotify", indicator: "matched")
        let (out, report) = try left.joined(with: right, options: options)
        XCTAssertEqual(report.matchedRows, 4)
        XCTAssertEqual(report.rightDuplicatesDropped, 1)  // the second "Beatles"; "-" normalizes to "" and never matches
        XCTAssertEqual(report.renamed.map(\.to), ["valence_spotify"])
        XCTAssertEqual(out.names, ["artist", "valence", "name", "valence_spotify", "genres", "matched"])
        XCTAssertEqual(out.rowCount, 6)
        XCTAssertEqual(try out.numeric("matched"), [1, 1, 1, 0, 0, 1])
        XCTAssertEqual(try out.list("genres"), [["rock"], [], nil, nil, nil, ["rock"]])
        XCTAssertEqual(try out.numeric("valence"), [1, 2, 3, 4, 5, 6])
        XCTAssertTrue(try out.numeric("valence_spotify")[3].isNaN)
    }

    func testInnerJoinAndNoNormalization() throws {
        let (left, right) = (try XCTUnwrap(songs), try XCTUnwrap(artists))
        let keys = [JoinKey(left: "artist", right: "name")]
        let (inner, report) = try left.joined(with: right, options: JoinOptions(keys: keys, kind: .inner, normalization: all))
        XCTAssertEqual(inner.rowCount, 4)
        XCTAssertEqual(try inner.numeric("valence"), [1, 2, 3, 6])
        XCTAssertEqual(report.leftRows, 6)
        let (raw, rawReport) = try left.joined(with: right, options: JoinOptions(keys: keys, kind: .inner))
        XCTAssertEqual(try raw.numeric("valence"), [6])  // only the exact "beatles"
        XCTAssertEqual(rawReport.rightDuplicatesDropped, 0)
    }

    func testSeveralKeysAndConcat() throws {
        let a = try DataFrame([("x", .text(["a", "b"])), ("y", .numeric([1, 2]))])
        let b = try DataFrame([("y", .numeric([3])), ("x", .text(["c"]))])
        let stacked = try DataFrame.concatenated([a, b], sourceColumn: "split", labels: ["train", "test"])
        XCTAssertEqual(try stacked.text("split"), ["train", "train", "test"])
        XCTAssertEqual(try stacked.numeric("y"), [1, 2, 3])
        let right = try DataFrame([("X", .text(["B", "c"])), ("Y", .numeric([2, 4])), ("z", .numeric([20, 40]))])
        let keys = [JoinKey(left: "x", right: "X"), JoinKey(left: "y", right: "Y")]
        let (out, report) = try stacked.joined(with: right, options: JoinOptions(keys: keys, normalization: [.case]))
        XCTAssertEqual(report.matchedRows, 1)
        XCTAssertEqual(try out.numeric("z")[1], 20)
        XCTAssertThrowsError(try DataFrame.concatenated([a, right]))
    }
}
