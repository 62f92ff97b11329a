import Foundation
import Linalg
import XCTest

/// Loads a JSON fixture written by `Fixtures/make_*.py` (scikit-learn's values) from `Fixtures/<folder>/`.
func loadFixture(_ name: String, folder: String = "preprocess") throws -> [String: Any] {
    let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/\(folder)/\(name)", withExtension: "json"),
                            "missing fixture \(folder)/\(name).json; run its Tests/LearnTests/Fixtures/make_*.py")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    return try XCTUnwrap(object as? [String: Any])
}

/// A JSON number array (null → NaN).
func numbers(_ any: Any?) throws -> [Double] {
    let items = try XCTUnwrap(any as? [Any], "expected an array")
    return items.map { ($0 as? NSNumber)?.doubleValue ?? .nan }
}

/// A JSON array of number rows (null → NaN) as a matrix.
func matrix(_ any: Any?) throws -> Matrix {
    let rows = try XCTUnwrap(any as? [Any], "expected an array of rows")
    return Matrix(rowArrays: try rows.map { try numbers($0) })
}

/// Element-wise comparison with an absolute-or-relative tolerance; NaN must match NaN.
func assertClose(_ a: [Double], _ b: [Double], tolerance: Double, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(what): lengths differ", file: file, line: line)
    for (i, (x, y)) in zip(a, b).enumerated() {
        if x.isNaN || y.isNaN {
            XCTAssertTrue(x.isNaN && y.isNaN, "\(what)[\(i)]: \(x) vs \(y)", file: file, line: line)
            continue
        }
        let scale = max(1, abs(y))
        XCTAssertLessThanOrEqual(abs(x - y) / scale, tolerance, "\(what)[\(i)]: \(x) vs \(y)", file: file, line: line)
    }
}

/// The columns of a matrix as arrays.
func columnsOf(_ m: Matrix) -> [[Double]] { (0..<m.cols).map { m.column($0) } }
