import XCTest
import Foundation
@testable import Support

/// `AtomicFile.write(parts:to:)`: the file holds the parts one after another, and an unchanged file is left alone
/// (compared a block at a time, so parts larger than a block and differences in any block count).
final class AtomicFileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-atomic-parts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Bytes from a fixed linear congruential sequence.
    private func bytes(_ count: Int, seed: UInt64) -> Data {
        var state = seed
        return Data((0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        })
    }

    func testPartsAreWrittenInOrderAndAnUnchangedFileIsNotRewritten() throws {
        let file = folder.appendingPathComponent("entry.bin")
        let parts = [Data("head\n".utf8), Data(), bytes(2_500_000, seed: 1), Data("tail".utf8)]
        XCTAssertTrue(try AtomicFile.write(parts: parts, to: file))
        XCTAssertEqual(try Data(contentsOf: file), parts.reduce(Data(), +))
        XCTAssertFalse(try AtomicFile.write(parts: parts, to: file), "same bytes: the file is left alone")
        // The same bytes cut into other parts are the same file too.
        let joined = parts.reduce(Data(), +)
        XCTAssertFalse(try AtomicFile.write(parts: [joined.prefix(7), joined.dropFirst(7)], to: file))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["entry.bin"])
    }

    func testADifferenceInAnyBlockOrInLengthRewritesTheFile() throws {
        let file = folder.appendingPathComponent("entry.bin")
        let big = bytes(2_200_000, seed: 7)
        try AtomicFile.write(parts: [big], to: file)
        for position in [0, (1 << 20) + 3, big.count - 1] {
            var changed = big
            changed[position] ^= 0xFF
            XCTAssertTrue(try AtomicFile.write(parts: [changed.prefix(10), changed.dropFirst(10)], to: file), "byte \(position)")
            XCTAssertEqual(try Data(contentsOf: file), changed)
            try AtomicFile.write(parts: [big], to: file)
        }
        XCTAssertTrue(try AtomicFile.write(parts: [big, Data([0])], to: file), "one byte longer")
        XCTAssertEqual(try Data(contentsOf: file).count, big.count + 1)
        XCTAssertTrue(try AtomicFile.write(parts: [big.dropLast()], to: file), "one byte shorter")
        XCTAssertEqual(try Data(contentsOf: file), big.dropLast())
    }
}
