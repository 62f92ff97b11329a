import Foundation
import XCTest

/// Every `--help` page: an abstract and a discussion with an example per subcommand, nothing wrapped by
/// the argument parser at 80 columns (so no line is cut mid-word or mid-phrase: every line break is the
/// author's), and every experiment, report or data file an example names exists in this repository.
final class HelpTextCLITests: XCTestCase {
    private var harness: CLIHarness!

    override func setUpWithError() throws { harness = try CLIHarness(prefix: "labbook-help") }
    override func tearDownWithError() throws { harness.cleanUp() }

    private func help(_ command: [String], columns: Int) throws -> String {
        let outcome = try harness.run(command + ["--help"], environment: ["COLUMNS": String(columns)])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        return outcome.stdout
    }

    /// The names and abstracts listed under SUBCOMMANDS.
    private func subcommands(_ page: String) -> [(name: String, abstract: String)] {
        guard let start = page.range(of: "SUBCOMMANDS:\n") else { return [] }
        return page[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).prefix { $0.hasPrefix("  ") }.compactMap { line in
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
            guard parts.count == 2, !line.hasPrefix("   ") else { return nil }
            return (String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces))
        }
    }

    /// Every command path: the root, its subcommands and theirs.
    private func commands() throws -> [[String]] {
        var found: [[String]] = [[]], queue: [[String]] = [[]]
        while let command = queue.popLast() {
            for entry in subcommands(try help(command, columns: 80)) where entry.name != "help" {
                XCTAssertFalse(entry.abstract.isEmpty, "`\((command + [entry.name]).joined(separator: " "))` has no abstract")
                found.append(command + [entry.name])
                queue.append(command + [entry.name])
            }
        }
        return found
    }

    func testNoHelpLineIsWrappedAtEightyColumns() throws {
        let all = try commands()
        XCTAssertGreaterThanOrEqual(all.count, 15, "\(all)")
        for command in all {
            let name = (["labbook"] + command).joined(separator: " ")
            let narrow = try help(command, columns: 80), wide = try help(command, columns: 400)
            XCTAssertEqual(narrow, wide, "\(name) --help is wrapped by the argument parser at 80 columns")
            for line in narrow.split(separator: "\n") {
                XCTAssertLessThanOrEqual(line.count, 80, "\(name): \(line)")
                XCTAssertFalse(line.hasSuffix(" "), "\(name): trailing space in `\(line)`")
            }
            XCTAssertTrue(narrow.hasPrefix("OVERVIEW: "), "\(name) has no abstract")
            XCTAssertTrue(narrow.contains("\n  labbook "), "\(name) has no example")
            XCTAssertFalse(narrow.contains("implemented"), name)
        }
    }

    func testEveryExampleNamesWhatExistsInTheRepository() throws {
        let repository = InstallCLITests.repository
        let names = Set(try commands().compactMap(\.first))
        var checked = 0
        for command in try commands() {
            let page = try help(command, columns: 80)
            // Example lines, with their `\` continuation lines.
            let lines = page.split(separator: "\n").map(String.init)
            var examples: [String] = []
            for line in lines {
                let text = line.trimmingCharacters(in: .whitespaces)
                if let last = examples.last, last.hasSuffix("\\") {
                    examples[examples.count - 1] = String(last.dropLast()) + text
                } else if line.hasPrefix("  labbook ") {
                    examples.append(text)
                }
            }
            XCTAssertFalse(examples.isEmpty, "`labbook \(command.joined(separator: " "))` has no example")
            for example in examples {
                // `labbook new NAME && labbook check experiments/NAME.md`: the first command makes the file.
                var made: Set<String> = []
                for part in example.components(separatedBy: " && ") {
                    let words = part.split(separator: " ").map(String.init)
                    guard words.first == "labbook", words.count > 1 else { continue }
                    XCTAssertTrue(names.contains(words[1]) || words[1].hasPrefix("-"), "unknown subcommand in `\(part)`")
                    if words[1] == "new", words.count > 2 { made.insert("experiments/\(words[2]).md") }
                    for word in words.dropFirst(2) where !made.contains(word) {
                        checked += try checkExists(word, after: words, repository: repository, in: part)
                    }
                }
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 10)
    }

    /// Asserts that a path or experiment name an example uses exists; returns 1 when the word was one.
    private func checkExists(_ word: String, after words: [String], repository: URL, in example: String) throws -> Int {
        let manager = FileManager.default
        func exists(_ path: String) -> Bool { manager.fileExists(atPath: repository.appendingPathComponent(path).path) }
        if word.hasPrefix("experiments/") || (word.hasPrefix("reports/") && word.hasSuffix(".results.json")) {
            XCTAssertTrue(exists(word), "`\(example)` names \(word), which is not in the repository")
            return 1
        }
        if word.hasPrefix("reports/"), word.hasSuffix(".model") {
            // Models are written by `labbook run`; the experiment must exist.
            let name = String(word.dropFirst("reports/".count).dropLast(".model".count))
            XCTAssertTrue(exists("experiments/\(name).md"), "`\(example)` names \(word): no experiments/\(name).md")
            return 1
        }
        if word.hasPrefix("../shared/data/") {
            // The shared data sits next to the repository's checkout (see README, "Project settings: labbook.yml and the data root").
            if manager.fileExists(atPath: repository.appendingPathComponent("../shared/data").path) {
                XCTAssertTrue(exists(word), "`\(example)` names \(word), which is not in the shared data")
            }
            return 1
        }
        if words[1] == "compare", !word.hasPrefix("-"), !word.contains("/") {
            XCTAssertTrue(exists("experiments/\(word).md"), "`\(example)` compares \(word): no such experiment")
            return 1
        }
        if let eq = word.firstIndex(of: "="), word.hasPrefix("evaluate.") || word.hasPrefix("train.") {
            // A --set key: the step and key exist in the repository's experiments.
            let step = word[..<word.firstIndex(of: ".")!], key = word[word.index(after: word.firstIndex(of: ".")!)..<eq]
            let texts = try manager.contentsOfDirectory(atPath: repository.appendingPathComponent("experiments").path)
                .filter { $0.hasSuffix(".md") }
                .map { try String(contentsOf: repository.appendingPathComponent("experiments/\($0)"), encoding: .utf8) }
            XCTAssertTrue(texts.contains { $0.contains("```yaml \(step)") && $0.contains("\(key.split(separator: ".").last!):") },
                          "`\(example)` sets \(word): no experiment has that key")
            return 1
        }
        return 0
    }
}
