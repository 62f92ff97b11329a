import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Literate
import Config
import Runner
import Steps

/// Fuzzes `--set` parsing and planning: the input is one or more `--set` arguments (separated by NUL bytes),
/// parsed as the command line does and laid over a fixed, valid experiment through the planner. Nothing may
/// crash or hang; a parsed override's text parses back to the same override; the sweep combinations are
/// the product of the value counts; every diagnostic points inside the document.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSet(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let arguments = UnsafeBufferPointer(start: data, count: count).split(separator: 0, omittingEmptySubsequences: false)
        .prefix(4).map { String(decoding: $0, as: UTF8.self) }
    var overrides: [Override] = []
    for argument in arguments {
        guard let override = try? Override.parse(argument) else { continue }
        guard let again = try? Override.parse(override.text), again == override else {
            fail("`\(override.text)` (from `\(argument)`) does not parse back to the same override")
        }
        overrides.append(override)
    }
    var expected = 1
    for override in overrides {
        let (product, overflow) = expected.multipliedReportingOverflow(by: max(1, override.values.count))
        if overflow || product > 4096 { return 0 }  // a sweep that large is refused by --max-cells anyway
        expected = product
    }
    let combinations = Override.combinations(overrides)
    guard combinations.count == expected else { fail("\(combinations.count) combinations, expected \(expected)") }
    for combination in combinations.prefix(3) {
        let plan = ExperimentPlanner(registry: .standard, overrides: combination).plan(document, fileURL: url)
        for diagnostic in plan.diagnostics where !(1...lines).contains(diagnostic.location.line) || diagnostic.location.column < 1 {
            fail("diagnostic outside the document: \(diagnostic) for \(combination.map(\.text))")
        }
        _ = plan.diagnostics.map(\.description)
    }
    return 0
}

private let url = URL(fileURLWithPath: "/nonexistent/fuzz.md")
private let document = ExperimentDocument(bytes: Array("""
    # Fuzz

    ```yaml load
    sources:
      songs: {files: [a.csv, b.csv], split_column: split}
    targets: [valence, arousal]
    ```

    ```yaml clean
    numeric: {columns: [x, y], impute: median, scale: standard}
    tags: {column: genres, min_count: 2}
    ```

    ```yaml cluster
    k: {min: 2, max: 4}
    ```

    ```yaml train
    models:
      ridge: {kind: ridge, grid: {alpha: [1, 10]}}
      hgb: {kind: hist_gradient_boosting, params: {max_iter: 10}}
    ```

    ```yaml evaluate
    protocols:
      random: {kind: kfold, folds: 3}
    bootstrap: 100
    ```

    """.utf8), fileName: "fuzz.md")
private let lines = document.lines.count + 1

private func fail(_ why: String) -> Never {
    fputs("FUZZ FAILURE: \(why)\n", stderr)
    fflush(stderr)
    abort()
}
