import ArgumentParser
import Foundation
import Preview
import Steps
#if canImport(Glibc)
import Glibc
#endif

/// `labbook preview [PATH...]`: run once, serve reports/ over HTTP, rerun on every edit and reload the pages.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Serve reports; rerun and reload on every edit.",
        usage: "labbook preview [<paths> ...] [--data <data>] [--seed <seed>]\n"
            + "                [--port <port>] [--host <host>] [--no-browser]",
        discussion: """
            Runs the experiments, then serves reports/ on http://127.0.0.1:\(PreviewServer.defaultPort) (the
            next free port when taken). Each change to an experiment, labbook.yml or a
            data file an experiment read reruns that experiment as `labbook run` does
            (unchanged steps come from the cache) and reloads the open pages.

            Example:
              labbook preview experiments/va-regression.md
            """)

    /// The paths, `--data` and `--seed`, as for `run`.
    @OptionGroup var project: ProjectOptions

    @Option(help: "Port to serve on (the next free one when\ntaken).")
    var port: UInt16 = PreviewServer.defaultPort

    @Option(help: "Address to listen on (default: 127.0.0.1,\nthis machine only).")
    var host = "127.0.0.1"

    @Flag(name: .customLong("no-browser"), help: "Do not open a browser (for CI and scripts).")
    var noBrowser = false

    func validate() throws {
        if port == 0 { throw ValidationError("--port needs a port number from 1 to 65535") }
        var address = [UInt8](repeating: 0, count: 16)
        guard host == "localhost" || inet_pton(AF_INET, host, &address) == 1 || inet_pton(AF_INET6, host, &address) == 1 else {
            throw ValidationError("--host needs an IP address such as 127.0.0.1, 0.0.0.0 or ::1, not `\(host)`")
        }
    }

    func run() throws {
        let paths = project.paths.isEmpty ? ["experiments"] : project.paths
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let (data, seed) = (project.data, project.seed)
        let loadSettings = { try ProjectSettings.load(from: current, dataOverride: data, seedOverride: seed) }
        let root: URL
        do {
            root = try loadSettings().root
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.invalid
        }
        _ = try ExperimentPaths.expand(paths)
        BLASThreads.useOne()

        let state = PreviewState()
        let address = host == "localhost" ? "127.0.0.1" : host
        let server: PreviewServer
        do {
            server = try PreviewServer.startBlocking(host: address, port: port,
                                                     files: ReportFiles(folder: root.appendingPathComponent("reports")),
                                                     state: state)
        } catch {
            Terminal.error("error: cannot serve on \(address): \(error)")
            throw ExitStatus.experimentFailed
        }
        let experiments = try ExperimentPaths.expand(paths)
        let url = server.origin + (experiments.count == 1 ? "/" + experiments[0].url.deletingPathExtension().lastPathComponent + ".html" : "/")
        if server.port != port { Terminal.error("labbook: port \(port) is taken; using \(server.port)") }
        if !["127.0.0.1", "::1"].contains(address) {
            Terminal.error("labbook: listening on \(address): other machines may reach this preview")
        }
        Self.say("labbook preview: serving reports/ at \(url) (Ctrl-C stops)")

        let display = ProgressDisplay(level: .normal)
        let session = PreviewSession(environment: PreviewSession.Environment(
            experiments: { try ExperimentPaths.expand(paths).map { ExperimentFile(url: $0.url, display: $0.display) } },
            settings: loadSettings, registry: .command,
            run: { plan, settings, preview in
                let events = RunEvents(stepStarted: { experiment, step, index, count in
                    display.events.stepStarted(experiment, step, index, count)
                    preview.stepStarted(experiment, step, index, count)
                }, stepFinished: { experiment, step, seconds, reused in
                    display.events.stepFinished(experiment, step, seconds, reused)
                    preview.stepFinished(experiment, step, seconds, reused)
                })
                return try CellExecution(settings: settings, progress: display.reporter, events: events).run(plan, kind: .plain)
            },
            summary: { CellExecution.summary($0, kind: .plain, label: "") }, print: { Self.say($0) },
            printError: Terminal.error),
            state: state, root: root)
        session.start()
        if !noBrowser { Self.openBrowser(url) }
        session.watch()
    }

    private static func say(_ line: String) {
        print(line)
        fflush(stdout)
    }

    /// `xdg-open URL` when it exists; otherwise the printed URL is all.
    private static func openBrowser(_ url: String) {
        let search = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let opener = search.map({ "\($0)/xdg-open" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            Terminal.error("labbook: no xdg-open here; open \(url) in a browser")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { Terminal.error("labbook: could not open a browser (\(error)); open \(url)") }
    }
}
