import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Literate
import Config
import Runner
import Steps

/// Fuzzes YAML configuration decoding through the planner, as `labbook check` does: the first byte
/// picks a step, the rest is the block's YAML. Nothing may crash or hang, and every diagnostic must
/// point inside the document.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let step = StepRegistry.knownStepNames[Int(data[0]) % StepRegistry.knownStepNames.count]
    let yaml = Array(UnsafeBufferPointer(start: data + 1, count: count - 1))
    let text = Array("# Fuzz\n\n```yaml \(step)\n".utf8) + yaml + Array("\n```\n".utf8)
    let document = ExperimentDocument(bytes: text, fileName: "fuzz.md")
    let plan = planner.plan(document, fileURL: URL(fileURLWithPath: "/nonexistent/fuzz.md"))
    let lines = document.lines.count + 1
    for diagnostic in plan.diagnostics where !(1...lines).contains(diagnostic.location.line) || diagnostic.location.column < 1 {
        report("FUZZ FAILURE: diagnostic outside the document (\(lines) lines): \(diagnostic)\n--- input ---\n"
              + String(decoding: text, as: UTF8.self))
        abort()
    }
    _ = plan.diagnostics.map(\.description)
    return 0
}

private let planner = ExperimentPlanner(registry: .standard)

/// Writes a failure report to standard error at once (libFuzzer then records the input).
private func report(_ text: String) {
    fputs(text + "\n", stderr)
    fflush(stderr)
}
