// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for labbook's input parsers. They depend on the main package (the folder above) through
// its `LabbookParsing` library product, so the targets and their dependency graph are the main package's own.
// Build and run with Fuzz/run.sh (swift build -sanitize=fuzzer --scratch-path .build-fuzz).
let fuzzFlags: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
let labbook: Target.Dependency = .product(name: "LabbookParsing", package: "labbook")

let package = Package(
    name: "labbook-fuzz",
    dependencies: [
        .package(name: "labbook", path: ".."),
    ],
    targets: [
        // One executable per fuzz target; libFuzzer supplies `main`.
        .executableTarget(name: "fuzz-writeback", dependencies: [labbook], swiftSettings: fuzzFlags),
        .executableTarget(name: "fuzz-config", dependencies: [labbook], swiftSettings: fuzzFlags),
        .executableTarget(name: "fuzz-csv", dependencies: [labbook], swiftSettings: fuzzFlags),
        .executableTarget(name: "fuzz-planner", dependencies: [labbook], swiftSettings: fuzzFlags),
        .executableTarget(name: "fuzz-set", dependencies: [labbook], swiftSettings: fuzzFlags),
    ],
    swiftLanguageModes: [.v5]
)
