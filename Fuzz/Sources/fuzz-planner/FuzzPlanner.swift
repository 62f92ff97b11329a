import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Literate
import Config
import Runner
import Steps

/// Fuzzes the experiment planner on whole files, as `labbook check` and `run` plan them: step blocks in any
/// order, output markers, stray and orphan markers, unclosed fences. Nothing may crash or hang; every
/// diagnostic points inside the document; and a plan the planner calls valid respects the step order
/// (each step's required steps, and the steps it uses when present, come earlier in the file) and has no
/// labbook marker line outside an output block (so write-back never leaves a stray marker).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlanner(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let document = ExperimentDocument(bytes: bytes, fileName: "fuzz.md")
    let plan = planner.plan(document, fileURL: URL(fileURLWithPath: "/nonexistent/fuzz.md"))
    let lines = document.lines.count + 1
    func fail(_ why: String) -> Never {
        report("FUZZ FAILURE: \(why)\n--- diagnostics ---\n\(plan.diagnostics.map(\.description).joined(separator: "\n"))"
               + "\n--- input ---\n" + String(decoding: bytes, as: UTF8.self))
        abort()
    }
    for diagnostic in plan.diagnostics where !(1...lines).contains(diagnostic.location.line) || diagnostic.location.column < 1 {
        fail("diagnostic outside the document (\(lines) lines): \(diagnostic)")
    }
    guard plan.isValid else { return 0 }
    var line: [String: Int] = [:]
    for step in document.stepBlocks where line[step.name] == nil { line[step.name] = step.block.openingLine }
    let order = StepOrder.standard
    for (step, at) in line {
        for needed in order.requires[step] ?? [] {
            guard let earlier = line[needed], earlier < at else { fail("valid plan, but `\(step)` lacks `\(needed)` before it") }
        }
        for used in order.usesWhenPresent[step] ?? [] {
            if let other = line[used], other > at { fail("valid plan, but `\(used)` comes after `\(step)`") }
        }
    }
    var owned = Set<Int>()
    for step in document.stepBlocks { if let region = step.output { owned.formUnion(region.startLine...region.endLine) } }
    for block in document.fencedBlocks { owned.formUnion(block.openingLine...(block.closingLine ?? document.lines.count)) }
    for index in 0..<document.lines.count where !owned.contains(index + 1) {
        let text = document.lines.text(index).trimmingCharacters(in: CharacterSet(charactersIn: " \t>"))
        if (text.hasPrefix("<!-- labbook:end ") || text.hasPrefix("<!-- labbook:output ")) && text.hasSuffix(" -->") {
            fail("valid plan, but line \(index + 1) is a labbook marker outside every output block")
        }
    }
    return 0
}

private let planner = ExperimentPlanner(registry: .standard)

/// Writes a failure report to standard error at once (libFuzzer then records the input).
private func report(_ text: String) {
    fputs(text + "\n", stderr)
    fflush(stderr)
}
