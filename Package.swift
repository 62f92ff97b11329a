// swift-tools-version:6.0
import Foundation
import PackageDescription

// labbook: literate machine-learning experiments in Markdown.
// Data flows one way: Literate (parse) → Config (configure) → Runner, calling Steps (plan, run) → Results
// → Report (render) → Literate (write back). scripts/dependency-graph.sh prints the target graph and
// fails when an arrow runs backward (see CONTRIBUTING.md or README.md, "Architecture").

/// Release builds of the compute targets use the build machine's AVX2 and FMA when it has them (Haswell-class
/// x86-64, 2013 on): up to 8% less CPU time on the experiments in paired runs, with bit-identical results (Swift never fuses
/// `a * b + c` into an FMA by itself; `scripts/check-reports.sh` proves the reports unchanged). A machine without
/// them, or another architecture, gets the portable baseline. The binary then needs such a CPU to run.
let kernelSettings: [SwiftSetting] = {
    #if arch(x86_64) && os(Linux)
    guard let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let flags = cpu.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return [] }
    let has = Set(flags.split(separator: " ").map(String.init))
    guard ["avx", "avx2", "fma", "bmi1", "bmi2", "f16c", "movbe", "abm", "popcnt"].allSatisfy(has.contains) else { return [] }
    return [.unsafeFlags(["-target-cpu", "haswell"], .when(configuration: .release))]
    #else
    return []
    #endif
}()

