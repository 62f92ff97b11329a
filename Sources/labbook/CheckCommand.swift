import ArgumentParser
import Foundation
import Steps

/// `labbook check PATH...`: parse and validate experiments without reading any data.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate experiments without reading any data.",
        discussion: """
            Checks the step blocks of every experiment (keys, types, values, step order)
            and labbook.yml. Prints `FILE: ok (STEPS)` per valid file; otherwise one
            `FILE:LINE:COL: error: ...` line per problem, and exits with code 2.

            Example:
              labbook check experiments/
            """)

    @Argument(help: "Experiment files (.md) or folders of them\n(default: experiments/).")
    var paths: [String] = []

    func run() throws {
        let plans = try ExperimentLoading.plan(ExperimentPaths.orDefault(paths), registry: .command)
        var valid = plans.allSatisfy(\.isValid)
        do {
            // Validates labbook.yml too (it names the data root, which `check` does not read).
            let settings = try ProjectSettings.load(from: ExperimentPaths.projectStart(plans.map(\.fileURL)))
            let missing = CompareTargets.missing(plans, reports: settings.root.appendingPathComponent("reports"))
            missing.forEach { Terminal.error($0.description) }
            if !missing.isEmpty { valid = false }
        } catch {
            Terminal.error("\(error)")
            valid = false
        }
        guard valid else { throw ExitStatus.invalid }
        for plan in plans {
            let names = plan.steps.map { $0.isImplemented ? $0.name : "\($0.name) (skipped by run)" }
            print("\(plan.document.fileName): ok (\(names.joined(separator: ", ")))")
        }
    }
}

/// Shared by `check` and `run`: expand paths, plan every file, print every diagnostic.
enum ExperimentLoading {
    static func plan(_ paths: [String], registry: StepRegistry, showNotes: Bool = true) throws -> [ExperimentPlan] {
        let planner = ExperimentPlanner(registry: registry)
        var plans: [ExperimentPlan] = []
        for item in try ExperimentPaths.expand(paths) {
            do {
                let plan = try planner.plan(fileAt: item.url, displayName: item.display)
                plan.diagnostics.filter { showNotes || $0.severity != .note }.forEach { Terminal.error($0.description) }
                plans.append(plan)
            } catch {
                Terminal.error("\(item.display): error: cannot read the file: \(error)")
                throw ExitStatus.invalid
            }
        }
        return plans
    }
}
