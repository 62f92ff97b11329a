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

/// Process CPU seconds (all threads): less sensitive than wall time to other jobs on a shared machine.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Best wall and best CPU seconds over `repeats` runs.
func best(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    var wall = Double.infinity, cpu = Double.infinity
    for _ in 0..<repeats {
        let t0 = DispatchTime.now().uptimeNanoseconds, c0 = cpuSeconds()
        try body()
        wall = min(wall, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        cpu = min(cpu, cpuSeconds() - c0)
    }
    return (wall, cpu)
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
    print("{\"load_join_s\": \(load.wall), \"load_join_cpu_s\": \(load.cpu), \"matched\": \(matched), "
          + "\"big_parse_s\": \(parse.wall), \"big_parse_cpu_s\": \(parse.cpu), \"big_rows\": \(bigRows)}")
} catch {
    FileHandle.standardError.write("bench-load: \(error)\n".data(using: .utf8) ?? Data())
    exit(1)
}
