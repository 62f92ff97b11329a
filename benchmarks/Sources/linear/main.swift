// bench-linear: labbook's Ridge / Lasso / kNN on the shared benchmark matrix, with the matrix's own folds.
// Usage: bench-linear MATRIX.csv MODEL [--folds fold|group_fold] [--alpha A] [--k K] [--weights uniform|distance]
// Prints one JSON line: {"model", "seconds", "r": [valence, arousal]}. Driven by benchmarks/bench_linear.py.
import Evaluate
import Foundation
import Learn
import Linalg

struct BenchError: Error, CustomStringConvertible {
    let description: String
}

/// Splits one CSV line into fields (double-quoted fields may contain commas and doubled quotes).
func fields(_ line: Substring) -> [Substring] {
    var out: [Substring] = []
    var start = line.startIndex, i = line.startIndex, quoted = false
    while i < line.endIndex {
        let c = line[i]
        if c == "\"" { quoted.toggle() } else if c == "," && !quoted {
            out.append(line[start..<i])
            start = line.index(after: i)
        }
        i = line.index(after: i)
    }
    out.append(line[start..<line.endIndex])
    return out
}

func loadMatrix(_ path: String, foldColumn: String) throws -> (x: Matrix, y: Matrix, fold: [Int]) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline)
    guard !lines.isEmpty else { throw BenchError(description: "\(path) is empty") }
    let header = fields(lines.removeFirst()).map(String.init)
    let features = header.indices.filter { header[$0].hasPrefix("f") && Int(header[$0].dropFirst()) != nil }
    guard let v = header.firstIndex(of: "valence"), let a = header.firstIndex(of: "arousal"),
          let f = header.firstIndex(of: foldColumn) else {
        throw BenchError(description: "\(path) lacks valence, arousal or \(foldColumn)")
    }
    var xs: [Double] = [], ys: [Double] = [], folds: [Int] = []
    for line in lines {
        let row = fields(line)
        for j in features { xs.append(Double(row[j]) ?? .nan) }
        ys.append(Double(row[v]) ?? .nan)
        ys.append(Double(row[a]) ?? .nan)
        folds.append(Int(row[f]) ?? -1)
    }
    return (Matrix(rows: lines.count, cols: features.count, values: xs), Matrix(rows: lines.count, cols: 2, values: ys), folds)
}

func option(_ name: String, _ args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func main() throws {
    let args = CommandLine.arguments
    guard args.count >= 3 else {
        throw BenchError(description: "usage: bench-linear MATRIX.csv ridge|lasso|knn|linear [--folds fold] [--alpha A] [--k K]")
    }
    // labbook parallelises folds itself; nested OpenBLAS threads would oversubscribe the cores.
    BLAS.setThreads(Int(option("--blas-threads", args) ?? "") ?? 1)
    let data = try loadMatrix(args[1], foldColumn: option("--folds", args) ?? "fold")
    let alpha = Double(option("--alpha", args) ?? "") ?? 1
    let k = Int(option("--k", args) ?? "") ?? 5
    let weights = KNeighborsRegressor.Weights(rawValue: option("--weights", args) ?? "uniform") ?? .uniform
    let model: any Regressor
    switch args[2] {
    case "ridge": model = Ridge(alpha: alpha)
    case "lasso": model = Lasso(alpha: alpha)
    case "linear": model = LinearRegression()
    case "knn": model = KNeighborsRegressor(nNeighbors: k, weights: weights)
    default: throw BenchError(description: "unknown model \(args[2])")
    }
    let folds = (data.fold.max() ?? 0) + 1
    let splits = splitsFromFoldIndex(data.fold, folds: folds)
    let x = data.x
    let outcome = try CrossValidation.run(
        splits: splits, y: data.y,
        featurize: { train, test, _ in (x.selectingRows(train), x.selectingRows(test)) },
        factory: { _ in model }, seed: 0)
    let rs = try (0..<2).map { t in try Metric.pearson(data.y.column(t), outcome.outOfFold.column(t)) }
    print("{\"model\": \"\(args[2])\", \"seconds\": \(outcome.seconds), \"r\": [\(rs[0]), \(rs[1])]}")
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("bench-linear: \(error)\n".utf8))
    exit(1)
}
