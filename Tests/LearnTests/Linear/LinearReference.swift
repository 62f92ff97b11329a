import Foundation
import Linalg
import XCTest

/// scikit-learn's fits on the fixture written by Fixtures/make_linear.py.
struct LinearReference: Decodable {
    struct Fit: Decodable {
        let coef: [[Double]]?
        let intercept: [Double]?
        let predict: [[Double]]
        let neighbors: [[Int]]?
    }

    let x: Matrix
    let y: Matrix
    let query: Matrix
    let fits: [String: Fit]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        x = Matrix(rowArrays: try c.decode([[Double]].self, forKey: Key(stringValue: "x")))
        y = Matrix(rowArrays: try c.decode([[Double]].self, forKey: Key(stringValue: "y")))
        query = Matrix(rowArrays: try c.decode([[Double]].self, forKey: Key(stringValue: "query")))
        var fits: [String: Fit] = [:]
        for key in c.allKeys where !["x", "y", "query"].contains(key.stringValue) {
            fits[key.stringValue] = try c.decode(Fit.self, forKey: key)
        }
        self.fits = fits
    }

    static func load() throws -> LinearReference {
        let root = try XCTUnwrap(Bundle.module.resourceURL)
        let data = try Data(contentsOf: root.appendingPathComponent("Fixtures/linear/reference.json"))
        return try JSONDecoder().decode(LinearReference.self, from: data)
    }

    func fit(_ name: String) throws -> Fit {
        try XCTUnwrap(fits[name], "fixture has no \(name)")
    }
}

func expectClose(_ a: Matrix, _ b: [[Double]], tolerance: Double, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.rows, b.count, "\(what): rows", file: file, line: line)
    for r in 0..<min(a.rows, b.count) {
        XCTAssertEqual(a.cols, b[r].count, "\(what): cols", file: file, line: line)
        for c in 0..<min(a.cols, b[r].count) {
            XCTAssertEqual(a[r, c], b[r][c], accuracy: tolerance, "\(what)[\(r), \(c)]", file: file, line: line)
        }
    }
}

func expectClose(_ a: [Double], _ b: [Double], tolerance: Double, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(what): count", file: file, line: line)
    for (i, (u, v)) in zip(a, b).enumerated() {
        XCTAssertEqual(u, v, accuracy: tolerance, "\(what)[\(i)]", file: file, line: line)
    }
}
