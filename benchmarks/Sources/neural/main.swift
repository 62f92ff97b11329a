// bench-neural: KMeans (k = 8, n_init = 10) and MLPRegressor (128, 64) on the benchmark matrix,
// timed, for benchmarks/bench_neural.py. Prints one JSON object.
// Usage: bench-neural [/tmp/labbook-bench/matrix.csv] [kmeans|mlp|all|select]
import Foundation
import Learn
import Linalg

/// Splits one CSV line on commas outside double quotes.
func fields(_ line: Substring) -> [Substring] {
    var out: [Substring] = [], start = line.startIndex, quoted = false, i = line.startIndex
    while i < line.endIndex {
        let c = line[i]
        if c == "\"" { quoted.toggle() } else if c == ",", !quoted { out.append(line[start..<i]); start = line.index(after: i) }
        i = line.index(after: i)
    }
    out.append(line[start..<line.endIndex])
    return out
}

func pearson(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count), ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for i in a.indices { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb) }
    return sab / (saa * sbb).squareRoot()
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

let args = CommandLine.arguments
let path = args.count > 1 ? args[1] : "/tmp/labbook-bench/matrix.csv"
let mode = args.count > 2 ? args[2] : "all"
guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    FileHandle.standardError.write("cannot read \(path); run benchmarks/make_matrix.py first\n".data(using: .utf8) ?? Data())
    exit(1)
}
var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
let header = fields(lines.removeFirst()).map(String.init)
let featureColumns = header.indices.filter { header[$0].hasPrefix("f") && Int(header[$0].dropFirst()) != nil }
guard let vi = header.firstIndex(of: "valence"), let ai = header.firstIndex(of: "arousal"),
      let fi = header.firstIndex(of: "fold") else {
    FileHandle.standardError.write("matrix.csv lacks valence/arousal/fold columns\n".data(using: .utf8) ?? Data())
    exit(1)
}
var xv: [Double] = [], yv: [Double] = [], folds: [Int] = []
for line in lines {
    let f = fields(line)
    for c in featureColumns { xv.append(Double(f[c]) ?? .nan) }
    yv.append(Double(f[vi]) ?? .nan); yv.append(Double(f[ai]) ?? .nan)
    folds.append(Int(f[fi]) ?? 0)
}
let x = Matrix(rows: folds.count, cols: featureColumns.count, values: xv)
let y = Matrix(rows: folds.count, cols: 2, values: yv)
BLAS.setThreads(1)
var report: [String: Double] = ["rows": Double(x.rows), "cols": Double(x.cols), "workers": Double(Parallel.workers)]

do {
    if mode == "kmeans" || mode == "all" {
        var fitted: FittedKMeans?
        report["kmeans_seconds"] = try seconds {
            fitted = try KMeans(.init(nClusters: 8, nInit: 10, maxIter: 300, tol: 1e-4)).fit(x, seed: 0)
        }
        report["kmeans_inertia"] = fitted?.inertia
        report["kmeans_iterations"] = fitted.map { Double($0.nIter) }
    }
    if mode == "select" {
        // The cluster step's default model selection: k = 2...12, silhouette on 5,000 sampled rows.
        var chosen = 0
        report["select_seconds"] = try seconds {
            chosen = try KSelection.select(x, ks: 2...12, rule: .maxSilhouette, silhouetteSample: 5000, seed: 0).chosen.k
        }
        report["select_chosen_k"] = Double(chosen)
    }
    if mode == "mlp" || mode == "all" {
        var h = MLPHyperparameters()
        h.hiddenLayerSizes = [128, 64]
        h.batchSize = 64
        h.maxIter = 30
        h.learningRateInit = 1e-3
        let model = MLPRegressor(h)
        var pooled = Matrix(rows: x.rows, cols: 2)
        var epochs = 0.0
        report["mlp_seconds"] = try seconds {
            let results = try Parallel.map(5) { k -> ([Int], Matrix, Int) in
                let train = folds.indices.filter { folds[$0] != k }, test = folds.indices.filter { folds[$0] == k }
                let fitted = try model.fitMLP(x.selectingRows(train), y.selectingRows(train), seed: UInt64(k))
                return (test, try fitted.predict(x.selectingRows(test)), fitted.curves["train_loss"]?.count ?? 0)
            }
            for (test, p, e) in results {
                for (i, r) in test.enumerated() { pooled[r, 0] = p[i, 0]; pooled[r, 1] = p[i, 1] }
                epochs += Double(e) / 5
            }
        }
        report["mlp_r_valence"] = pearson(pooled.column(0), y.column(0))
        report["mlp_r_arousal"] = pearson(pooled.column(1), y.column(1))
        report["mlp_mean_epochs"] = epochs
    }
} catch {
    FileHandle.standardError.write("bench-neural: \(error)\n".data(using: .utf8) ?? Data())
    exit(1)
}
let json = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
