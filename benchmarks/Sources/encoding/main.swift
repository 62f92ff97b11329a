// bench-encoding: labbook's target encoding, TF-IDF and stacking on the benchmark data, with the data's own folds.
// Usage: bench-encoding target_encoding TEXT.csv | tfidf TEXT.csv ANALYZER MIN N MIN_DF | stacking MATRIX.csv
// Prints one JSON line: {"case", "seconds", "check": [...]}. Driven by benchmarks/bench_encoding.py.
import Evaluate
import Foundation
import Frame
import Learn
import Linalg

struct BenchError: Error, CustomStringConvertible {
    let description: String
}

/// Folds of the `fold` column as train/test splits.
func splits(_ fold: [Double]) -> [Split] {
    let k = Int(fold.max() ?? 0) + 1
    return (0..<k).map { f in
        Split(train: fold.indices.filter { Int(fold[$0]) != f }, test: fold.indices.filter { Int(fold[$0]) == f })
    }
}

func readCSV(_ path: String) throws -> DataFrame {
    try CSVReader.read(URL(fileURLWithPath: path), path: path,
                       options: CSVOptions(types: ["artist": .text, "track_name": .text])).frame
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now()
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// Per fold: cross-fitted encodings of the training rows (cv = 5) and full-fit encodings of the test rows, both
/// targets. Check: Pearson r of the test encodings with the test targets, pooled.
func targetEncoding(_ frame: DataFrame) throws -> (Double, [Double]) {
    let artist = try frame.text("artist")
    let y = Matrix(columns: [try frame.numeric("valence"), try frame.numeric("arousal")])
    let parts = splits(try frame.numeric("fold"))
    var pooled = Matrix(rows: y.rows, cols: 2)
    let encoding = CategoryTargetEncoding(columns: ["artist"])
    let time = try seconds {
        for (f, s) in parts.enumerated() {
            let train = [s.train.map { artist[$0] }], yTrain = y.selectingRows(s.train)
            _ = try encoding.crossFitted(values: train, targets: yTrain, seed: UInt64(f))
            let test = try encoding.fitTable(values: train, targets: yTrain).encode([s.test.map { artist[$0] }])
            for (i, row) in s.test.enumerated() { pooled[row, 0] = test[0][i]; pooled[row, 1] = test[1][i] }
        }
    }
    return (time, try (0..<2).map { try Metric.pearson(y.column($0), pooled.column($0)) })
}

/// Per fold: fit the vectorizer on the training titles, transform training and test titles.
/// Check: vocabulary size of the first fold and the sum of all stored values.
func tfidf(_ frame: DataFrame, analyzer: TextAnalyzer, range: (Int, Int), minDF: Int) throws -> (Double, [Double]) {
    let titles = try frame.text("track_name")
    let parts = splits(try frame.numeric("fold"))
    let vectorizer = TfidfVectorizer(terms: TextTerms(analyzer: analyzer, ngramRange: range), minDF: .count(minDF),
                                     sublinearTF: true)
    var vocabulary = 0.0, total = 0.0
    let time = try seconds {
        for (f, s) in parts.enumerated() {
            let (fitted, a) = try vectorizer.fitTransform(s.train.map { titles[$0] })
            let b = fitted.transform(s.test.map { titles[$0] })
            if f == 0 { vocabulary = Double(fitted.vocabulary.count) }
            total += a.values.reduce(0, +) + b.values.reduce(0, +)
        }
    }
    return (time, [vocabulary, total])
}

/// Stacking of ridge (alpha 1) and kNN (25, distance) with a ridge meta-model, cv = 5 without shuffling, one
/// target at a time (as scikit-learn's StackingRegressor), over the matrix's folds. Check: pooled r per target.
func stacking(_ path: String) throws -> (Double, [Double]) {
    let frame = try CSVReader.read(URL(fileURLWithPath: path), path: path, options: CSVOptions(types: ["artist": .text])).frame
    let features = frame.names.filter { $0.hasPrefix("f") && Int($0.dropFirst()) != nil }
    let x = Matrix(columns: try features.map { try frame.numeric($0) })
    let y = Matrix(columns: [try frame.numeric("valence"), try frame.numeric("arousal")])
    let model = StackingRegressor(estimators: [("ridge", Ridge(alpha: 1)), ("knn", KNeighborsRegressor(nNeighbors: 25, weights: .distance))],
                                  hyperparameters: StackingHyperparameters(alpha: 1, cv: 5, shuffle: false))
    var pooled = Matrix(rows: y.rows, cols: 2)
    let time = try seconds {
        for s in splits(try frame.numeric("fold")) {
            let xTrain = x.selectingRows(s.train), xTest = x.selectingRows(s.test)
            for t in 0..<2 {
                let fitted = try model.fit(xTrain, Matrix(columns: [y.selectingRows(s.train).column(t)]), seed: 0)
                let p = try fitted.predict(xTest)
                for (i, row) in s.test.enumerated() { pooled[row, t] = p[i, 0] }
            }
        }
    }
    return (time, try (0..<2).map { try Metric.pearson(y.column($0), pooled.column($0)) })
}

func main() throws {
    let args = CommandLine.arguments
    guard args.count >= 3 else { throw BenchError(description: "usage: bench-encoding CASE FILE [options]") }
    BLAS.setThreads(1)
    let result: (Double, [Double])
    switch args[1] {
    case "target_encoding": result = try targetEncoding(try readCSV(args[2]))
    case "tfidf":
        guard args.count >= 7, let analyzer = TextAnalyzer(rawValue: args[3]), let lo = Int(args[4]), let hi = Int(args[5]),
              let minDF = Int(args[6]) else {
            throw BenchError(description: "usage: bench-encoding tfidf TEXT.csv word|char|char_wb MIN_N MAX_N MIN_DF")
        }
        result = try tfidf(try readCSV(args[2]), analyzer: analyzer, range: (lo, hi), minDF: minDF)
    case "stacking": result = try stacking(args[2])
    default: throw BenchError(description: "unknown case \(args[1])")
    }
    let json = try JSONSerialization.data(withJSONObject: ["case": args[1], "seconds": result.0, "check": result.1])
    print(String(decoding: json, as: UTF8.self))
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("bench-encoding: \(error)\n".utf8))
    exit(1)
}
