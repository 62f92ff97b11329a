import Config
import Runner
import Steps

/// Small steps for testing the registry and runner without real data.
enum Counted {
    static let total = ArtifactKey<Int>("total")
}

struct SumStep: Step {
    struct Config: Decodable, Sendable {
        var numbers: [Int]
        var declared: [String]?
        var use: String?
    }
    static let name = "load"

    static func check(_ config: Config) throws {
        if let use = config.use, !(config.declared ?? []).contains(use) {
            throw ConfigError(path: "use", "`use` names `\(use)`, which is not declared in `declared`")
        }
    }

    static func run(_ config: Config, context: inout RunContext) throws -> StepOutput {
        let total = config.numbers.reduce(0, +)
        context.put(total, for: Counted.total)
        return StepOutput(markdown: "| total |\n| --- |\n| \(total) |")
    }
}

struct DoubleStep: Step {
    struct Config: Decodable, Sendable {
        var factor: Int
    }
    static let name = "train"

    static func run(_ config: Config, context: inout RunContext) throws -> StepOutput {
        let total = try context.get(Counted.total)
        if config.factor == 0 { throw RunError("factor 0 makes everything zero") }
        return StepOutput(markdown: "doubled: \(total * config.factor), seed \(context.seed)")
    }
}

struct FileStep: Step {
    struct Config: Decodable, Sendable {
        var file: String
    }
    static let name = "clean"

    static func run(_ config: Config, context: inout RunContext) throws -> StepOutput {
        _ = try context.dataFile(config.file)
        return StepOutput(markdown: "read \(config.file)")
    }
}

extension StepRegistry {
    static var testing: StepRegistry {
        StepRegistry().registering(SumStep.self).registering(DoubleStep.self).registering(FileStep.self)
    }
}
