import Support
import Foundation
import Linalg
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// scikit-learn reference values written by Fixtures/make_trees.py.
struct TreeFixture: Decodable {
    let x_train: [[Double?]], y_train: [[Double?]], x_test: [[Double?]], y_test: [[Double?]]
    let xm_train: [[Double?]], ym_train: [Double], xm_test: [[Double?]], ym_test: [Double]
    let dt_depth3_pred: [[Double?]], dt_leaf5_pred: [[Double?]]
    let rf_test_mse: [Double]
    let hgb_pred: [[Double]], hgb_test_mse: [Double], hgb_thresholds: [[Double]]
    let hgb_missing_pred: [Double], hgb_missing_test_mse: Double

    static func load() throws -> TreeFixture {
        guard let url = Bundle.module.url(forResource: "trees", withExtension: "json", subdirectory: "Fixtures/trees") else {
            throw XCTSkip("fixture trees.json missing")
        }
        return try JSONDecoder().decode(TreeFixture.self, from: Data(contentsOf: url))
    }

    /// Rows with null read as NaN.
    static func matrix(_ rows: [[Double?]]) -> Matrix { Matrix(rowArrays: rows.map { $0.map { $0 ?? .nan } }) }
}

func meanSquaredError(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(a.count)
}

func pearson(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count), ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for i in 0..<a.count { let da = a[i] - ma, db = b[i] - mb; sab += da * db; saa += da * da; sbb += db * db }
    return sab / (saa * sbb).squareRoot()
}

/// Runs `body` with `LABBOOK_THREADS` set to `n` (read by `Parallel.workers` on every call), then restores it.
func withThreads<T>(_ n: Int, _ body: () throws -> T) rethrows -> T {
    let old = ProcessInfo.processInfo.environment["LABBOOK_THREADS"]
    setenv("LABBOOK_THREADS", String(n), 1)
    defer { if let old { setenv("LABBOOK_THREADS", old, 1) } else { unsetenv("LABBOOK_THREADS") } }
    return try body()
}
