import Foundation
@testable import Frame
import XCTest

final class DecimalAndListTests: XCTestCase {
    func parse(_ s: String) -> Double? {
        var copy = s
        return copy.withUTF8 { b in b.baseAddress.flatMap { DecimalParser.parse($0, 0, b.count) } }
    }

    func testEqualsStrtodBitForBit() {
        var rng = SystemRandomNumberGenerator()
        var samples = ["0", "-0", "0.1", "1e-300", "4.63E-05", "-0.682725080497", "179769313486231570000000000000000",
                       "2.2250738585072014e-308", "9007199254740993", "123456789012345678901234", "0.30000000000000004", ".5", "5."]
        for _ in 0..<20_000 {
            let x = Double(bitPattern: UInt64.random(in: 0..<0x7FF0_0000_0000_0000, using: &rng))
            samples.append("\(x)")
            let digits = Int.random(in: 1...20, using: &rng)
            let mantissa = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            samples.append("\(mantissa)e\(Int.random(in: -30...30, using: &rng))")
            samples.append("0.\(mantissa)")
        }
        for s in samples {
            let expected = strtod(s, nil)
            XCTAssertEqual(parse(s)?.bitPattern, expected.bitPattern, s)
        }
    }

    func testRejectsNonNumbers() {
        for s in ["abc", "1,5", "0x10", "1e", "--1", "1.2.3", "SOABC", "."] { XCTAssertNil(parse(s), s) }
        XCTAssertTrue(parse("")?.isNaN ?? false)
        XCTAssertTrue(parse("nan")?.isNaN ?? false)
        XCTAssertEqual(parse("-inf"), -.infinity)
    }

    func testListLiterals() {
        XCTAssertEqual(ListLiteral.parse("[]"), [])
        XCTAssertEqual(ListLiteral.parse("['dance pop', 'post-teen pop']"), ["dance pop", "post-teen pop"])
        XCTAssertEqual(ListLiteral.parse("[\"children's music\", 'pop']"), ["children's music", "pop"])
        XCTAssertEqual(ListLiteral.parse(" [ 'a' ,'b', ] "), ["a", "b"])
        XCTAssertEqual(ListLiteral.parse("['rock \\'n\\' roll']"), ["rock 'n' roll"])
        for bad in ["", "dance pop", "['a'", "['a' 'b']", "[a]", "['a'] x"] { XCTAssertNil(ListLiteral.parse(bad), bad) }
    }
}
