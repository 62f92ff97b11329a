import Results
import Config
import Support
import Foundation
import Literate

/// One step of a planned experiment: its block, and its decoded config when it is implemented.
public struct PlannedStep: Sendable {
    public let block: StepBlock
    /// The decoded configuration; nil when the step is not implemented (or invalid).
    public let config: (any Sendable)?
    let entry: StepEntry?

    public var name: String { block.name }
    /// False for a known step this build has no implementation for: the runner skips it.
    public var isImplemented: Bool { entry != nil }
}

/// A parsed and validated experiment, ready to run when `isValid`.
public struct ExperimentPlan: Sendable {
    public let fileURL: URL
    public let document: ExperimentDocument
    public let steps: [PlannedStep]
    /// Every problem found (errors), plus notes such as steps that will be skipped.
    public let diagnostics: [Diagnostic]
    /// The `--set` overrides applied to the step configurations (`step.key=value`); the file is then not written back.
    public var overrides: [String] = []

    /// The file name without `.md`.
    public var experimentName: String { fileURL.deletingPathExtension().lastPathComponent }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var isValid: Bool { errors.isEmpty }
}

/// Parses experiment files and decodes and checks every step configuration, reporting all errors.
/// Reads no data.
public struct ExperimentPlanner: Sendable {
    public let registry: StepRegistry
    /// `--set` overrides laid over the file's configurations before decoding (single values, no sweeps).
    public let overrides: [Override]

    public init(registry: StepRegistry, overrides: [Override] = []) {
        self.registry = registry
        self.overrides = overrides
    }

    /// Plans the file at `url`; `displayName` is how messages name it (e.g. the path as typed).
    public func plan(fileAt url: URL, displayName: String? = nil) throws -> ExperimentPlan {
        let bytes = try FileRead.bytes(url)
        let name = displayName ?? url.path
        if let problem = TextEncoding.problem(in: bytes) {
            let location = SourceLocation(file: name, line: problem.line, column: 1)
            return ExperimentPlan(fileURL: url, document: ExperimentDocument(bytes: [], fileName: name), steps: [],
                                  diagnostics: [Diagnostic(at: location, problem.message)], overrides: overrides.map(\.text))
        }
        return plan(ExperimentDocument(bytes: bytes, fileName: name), fileURL: url)
    }

    public func plan(_ document: ExperimentDocument, fileURL: URL) -> ExperimentPlan {
        var diagnostics = document.diagnostics
        var steps: [PlannedStep] = []
        var firstLine: [String: Int] = [:]
        let file = document.fileName
        for block in document.stepBlocks {
            let nameLocation = SourceLocation(file: file, line: block.block.openingLine, column: block.nameColumn)
            guard registry.knownSteps.contains(block.name) else {
                diagnostics.append(Diagnostic(at: nameLocation, "unknown step `\(block.name)`"
                    + Suggestion.didYouMean(block.name, in: registry.knownSteps)
                    + " (steps: \(registry.knownSteps.joined(separator: ", ")))"))
                continue
            }
            if let earlier = firstLine[block.name] {
                diagnostics.append(Diagnostic(at: nameLocation,
                    "duplicate step `\(block.name)`: it is already configured at line \(earlier); merge the two blocks"))
                continue
            }
            firstLine[block.name] = block.block.openingLine
            let source = ConfigSource(step: block, file: file)
            let entry = registry.entry(for: block.name)
            do {
                let config = try decode(source, entry: entry, step: block.name)
                steps.append(PlannedStep(block: block, config: config, entry: entry))
                if entry == nil {
                    diagnostics.append(Diagnostic(.note, at: nameLocation,
                        "step `\(block.name)` is not implemented in this version of labbook: it will be skipped"))
                }
            } catch let errors as ConfigErrors {
                let annotated = OverridePlanning.annotate(errors, overrides: overrides, step: block.name,
                                                          fallback: source.fallback)
                diagnostics += annotated.errors.map { $0.diagnostic(fallback: source.fallback) }
            } catch {
                diagnostics.append(Diagnostic(at: source.fallback, "\(error)"))
            }
        }
        if document.stepBlocks.isEmpty, document.diagnostics.isEmpty {
            diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: 1, column: 1),
                "no step blocks: a step is configured in a fenced block whose info string is `yaml STEP` "
                + "(nothing was run and no report was written)"))
        }
        // A broken document (e.g. an unclosed fence) or a misspelt step hides steps: their order would only add noise.
        let known = document.stepBlocks.filter { registry.knownSteps.contains($0.name) }
        if document.diagnostics.isEmpty, known.count == document.stepBlocks.count {
            diagnostics += registry.order.diagnostics(known, file: file)
        }
        diagnostics += OverridePlanning.unmatched(overrides, document: document, known: registry.knownSteps)
        diagnostics.sort { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
        return ExperimentPlan(fileURL: fileURL, document: document, steps: steps, diagnostics: diagnostics,
                              overrides: overrides.map(\.text))
    }

    /// Parses the YAML; for implemented steps also decodes and checks it. Throws `ConfigErrors`.
    private func decode(_ source: ConfigSource, entry: StepEntry?, step: String) throws -> (any Sendable)? {
        let document = try OverridePlanning.apply(overrides, step: step, to: ConfigDocument(source))
        guard let entry else { return nil }
        let config = try entry.decode(document)
        do {
            try entry.check(config)
        } catch var error as ConfigError {
            if error.location == nil { error.location = document.location(ofPath: error.path) }
            throw ConfigErrors([error])
        } catch let errors as ConfigErrors {
            throw ConfigErrors(errors.errors.map { error in
                var located = error
                if located.location == nil { located.location = document.location(ofPath: error.path) }
                return located
            })
        }
        return config
    }
}
