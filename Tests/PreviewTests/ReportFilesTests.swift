import Foundation
@testable import Preview
import XCTest

/// Only regular files inside reports/ are served; every way out of the folder is a 404 (nil).
final class ReportFilesTests: XCTestCase {
    private var project: URL!
    private var files: ReportFiles!

    override func setUpWithError() throws {
        project = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-files-\(UUID().uuidString)")
        let reports = project.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports.appendingPathComponent("sub"), withIntermediateDirectories: true)
        for (path, text) in [("labbook.yml", "seed: 1\n"), ("reports/index.html", "<p>index</p>"),
                             ("reports/x.html", "<p>x</p>"), ("reports/sub/a b.md", "a"), ("reports/.x.html.tmp", "half")] {
            try Data(text.utf8).write(to: project.appendingPathComponent(path))
        }
        try FileManager.default.createSymbolicLink(atPath: reports.appendingPathComponent("out.yml").path,
                                                   withDestinationPath: project.appendingPathComponent("labbook.yml").path)
        try FileManager.default.createSymbolicLink(atPath: reports.appendingPathComponent("in.html").path,
                                                   withDestinationPath: reports.appendingPathComponent("x.html").path)
        files = ReportFiles(folder: reports)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: project) }

    private func served(_ path: String) -> String? { files.resolve(requestPath: path)?.lastPathComponent }

    func testServesFilesInsideTheFolder() {
        XCTAssertEqual(served("/"), "index.html")
        XCTAssertEqual(served("/x.html"), "x.html")
        XCTAssertEqual(served("/sub/a%20b.md"), "a b.md")
        XCTAssertEqual(served("//x.html"), "x.html")
        XCTAssertEqual(served("/in.html"), "x.html", "a symlink that stays inside is served")
    }

    func testRefusesEveryWayOut() {
        for path in ["/../labbook.yml", "/%2e%2e/labbook.yml", "/%2E%2E/labbook.yml", "/sub/../../labbook.yml",
                     "/sub/%2e%2e/%2e%2e/labbook.yml", "/..%2flabbook.yml", "/%2e%2e%2flabbook.yml", "/..\\labbook.yml",
                     "/out.yml", "/sub", "/missing.html", "/.x.html.tmp", "/./x.html", "x.html",
                     "http://127.0.0.1/../labbook.yml", "/%zz", "/x.html%00.md"] {
            XCTAssertNil(served(path), path)
        }
        let absolute = project.appendingPathComponent("labbook.yml").path
        XCTAssertNil(served(absolute), "an absolute path names a file under reports/, which does not exist")
        XCTAssertNil(served("/" + absolute.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!))
    }

    func testContentTypes() {
        XCTAssertEqual(ReportFiles.contentType(of: URL(fileURLWithPath: "/a/x.html")), "text/html; charset=utf-8")
        XCTAssertEqual(ReportFiles.contentType(of: URL(fileURLWithPath: "/a/x.results.json")), "application/json")
        XCTAssertEqual(ReportFiles.contentType(of: URL(fileURLWithPath: "/a/x.model")), "application/octet-stream")
    }
}

/// On loopback, only this machine's names are accepted as `Host` (no DNS rebinding); elsewhere any.
final class HostHeaderTests: XCTestCase {
    func testLoopbackAcceptsOnlyLocalNames() throws {
        let hosts = try XCTUnwrap(PreviewServer.Handler.acceptedHosts(host: "127.0.0.1", port: 8321))
        for accepted in ["127.0.0.1:8321", "localhost:8321", "[::1]:8321", "localhost"] { XCTAssertTrue(hosts.contains(accepted)) }
        for refused in ["evil.example:8321", "127.0.0.1:8322", "", "127.0.0.1.nip.io:8321"] { XCTAssertFalse(hosts.contains(refused)) }
        XCTAssertNil(PreviewServer.Handler.acceptedHosts(host: "0.0.0.0", port: 8321), "--host: served to other names")
    }
}
