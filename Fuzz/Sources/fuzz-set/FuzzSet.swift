import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Literate
import Steps

/// Fuzzes `--set` parsing and planning: the input is one or more `--set` arguments (separated by NUL bytes),
/// parsed as the command line does and laid over a fixed, valid experiment through the planner. Nothing may
/// crash or hang; a parsed override's text parses back to the same override; the sweep combinations are
/// the product of the value counts; planning each of the first three combinations gives diagnostics inside
/// the document, and errors only in the blocks of the steps it overrides (or at line 1, for a step the file
/// does not configure).
///
/// Speed: the planner decodes each step block on its own, and the step order does not depend on overrides,
/// so a combination is planned over the fixed experiment with the steps it does not override emptied and
/// left unimplemented (`Subset`): the same document, step names, order and `--set` checks, but only the
/// overridden steps are parsed, decoded and checked. Those errors are exactly the full planner's; one input
/// in 64 (chosen by a hash of its bytes, so a replay does the same) also runs the full planner and compares.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSet(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: count)
    let arguments = input.split(separator: 0, omittingEmptySubsequences: false)
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
    let compareWithFullPlan = fnv1a(input) % 64 == 0
    for combination in combinations.prefix(3) {
        let subset = Subset.of(combination)
        let plan = ExperimentPlanner(registry: subset.registry, overrides: combination).plan(subset.document, fileURL: url)
        let found = plan.diagnostics.filter { !subset.skipNotes.contains($0) }
        for diagnostic in found {
            let line = diagnostic.location.line
            guard (1...lines).contains(line), diagnostic.location.column >= 1 else {
                fail("diagnostic outside the document: \(diagnostic) for \(combination.map(\.text))")
            }
            if diagnostic.severity == .error, line != 1, !subset.overriddenLines.contains(line) {
                fail("error outside the overridden steps' blocks: \(diagnostic) for \(combination.map(\.text))")
            }
        }
        if compareWithFullPlan {
            let full = fullPlanner(combination).plan(experiment, fileURL: url).diagnostics
            guard full == found else {
                fail("planning only the overridden steps differs from the full plan for \(combination.map(\.text)):\n"
                     + "\(found.map(\.description).joined(separator: "\n"))\n--- full plan ---\n"
                     + full.map(\.description).joined(separator: "\n"))
            }
        }
    }
    return 0
}

/// Runs once, before fuzzing. Yams copies the whole environment on every parse (to look up
/// `YAMS_DEFAULT_ENCODING` in `Parser.Encoding.default`), a fifth of this target's time; the planner reads no
/// environment variable, so the harness runs without one.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    clearenv()
    return 0
}

private let url = URL(fileURLWithPath: "/nonexistent/fuzz.md")
private let text = """
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

    """
private let experiment = ExperimentDocument(bytes: Array(text.utf8), fileName: "fuzz.md")
private let lines = experiment.lines.count + 1

private func fullPlanner(_ overrides: [Override]) -> ExperimentPlanner {
    ExperimentPlanner(registry: .standard, overrides: overrides)
}

/// The fixed experiment as the planner sees it when only some steps are overridden: the other steps' blocks
/// keep their fences (so step names, order and `--set` checks are unchanged) but are emptied and not
/// implemented, so they are neither decoded nor checked. Built once per set of overridden steps.
private struct Subset {
    let document: ExperimentDocument
    let registry: StepRegistry
    /// The "not implemented: it will be skipped" notes of the steps left out (the full planner has none).
    let skipNotes: [Diagnostic]
    /// The lines of the overridden steps' blocks (fences included): the only places their errors may point at.
    let overriddenLines: Set<Int>

    private static var built: [Set<String>: Subset] = [:]

    static func of(_ overrides: [Override]) -> Subset {
        let steps = Set(overrides.map(\.step)).intersection(experiment.stepBlocks.map(\.name))
        if let subset = built[steps] { return subset }
        if built.isEmpty, !fullPlanner([]).plan(experiment, fileURL: url).diagnostics.isEmpty {
            fail("the fixed experiment is not valid: every diagnostic must come from an override")
        }
        let subset = Subset(steps: steps)
        built[steps] = subset
        return subset
    }

    private init(steps: Set<String>) {
        var emptied = Set<Int>()
        var overridden = Set<Int>()
        for step in experiment.stepBlocks {
            let fence = step.block.openingLine...(step.block.closingLine ?? experiment.lines.count)
            if steps.contains(step.name) {
                overridden.formUnion(fence)
            } else {
                emptied.formUnion(fence.dropFirst().dropLast())
            }
        }
        let text = (0..<experiment.lines.count).map { emptied.contains($0 + 1) ? "" : experiment.lines.text($0) }
        self.document = ExperimentDocument(bytes: Array(text.joined(separator: "\n").utf8), fileName: "fuzz.md")
        var registry = StepRegistry(knownSteps: StepRegistry.standard.knownSteps)
        registry.order = .standard
        for step in standardSteps where steps.contains(step.name) { registry.register(step) }
        self.registry = registry
        overriddenLines = overridden
        let plan = ExperimentPlanner(registry: registry).plan(document, fileURL: url)
        skipNotes = plan.diagnostics.filter { $0.severity == .note }
        guard document.lines.count == experiment.lines.count,
              document.stepBlocks.map(\.block.openingLine) == experiment.stepBlocks.map(\.block.openingLine),
              skipNotes.count == experiment.stepBlocks.count - steps.count, plan.diagnostics == skipNotes else {
            fail("the fixed experiment without the blocks of \(steps.sorted()) is not planned as expected")
        }
    }
}

/// The step types of `StepRegistry.standard`, to register some of them.
private let standardSteps: [any Step.Type] = [LoadStep.self, CleanStep.self, ClusterStep.self, TrainStep.self,
                                              EvaluateStep.self, ReportStep.self]

/// 32-bit FNV-1a of the input: picks the inputs that are also planned in full.
private func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    bytes.reduce(2_166_136_261 as UInt32) { ($0 ^ UInt32($1)) &* 16_777_619 }
}

private func fail(_ why: String) -> Never {
    fputs("FUZZ FAILURE: \(why)\n", stderr)
    fflush(stderr)
    abort()
}
