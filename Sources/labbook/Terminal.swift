import ArgumentParser
import Foundation
import Steps

/// Output helpers: results on standard output, diagnostics and progress on standard error.
enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static let progress = ProgressReporter { message in
        FileHandle.standardError.write(Data(("labbook: " + message + "\n").utf8))
    }
}

/// Exit codes of the `labbook` command.
enum ExitStatus {
    static let experimentFailed = ExitCode(1)
    static let invalid = ExitCode(2)
}

extension StepRegistry {
    /// The registry the subcommands use: the standard steps (plus the example step for tests).
    static var command: StepRegistry {
        .withExampleStep(.standard, environment: ProcessInfo.processInfo.environment)
    }
}
