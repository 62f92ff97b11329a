import Foundation
import XCTest

/// A page served by `labbook preview`, open in headless Chromium, reloads by itself after an edit: the
/// document title Chromium reports (read from the page's DOM through its DevTools HTTP endpoint, polled
/// with a deadline) changes with the experiment's heading. Skipped when Chromium is not installed.
final class PreviewBrowserTests: XCTestCase {
    private var harness: CLIHarness!
    private var chromium: Process?

    override func setUpWithError() throws { harness = try CLIHarness(prefix: "labbook-preview-browser") }

    override func tearDownWithError() throws {
        if let chromium, chromium.isRunning {
            chromium.terminate()
            chromium.waitUntilExit()
        }
        harness.cleanUp()
    }

    func testOpenPageReloadsItselfAfterAnEdit() throws {
        let executable = try Self.chromium()
        try SyntheticExperiment.write(to: harness)
        let preview = try PreviewProcess(folder: harness.folder, arguments: ["--port", String(try RawHTTP.freePort())])
        let url = try preview.servedURL()
        let port = try XCTUnwrap(url.port)
        _ = try Wait.until(120, "the first run; \(preview.stderr)") {
            try RawHTTP.get(port: port, "/_labbook/status").body.contains("\"state\":\"ready\"") ? true : nil
        }

        let profile = harness.folder.appendingPathComponent("chromium-profile")
        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: executable)
        // Loopback only: no background services, and every host but 127.0.0.1 fails to resolve.
        browser.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                             "--user-data-dir=\(profile.path)", url.absoluteString]
        browser.standardOutput = FileHandle.nullDevice
        browser.standardError = FileHandle.nullDevice
        try browser.run()
        chromium = browser
        let devtools = try Wait.until(30, "Chromium's DevToolsActivePort") { () -> Int? in
            let text = try? String(contentsOf: profile.appendingPathComponent("DevToolsActivePort"), encoding: .utf8)
            return text?.split(separator: "\n").first.flatMap { Int($0) }
        }
        XCTAssertEqual(try title(devtools, url: url, when: "Synthetic"), "Synthetic")

        try harness.write(SyntheticExperiment.path, try harness.read(SyntheticExperiment.path)
            .replacingOccurrences(of: "# Synthetic\n", with: "# Synthetic, reloaded\n"))
        XCTAssertEqual(try title(devtools, url: url, when: "Synthetic, reloaded"), "Synthetic, reloaded",
                       "the open page did not reload by itself")
        XCTAssertEqual(preview.interrupt().status, 130)
    }

    /// The title of the open page at `url` once it equals `expected` (throws after 20 s).
    private func title(_ devtools: Int, url: URL, when expected: String) throws -> String {
        struct Target: Decodable { var type: String; var url: String; var title: String }
        return try Wait.until(20, "the page title `\(expected)`") { () -> String? in
            let list = try RawHTTP.get(port: devtools, "/json/list").body
            let targets = (try? JSONDecoder().decode([Target].self, from: Data(list.utf8))) ?? []
            let page = targets.first { $0.type == "page" && $0.url == url.absoluteString }
            return page?.title == expected ? expected : nil
        }
    }

    private static func chromium() throws -> String {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        throw XCTSkip("chromium is not installed (apt-get install -y chromium)")
    }
}