let package = Package(
    name: "labbook",
    products: [
        .executable(name: "labbook", targets: ["labbook"]),
        // What the fuzz targets (Fuzz/Package.swift) build on: parse, configure, plan.
        .library(name: "LabbookParsing", targets: ["Support", "Literate", "Frame", "Config", "Runner", "Steps"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // `labbook preview`'s HTTP server: no dependencies of its own (see README, "Writing an experiment").
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C interop: system libraries only, each wrapped by exactly one Swift target.
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),

        // Shared helpers every layer may use: atomic files (fsync then rename), whole-file reads, one
        // parallel-for, SHA-256, locale-free number formatting. No C, no ML, no Markdown.
        .target(name: "Support"),
        // The only importer of CCmark: experiment documents, step blocks, write-back.
        .target(name: "Literate", dependencies: ["CCmark"]),
        // The only importer of COpenBLAS: dense matrices, BLAS/LAPACK, seeded RNG.
        .target(name: "Linalg", dependencies: ["COpenBLAS", "Support"], swiftSettings: kernelSettings),
        // Column-store data frame, CSV reader, concat and joins.
        .target(name: "Frame", dependencies: ["Support"], swiftSettings: kernelSettings),
        // Transforms and estimators (scikit-learn contract: fit on training rows, transform/predict any rows).
        .target(name: "Learn", dependencies: ["Linalg", "Frame", "Support"], swiftSettings: kernelSettings),
        // Splitters, metrics, bootstrap, grid search, cross-validation.
        .target(name: "Evaluate", dependencies: ["Linalg", "Frame", "Learn"], swiftSettings: kernelSettings),
        // The results schema (reports/NAME.results.json) and its byte-stable JSON: plain Codable data, no ML.
        .target(name: "Results", dependencies: ["Support"]),
        // configure: step blocks' YAML decoded with positions, config errors, `--set` overrides, labbook.yml.
        .target(name: "Config", dependencies: [
            "Literate", "Support", .product(name: "Yams", package: "Yams"),
        ]),
        // plan and run: the Step protocol, registry, planner, runner, run context, step cache, progress events.
        .target(name: "Runner", dependencies: [
            "Config", "Literate", "Results", "Frame", "Linalg", "Support", .product(name: "Yams", package: "Yams"),
        ]),
        // render: Markdown/HTML/SVG of results and the computed discussion; no ML, no C.
        .target(name: "Report", dependencies: ["Results", "Literate", "Support"]),
        // The steps, one folder each (load, clean, cluster, train, evaluate, report) and their registry.
        .target(name: "Steps", dependencies: [
            "Runner", "Config", "Literate", "Frame", "Linalg", "Learn", "Evaluate", "Results", "Report", "Support",
            .product(name: "Yams", package: "Yams"),
        ]),
        // Built on Runner and Steps: predict with a saved model, compare results, sweeps and their cells.
        .target(name: "Workflows", dependencies: [
            "Steps", "Runner", "Config", "Literate", "Frame", "Linalg", "Learn", "Evaluate", "Results", "Report",
            "Support",
        ]),
        // `labbook preview`: serves reports/ over HTTP, watches files, reruns and pushes reloads.
        .target(name: "Preview", dependencies: [
            "Workflows", "Steps", "Runner", "Config", "Literate", "Report",
            .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
        // Thin command-line front end: one file per subcommand.
        .executableTarget(name: "labbook", dependencies: [
            "Workflows", "Steps", "Runner", "Config", "Preview", "Literate", "Report", "Results", "Frame", "Support",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Side-by-side benchmarks against pandas / scikit-learn / LightGBM (driven by benchmarks/*.py).
        .executableTarget(name: "bench-load", dependencies: ["Frame", "Steps"], path: "benchmarks/Sources/load"),
        .executableTarget(name: "bench-clean", dependencies: ["Frame", "Learn", "Linalg", "Steps"], path: "benchmarks/Sources/clean"),
        .executableTarget(name: "bench-trees", dependencies: ["Learn", "Linalg", "Evaluate"], path: "benchmarks/Sources/trees"),
        .executableTarget(name: "bench-linear", dependencies: ["Learn", "Linalg", "Evaluate"], path: "benchmarks/Sources/linear"),
        .executableTarget(name: "bench-neural", dependencies: ["Learn", "Linalg", "Evaluate"], path: "benchmarks/Sources/neural"),
        .executableTarget(name: "bench-encoding", dependencies: ["Frame", "Learn", "Linalg", "Evaluate"], path: "benchmarks/Sources/encoding"),

        // Test folders mirror Sources/: one test target per target.
        .testTarget(name: "SupportTests", dependencies: ["Support"]),
        .testTarget(name: "LinalgTests", dependencies: ["Linalg"]),
        .testTarget(name: "FrameTests", dependencies: ["Frame"]),
        .testTarget(name: "LearnTests", dependencies: ["Learn", "Linalg", "Frame"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EvaluateTests", dependencies: ["Evaluate", "Learn", "Linalg"]),
        .testTarget(name: "LiterateTests", dependencies: ["Literate", "Support"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Results", "Literate", "Support"], resources: [.copy("Fixtures")]),
        // Shared by the test targets: the generated study the cache and preview tests run, hand-built results.
        .target(name: "SyntheticStudy", dependencies: ["Results"], path: "Tests/SyntheticStudy"),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "Literate", "Support"]),
        .testTarget(name: "RunnerTests", dependencies: ["Steps", "Runner", "Config", "Workflows", "Support", "Literate", "Frame", "Linalg", "Learn", "Results", "Evaluate", "Report", "SyntheticStudy"]),
        .testTarget(name: "StepsTests", dependencies: ["Steps", "Runner", "Config", "Workflows", "Support", "Literate", "Frame", "Linalg", "Learn", "Results", "Evaluate", "Report", "SyntheticStudy"]),
        .testTarget(name: "WorkflowsTests", dependencies: ["Steps", "Runner", "Config", "Workflows", "Support", "Literate", "Frame", "Linalg", "Learn", "Results", "Evaluate", "Report", "SyntheticStudy"]),
        .testTarget(name: "CLITests", dependencies: ["Literate", "Support", "SyntheticStudy"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "Steps", "Runner", "Config", "Support"]),
    ],
    swiftLanguageModes: [.v5]
)
