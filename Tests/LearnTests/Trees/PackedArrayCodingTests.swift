import Foundation
@testable import Learn
import Linalg
import XCTest

/// Tree node arrays are saved as base64 of their little-endian bytes: every value reads back bit for bit, and a
/// damaged string is refused.
final class PackedArrayCodingTests: XCTestCase {
    private struct Holder: Codable, Equatable {
        var doubles: [Double], ints: [Int32], bytes: [UInt8], flags: [Bool]
        enum CodingKeys: String, CodingKey { case doubles, ints, bytes, flags }
        init(doubles: [Double], ints: [Int32], bytes: [UInt8], flags: [Bool]) {
            (self.doubles, self.ints, self.bytes, self.flags) = (doubles, ints, bytes, flags)
        }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            doubles = try c.decodePacked([Double].self, forKey: .doubles)
            ints = try c.decodePacked([Int32].self, forKey: .ints)
            bytes = try c.decodePacked([UInt8].self, forKey: .bytes)
            flags = try c.decodePacked([Bool].self, forKey: .flags)
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodePacked(doubles, forKey: .doubles)
            try c.encodePacked(ints, forKey: .ints)
            try c.encodePacked(bytes, forKey: .bytes)
            try c.encodePacked(flags, forKey: .flags)
        }
    }

    func testValuesRoundTripBitForBit() throws {
        let doubles: [Double] = [0, -0.0, 1.5, -2.25e-308, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity,
                                 -.infinity, Double(bitPattern: 0x7FF8_0000_0000_1234), 0.1]
        let original = Holder(doubles: doubles, ints: [0, -1, .min, .max, 42], bytes: [0, 255, 7], flags: [true, false, true])
        let data = try JSONEncoder().encode(original)
        let back = try JSONDecoder().decode(Holder.self, from: data)
        XCTAssertEqual(back.doubles.map(\.bitPattern), doubles.map(\.bitPattern))
        XCTAssertEqual(back.ints, original.ints)
        XCTAssertEqual(back.bytes, original.bytes)
        XCTAssertEqual(back.flags, original.flags)
        // Little-endian bytes, whatever the machine: 1.5 is 0x3FF8000000000000.
        XCTAssertEqual(PackedArray.string([1.5]), Data([0, 0, 0, 0, 0, 0, 0xF8, 0x3F]).base64EncodedString())
        XCTAssertEqual(PackedArray.string([] as [Int32]), "")
    }

    func testDamagedStringsAreRefused() throws {
        let bad = #"{"doubles":"AAAA","ints":"","bytes":"","flags":""}"#  // 3 bytes: not whole doubles
        XCTAssertThrowsError(try JSONDecoder().decode(Holder.self, from: Data(bad.utf8)))
        let notBase64 = #"{"doubles":"!!","ints":"","bytes":"","flags":""}"#
        XCTAssertThrowsError(try JSONDecoder().decode(Holder.self, from: Data(notBase64.utf8)))
    }

    /// A fitted forest and a boosting model predict the same after a round trip through their saved form.
    func testFittedTreesRoundTrip() throws {
        var gen = SeededGenerator(seed: 3, stream: 0)
        var xs: [Double] = []
        for _ in 0..<1200 { xs.append(gen.nextUnit()) }
        var ys: [Double] = []
        for i in 0..<600 { ys.append(xs[(i / 2) * 4] * Double(i % 2 + 1)) }
        let x = Matrix(rows: 300, cols: 4, values: xs), y = Matrix(rows: 300, cols: 2, values: ys)
        let forest = try RandomForestRegressor(nEstimators: 5, minSamplesLeaf: 3).fitForest(x, y, seed: 1)
        let forestBack = try JSONDecoder().decode(FittedRandomForest.self, from: try JSONEncoder().encode(forest))
        XCTAssertEqual(try forestBack.predict(x).values, try forest.predict(x).values)
        let hgb = try HistGradientBoostingRegressor(maxIter: 10).fitModel(x, y.column(0), seed: 1)
        let hgbBack = try JSONDecoder().decode(FittedHistGradientBoosting.self, from: try JSONEncoder().encode(hgb))
        XCTAssertEqual(try hgbBack.predict(x), try hgb.predict(x))
    }
}
