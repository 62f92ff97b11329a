// swift-tools-version:6.0
import PackageDescription

// labbook: literate machine-learning experiments in Markdown.
// Data flows one way: Literate (parse) → Steps (plan, run) → Results → Report (render) and write-back.
let package = Package(
    name: "labbook",
    products: [
        .executable(name: "labbook", targets: ["labbook"]),
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

        // The only importer of CCmark: experiment documents, step blocks, write-back.
        .target(name: "Literate", dependencies: ["CCmark"]),
        // The only importer of COpenBLAS: dense matrices, BLAS/LAPACK, seeded RNG, parallel loops.
        .target(name: "Linalg", dependencies: ["COpenBLAS"]),
        // Column-store data frame, CSV reader, concat and joins.
        .target(name: "Frame"),
        // Transforms and estimators (scikit-learn contract: fit on training rows, transform/predict any rows).
        .target(name: "Learn", dependencies: ["Linalg", "Frame"]),
        // Splitters, metrics, bootstrap, grid search, cross-validation.
        .target(name: "Evaluate", dependencies: ["Linalg", "Frame", "Learn", "Results"]),
        // The results schema (reports/NAME.results.json): plain Codable data, no ML.
        .target(name: "Results"),
        // Markdown/HTML/SVG rendering and the computed discussion; no ML, no C.
        .target(name: "Report", dependencies: ["Results", "Literate"]),
        // Step configs, the step registry, step implementations and the runner.
        .target(name: "Steps", dependencies: [
            "Literate", "Frame", "Linalg", "Learn", "Evaluate", "Results", "Report",
            .product(name: "Yams", package: "Yams"),
        ]),
        // `labbook preview`: serves reports/ over HTTP, watches files, reruns and pushes reloads.
        .target(name: "Preview", dependencies: [
            "Steps", "Literate", "Report",
            .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
        // Thin command-line front end: one file per subcommand.
        .executableTarget(name: "labbook", dependencies: [
            "Steps", "Preview",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Side-by-side benchmarks against pandas / scikit-learn / LightGBM (driven by benchmarks/*.py).
        .executableTarget(name: "bench-load", dependencies: ["Frame", "Steps"], path: "benchmarks/Sources/load"),
        .executableTarget(name: "bench-clean", dependencies: ["Frame", "Learn", "Linalg", "Steps"], path: "benchmarks/Sources/clean"),
        .executableTarget(name: "bench-trees", dependencies: ["Learn", "Linalg", "Evaluate"], path: "benchmarks/Sources/trees"),
        .executableTarget(name: "bench-linear", dependencies: ["Learn", "Linalg", "Evaluate"], path: "benchmarks/Sources/linear"),
        .executableTarget(name: "bench-neural", dependencies: ["Learn", "Linalg", "Evaluate"], path: "benchmarks/Sources/neural"),
        .executableTarget(name: "bench-encoding", dependencies: ["Frame", "Learn", "Linalg", "Evaluate"], path: "benchmarks/Sources/encoding"),

        .testTarget(name: "LinalgTests", dependencies: ["Linalg"]),
        .testTarget(name: "FrameTests", dependencies: ["Frame"]),
        .testTarget(name: "LearnTests", dependencies: ["Learn", "Linalg", "Frame"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EvaluateTests", dependencies: ["Evaluate", "Learn", "Linalg", "Results"]),
        .testTarget(name: "LiterateTests", dependencies: ["Literate"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Results", "Literate"], resources: [.copy("Fixtures")]),
        // The generated study the cache and preview tests run (not shipped: only test targets use it).
        .target(name: "SyntheticStudy", path: "Tests/SyntheticStudy"),
        .testTarget(name: "StepsTests", dependencies: ["Steps", "Frame", "Learn", "Results", "Evaluate", "Report",
                                                       "SyntheticStudy"]),
        .testTarget(name: "CLITests", dependencies: ["Literate", "SyntheticStudy"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview"]),
    ],
    swiftLanguageModes: [.v5]
)
