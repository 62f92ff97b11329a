import Support
import Foundation
import Literate
import Report
import Results
import XCTest

/// Fixture files (copied into the test bundle) and golden files (read and written in the source tree).
enum Fixture {
    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw XCTSkip("fixture \(name) is missing from the test bundle")
        }
        return url
    }

    static func results(_ name: String) throws -> RunResults { try ResultsJSON.read(url("\(name).results.json")) }
    static func text(_ name: String) throws -> String { try String(contentsOf: url(name), encoding: .utf8) }

    /// The regression experiment's report input, its step outputs linking their figures as after a run.
    static func regression() throws -> ReportInput { try regressionWithoutFigureLinks().withFigureLinks() }

    /// The regression experiment's report input as written before figures were files (no image links).
    static func regressionWithoutFigureLinks() throws -> ReportInput {
        ReportInput(results: try results("regression"), experimentMarkdown: try text("regression.md"))
    }

    /// The deep-learning experiment's report input, with the regression experiment as reference.
    static func deep() throws -> ReportInput {
        ReportInput(results: try results("deep"), experimentMarkdown: try text("deep.md"), reference: try results("regression"))
    }

    /// Tests/ReportTests/Fixtures in the source tree.
    static var sourceFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// Writes `reports/regression.*` and its figure files into `folder` and returns the figure files' names and bytes.
    static func writtenFigures(_ input: ReportInput, to folder: URL) throws -> [String: String] {
        try ReportRenderer.write(input, to: folder)
        let figures = folder.appendingPathComponent(input.results.experiment)
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: figures.path) {
            out[name] = try String(contentsOf: figures.appendingPathComponent(name), encoding: .utf8)
        }
        return out
    }

    /// Compares `actual` with `Fixtures/golden/<name>`; `LABBOOK_UPDATE_GOLDEN=1` rewrites the golden file instead.
    static func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let golden = sourceFolder.appendingPathComponent("golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["LABBOOK_UPDATE_GOLDEN"] == "1" {
            try AtomicFile.write(actual, to: golden)
            return
        }
        guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
            XCTFail("missing golden file \(golden.path); create it with LABBOOK_UPDATE_GOLDEN=1 swift test --filter ReportTests",
                    file: file, line: line)
            return
        }
        guard actual != expected else { return }
        let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
        let first = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
        let got = first < a.count ? a[first] : "<end of file>", want = first < e.count ? e[first] : "<end of file>"
        XCTFail("\(name) differs from its golden file at line \(first + 1):\n  got:  \(got.prefix(300))\n  want: \(want.prefix(300))\n"
            + "If the change is intended: LABBOOK_UPDATE_GOLDEN=1 swift test --filter ReportTests", file: file, line: line)
    }
}

extension ReportInput {
    /// The input with each step's output block followed by its figures' images, as a run writes them into the
    /// experiment file (`../reports/NAME/FIGURE.svg`).
    func withFigureLinks(folder: String? = nil) -> ReportInput {
        var copy = self
        let folder = folder ?? "../reports/\(results.experiment)/"
        for (step, figures) in ReportRenderer.figuresByStep(self) {
            let end = "<!-- labbook:end \(step) -->"
            copy.experimentMarkdown = copy.experimentMarkdown.replacingOccurrences(
                of: end, with: ReportRenderer.figureImages(figures, folder: folder) + "\n\n" + end)
        }
        return copy
    }
}
