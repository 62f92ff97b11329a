import Workflows
import Runner
import Config
import ArgumentParser
import Foundation
import Steps

/// `labbook check PATH...`: parse and validate experiments without reading any data.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse and validate experiments (reads no data).",
        discussion: "Example: labbook check experiments/  (exit 0 when valid, 2 with FILE:LINE:COL errors)")

    @Argument(help: "Experiment files (.md) or folders holding them (default: experiments/).")
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
            let implemented = plan.steps.filter(\.isImplemented).count
            print("\(plan.document.fileName): ok (\(plan.steps.count) steps, \(implemented) implemented)")
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
