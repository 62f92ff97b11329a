// bench-clean: times the clean step (fit on all rows + transform) on a synthetic frame shaped like the real join:
// 18,644 songs drawn from 4,221 artists, 74% matched (unmatched songs have every Spotify numeric missing and no
// tag list), 14 Spotify numerics with a further 2% scattered missing cells (≈ 27% missing overall, more than
// the brief's 15%, as on the real join), and genre tags from a Zipf-like vocabulary of 1,000 tags (1–6 per artist).
// Usage: swift run -c release bench-clean [repeats]
import Foundation
import Frame
import Learn
import Linalg
import Steps

let songs = 18_644, artists = 4_221, tagCount = 1_000
let numericNames = ["acousticness", "danceability", "duration_ms", "energy", "instrumentalness", "liveness",
                    "loudness", "speechiness", "tempo", "valence_spotify", "popularity", "key", "mode", "count"]

func syntheticFrame(seed: UInt64) throws -> DataFrame {
    var rng = SeededGenerator(seed: seed)
    let weights = (1...tagCount).map { 1 / pow(Double($0), 1.1) }
    let cumulative = weights.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
    func drawTag() -> String {
        let u = rng.nextUnit() * (cumulative.last ?? 1)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] < u { lo = mid + 1 } else { hi = mid } }
        return "tag\(lo)"
    }
    let artistTags: [[String]] = (0..<artists).map { _ in (0..<(1 + rng.nextInt(below: 6))).map { _ in drawTag() } }
    let artistNumbers: [[Double]] = (0..<artists).map { _ in
        numericNames.map { name in
            switch name {
            case "duration_ms": 120_000 + 240_000 * rng.nextUnit()
            case "count": Double(1 + rng.nextInt(below: 300))
            case "loudness": -30 + 28 * rng.nextUnit()
            case "tempo": 60 + 120 * rng.nextUnit()
            case "popularity": Double(rng.nextInt(below: 100))
            case "key": Double(rng.nextInt(below: 12))
            case "mode": Double(rng.nextInt(below: 2))
            default: rng.nextUnit()
            }
        }
    }
    var columns = Array(repeating: [Double](), count: numericNames.count)
    var tags: [[String]?] = []
    for _ in 0..<songs {
        let artist = rng.nextInt(below: artists)
        let matched = rng.nextUnit() < 0.74
        for j in numericNames.indices {
            columns[j].append(matched && rng.nextUnit() > 0.02 ? artistNumbers[artist][j] : .nan)
        }
        tags.append(matched ? artistTags[artist] : nil)
    }
    return try DataFrame(zip(numericNames, columns.map { Column.numeric($0) }).map { ($0, $1) } + [("genres", .list(tags))])
}

let config = CleanConfig(numeric: {
    var n = NumericConfig(columns: numericNames)
    n.log1p = ["duration_ms", "count"]
    return n
}(), tags: TagsConfig(column: "genres", minCount: 5, reduce: ReduceConfig(nComponents: 32)))

let repeats = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 7
do {
    let frame = try syntheticFrame(seed: 2024)
    let missing = frame.columns.prefix(numericNames.count).reduce(0) { $0 + $1.missingCount }
    print("synthetic frame: \(frame.rowCount) rows, \(numericNames.count) numerics "
          + "(\(String(format: "%.1f", 100 * Double(missing) / Double(frame.rowCount * numericNames.count)))% missing), genres list")
    let pipeline = try CleanStep.pipeline(from: config)
    let rows = Array(0..<frame.rowCount)
    var times: [Double] = []
    var shape = (0, 0)
    var report: CleanFitReport? = nil
    for r in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        let fitted = try pipeline.fit(frame, rows: rows, targets: nil, seed: UInt64(r))
        let x = try fitted.transform(frame, rows: rows)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        shape = (x.rows, x.cols)
        report = fitted.report
    }
    let sorted = times.sorted()
    print("clean fit+transform: \(shape.0) × \(shape.1); median \(String(format: "%.3f", sorted[sorted.count / 2])) s, "
          + "min \(String(format: "%.3f", sorted[0])) s over \(repeats) runs")
    if let report {
        print("tags kept: \(report.tagsKept ?? 0) of \(report.tagsSeen ?? 0); "
              + "SVD variance explained: \(String(format: "%.1f", 100 * (report.reductions.first?.explainedVarianceRatio.reduce(0, +) ?? 0)))%")
        report.transforms.forEach { print("  - \($0)") }
    }
} catch {
    print("bench-clean failed: \(error)")
    exit(1)
}
