// bench-trees: labbook's tree models on the shared benchmark matrix (benchmarks/make_matrix.py),
// 5-fold KFold from the file's `fold` column, both targets. Prints one JSON line per model and target:
// pooled out-of-fold Pearson r and the wall time of the whole 5-fold x 2-target fit + predict.
// Usage: bench-trees [matrix.csv] [hgb,rf,bin,rfpredict]
// `bin` times FeatureBinner alone (fit, then transform of the whole matrix, best of 20), what every tree fit starts with.
// `rfpredict` fits the forest once on fold 0's training rows and times its prediction of every row (best of 3).
import Foundation
import Learn
import Linalg

func splitCSVLine(_ line: Substring) -> [Substring] {
    var out: [Substring] = [], start = line.startIndex, inQuotes = false
    var i = line.startIndex
    while i < line.endIndex {
        let c = line[i]
        if c == "\"" { inQuotes.toggle() } else if c == "," && !inQuotes { out.append(line[start..<i]); start = line.index(after: i) }
        i = line.index(after: i)
    }
    out.append(line[start..<line.endIndex])
    return out
}

func pearson(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count), ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for i in 0..<a.count { let da = a[i] - ma, db = b[i] - mb; sab += da * db; saa += da * da; sbb += db * db }
    return sab / (saa * sbb).squareRoot()
}

let args = CommandLine.arguments
let path = args.count > 1 ? args[1] : "/tmp/labbook-bench/matrix.csv"
let which = Set((args.count > 2 ? args[2] : "hgb,rf").split(separator: ",").map(String.init))
guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    FileHandle.standardError.write("cannot read \(path); run benchmarks/make_matrix.py first\n".data(using: .utf8) ?? Data())
    exit(1)
}
var lines = text.split(separator: "\n")
let header = splitCSVLine(lines.removeFirst()).map(String.init)
let featureCols = header.indices.filter { header[$0].hasPrefix("f") && Int(header[$0].dropFirst()) != nil }
guard let vCol = header.firstIndex(of: "valence"), let aCol = header.firstIndex(of: "arousal"),
      let foldCol = header.firstIndex(of: "fold") else { print("missing columns"); exit(1) }
var xs = [Double](), ys = [Double](), folds = [Int]()
for line in lines {
    let f = splitCSVLine(line)
    for c in featureCols { xs.append(Double(f[c]) ?? .nan) }
    ys.append(Double(f[vCol]) ?? .nan); ys.append(Double(f[aCol]) ?? .nan)
    folds.append(Int(f[foldCol]) ?? 0)
}
let x = Matrix(rows: folds.count, cols: featureCols.count, values: xs)
let y = Matrix(rows: folds.count, cols: 2, values: ys)
let nFolds = (folds.max() ?? 0) + 1

func crossValidate(_ name: String, _ model: any Regressor) throws {
    var oof = Matrix(rows: x.rows, cols: 2)
    let start = DispatchTime.now().uptimeNanoseconds
    for k in 0..<nFolds {
        let train = folds.indices.filter { folds[$0] != k }, test = folds.indices.filter { folds[$0] == k }
        let fitted = try model.fit(x.selectingRows(train), y.selectingRows(train), seed: UInt64(k))
        let p = try fitted.predict(x.selectingRows(test))
        for (i, r) in test.enumerated() { oof[r, 0] = p[i, 0]; oof[r, 1] = p[i, 1] }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    for (t, target) in ["valence", "arousal"].enumerated() {
        let r = pearson(oof.column(t), y.column(t))
        print("{\"model\": \"\(name)\", \"target\": \"\(target)\", \"r\": \(r), \"seconds\": \(seconds)}")
    }
}

var hgb = HistGradientBoostingRegressor()
hgb.earlyStopping = .off
if which.contains("hgb") { try crossValidate("hgb", hgb) }
if which.contains("rf") {
    try crossValidate("rf", RandomForestRegressor(nEstimators: 100, maxFeatures: .fraction(0.33), minSamplesLeaf: 5))
}
if which.contains("rfpredict") {
    let train = folds.indices.filter { folds[$0] != 0 }
    let forest = try RandomForestRegressor(nEstimators: 100, maxFeatures: .fraction(0.33), minSamplesLeaf: 5)
        .fit(x.selectingRows(train), y.selectingRows(train), seed: 0)
    var best = Double.infinity, checksum = 0.0
    for _ in 0..<3 {
        let start = DispatchTime.now().uptimeNanoseconds
        let p = try forest.predict(x)
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        checksum = p.values.reduce(0, +)
    }
    print("{\"model\": \"rf predict\", \"rows\": \(x.rows), \"sum\": \(checksum), \"seconds\": \(best)}")
}
if which.contains("bin") {
    func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    var fit = Double.infinity, transform = Double.infinity
    for _ in 0..<20 {
        let start = DispatchTime.now().uptimeNanoseconds
        let binner = try FeatureBinner(fitting: x)
        fit = min(fit, seconds(since: start))
        let mid = DispatchTime.now().uptimeNanoseconds
        _ = try binner.transform(x)
        transform = min(transform, seconds(since: mid))
    }
    print("{\"model\": \"binning\", \"rows\": \(x.rows), \"cols\": \(x.cols), \"fit_seconds\": \(fit), \"transform_seconds\": \(transform)}")
}
