import Support
import Results
import Config
import Literate

/// Which steps use the results of which: steps run in document order, so a step must come after the
/// steps whose results it uses. `check` reports an order `run` would silently get wrong (e.g. a `cluster`
/// block after `evaluate`: evaluation would run without the cluster features the saved model has).
public struct StepOrder: Sendable {
    /// Steps that must be present, and earlier in the file, for a step to run.
    public var requires: [String: [String]] = [:]
    /// Steps whose results a step uses when they are present: they must come earlier in the file.
    public var usesWhenPresent: [String: [String]] = [:]

    /// No constraints (registries of test steps).
    public static let none = StepOrder()

    /// The standard steps' constraints.
    public static let standard = StepOrder(requires: [
        "clean": ["load"],
        "cluster": ["clean"],
        "evaluate": ["load", "clean", "train"],
    ], usesWhenPresent: [
        "evaluate": ["cluster"],
        "report": ["evaluate"],
    ])

    /// One error per step that comes before a step it uses, or lacks a step it needs, at the step's name.
    func diagnostics(_ blocks: [StepBlock], file: String) -> [Diagnostic] {
        var firstLine: [String: Int] = [:]
        for block in blocks where firstLine[block.name] == nil { firstLine[block.name] = block.block.openingLine }
        var found: [Diagnostic] = []
        for block in blocks where firstLine[block.name] == block.block.openingLine {
            let line = block.block.openingLine
            let location = SourceLocation(file: file, line: line, column: block.nameColumn)
            for needed in requires[block.name] ?? [] where firstLine[needed] == nil {
                found.append(Diagnostic(at: location, "step `\(block.name)` needs a `\(needed)` step before it: "
                    + "add a ```` ```yaml \(needed) ```` block earlier in the file"))
            }
            for used in (requires[block.name] ?? []) + (usesWhenPresent[block.name] ?? []) {
                guard let usedLine = firstLine[used], usedLine > line else { continue }
                found.append(Diagnostic(at: location, "step `\(block.name)` uses the results of `\(used)`, which comes "
                    + "after it (line \(usedLine)): steps run in document order, so move the `\(used)` block before this one"))
            }
        }
        return found
    }
}
