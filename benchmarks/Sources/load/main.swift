// bench-load: labbook's load step (CSV read + concat + normalized join) and a large CSV parse, timed.
// Driven by benchmarks/bench_load.py, which runs pandas on the same files in the same run.
// Usage: bench-load DATA_ROOT BIG_CSV [REPEATS]   → prints one JSON object with best-of-N seconds.
import Foundation
import Frame
import Steps

let args = CommandLine.arguments
guard args.count >= 3 else {
    FileHandle.standardError.write("usage: bench-load DATA_ROOT BIG_CSV [REPEATS]\n".data(using: .utf8) ?? Data())
    exit(2)
}
let root = URL(fileURLWithPath: args[1])
let big = URL(fileURLWithPath: args[2])
let repeats = args.count > 3 ? Int(args[3]) ?? 3 : 3

let config = LoadConfig(
    sources: [
        "songs": SourceConfig(files: ["deezer/train.csv", "deezer/validation.csv", "deezer/test.csv"],
                              splitColumn: "split", types: ["dzr_sng_id": .text]),
        "artists": SourceConfig(files: ["spotify/artists.csv"], types: ["genres": .list]),
    ],
    join: JoinConfig(left: "songs", right: "artists", on: [JoinKey(left: "artist_name", right: "artists")],
                     normalize: KeyNormalization.allCases, suffix: "_spotify"),
    targets: ["valence", "arousal"])

func best(_ body: () throws -> Void) rethrows -> Double {
    var out = Double.infinity
    for _ in 0..<repeats {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        out = min(out, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    return out
}

do {
    var matched = 0, bigRows = 0
    let load = try best {
        let r = try LoadStep.execute(config, resolve: { root.appendingPathComponent($0) })
        matched = r.summary.join?.matchedRows ?? -1
    }
    let parse = try best {
        bigRows = try CSVReader.read(big).frame.rowCount
    }
    print("{\"load_join_s\": \(load), \"matched\": \(matched), \"big_parse_s\": \(parse), \"big_rows\": \(bigRows)}")
} catch {
    FileHandle.standardError.write("bench-load: \(error)\n".data(using: .utf8) ?? Data())
    exit(1)
}
