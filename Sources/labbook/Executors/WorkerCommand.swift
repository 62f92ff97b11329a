import Workflows
import Runner
import Config
import Foundation
import Steps
#if canImport(Glibc)
import Glibc
#endif

/// Starting `labbook` worker processes and waiting for them (posix_spawn and waitpid: Foundation's `Process`
/// needs a run loop to report terminations).
enum WorkerCommand {
    /// The absolute path of the running `labbook`, so workers run the very same build.
    static func executable() throws -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        let first = CommandLine.arguments[0]
        guard first.contains("/") else { throw CellError("error: cannot locate the labbook executable to start workers") }
        return URL(fileURLWithPath: first).standardizedFileURL.path
    }

    /// Starts `executable arguments...` with standard output and error appended to `log`; returns its pid.
    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String], log: URL) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard status == 0 else {
            throw CellError("error: cannot start a worker (\(executable)): \(String(cString: strerror(status)))")
        }
        return pid
    }

    /// Waits for any child; returns its pid and exit status (128 + signal when killed).
    static func waitAny() -> (Int32, Int32) {
        var status: Int32 = 0
        var pid: pid_t
        repeat { pid = waitpid(-1, &status, 0) } while pid < 0 && errno == EINTR
        let exited = status & 0x7F == 0
        return (pid, exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F))
    }

    /// Runs a command to completion and returns its exit status, standard output and standard error.
    static func capture(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw CellError("error: cannot run `\(executable)`: \(error.localizedDescription)")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }
}
