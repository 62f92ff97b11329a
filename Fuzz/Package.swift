// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for labbook's input parsers. The library targets are symbolic links to the
// main package's Sources (so nothing is duplicated and the main Package.swift stays unchanged).
// Build and run with Fuzz/run.sh (swift build -sanitize=fuzzer --scratch-path .build-fuzz).
let fuzzFlags: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "labbook-fuzz",
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark"),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas"),
        .target(name: "Literate", dependencies: ["CCmark"]),
        .target(name: "Linalg", dependencies: ["COpenBLAS"]),
        .target(name: "Frame"),
        .target(name: "Learn", dependencies: ["Linalg", "Frame"]),
        .target(name: "Evaluate", dependencies: ["Linalg", "Frame", "Learn"]),
        .target(name: "Results"),
        .target(name: "Report", dependencies: ["Results", "Literate"]),
        .target(name: "Steps", dependencies: [
            "Literate", "Frame", "Linalg", "Learn", "Evaluate", "Results", "Report",
            .product(name: "Yams", package: "Yams"),
        ]),
        // One executable per fuzz target; libFuzzer supplies `main`.
        .executableTarget(name: "fuzz-writeback", dependencies: ["Literate"], swiftSettings: fuzzFlags),
        .executableTarget(name: "fuzz-config", dependencies: ["Steps", "Literate"], swiftSettings: fuzzFlags),
        .executableTarget(name: "fuzz-csv", dependencies: ["Frame"], swiftSettings: fuzzFlags),
        .executableTarget(name: "fuzz-planner", dependencies: ["Steps", "Literate"], swiftSettings: fuzzFlags),
        .executableTarget(name: "fuzz-set", dependencies: ["Steps", "Literate"], swiftSettings: fuzzFlags),
    ],
    swiftLanguageModes: [.v5]
)
