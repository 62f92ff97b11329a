import Foundation
import Results
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support
import XCTest

/// The cache as many workers share it: its location (`LABBOOK_CACHE`, `cache_dir:`) and concurrent writers.
final class SharedCacheTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-shared-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testLocationPrefersTheEnvironmentThenTheProjectFileThenTheProject() {
        let root = URL(fileURLWithPath: "/project")
        XCTAssertEqual(CacheLocation.folder(root: root, configured: nil, environment: [:], currentDirectory: "/here").path,
                       "/project/.labbook/cache")
        XCTAssertEqual(CacheLocation.folder(root: root, configured: "../shared/cache", environment: [:],
                                            currentDirectory: "/here").path, "/shared/cache")
        XCTAssertEqual(CacheLocation.folder(root: root, configured: "/nfs/cache", environment: ["LABBOOK_CACHE": "c"],
                                            currentDirectory: "/here").path, "/here/c")
        XCTAssertEqual(CacheLocation.folder(root: root, configured: nil, environment: ["LABBOOK_CACHE": "/scratch/c"],
                                            currentDirectory: "/here").path, "/scratch/c")
    }

    func testProjectFileCacheDirIsRelativeToTheProjectFile() throws {
        try Data("cache_dir: ../shared-cache\n".utf8).write(to: folder.appendingPathComponent("labbook.yml"))
        let sub = folder.appendingPathComponent("experiments")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let settings = try ProjectSettings.load(from: sub)
        if ProcessInfo.processInfo.environment["LABBOOK_CACHE"] == nil {
            XCTAssertEqual(settings.cacheFolder.path,
                           folder.deletingLastPathComponent().appendingPathComponent("shared-cache").standardizedFileURL.path)
        }
    }

    /// Writers racing on one key each rename a whole entry into place: every read meanwhile finds no entry
    /// or one writer's entry, complete and verified, never a mixture.
    func testConcurrentWritersOfOneKeyLeaveOneWholeEntry() throws {
        let cache = StepCache(folder: folder.appendingPathComponent("cache"))
        let writers = 8
        let empty = RunResults(experiment: "x", title: "x", provenance: Self.provenance)
        let part = try ResultsPart(before: empty, after: empty)
        let entries = (0..<writers).map { writer in
            CacheEntry(record: StepRecord(step: "clean", baseKey: "samekey", key: "full", upstreamStep: nil, upstreamKey: "",
                                          labbookVersion: "0.1.0", seed: 0, config: [], dataFiles: []),
                       markdown: "writer \(writer)", seconds: Double(writer), results: part,
                       artifacts: Data(repeating: UInt8(writer), count: 50_000 + writer))
        }
        let lock = NSLock()
        var seen: [String] = []
        var problems: [String] = []
        DispatchQueue.concurrentPerform(iterations: writers * 2) { i in
            if i < writers {
                for _ in 0..<3 { try? cache.write(entries[i]) }
            } else {
                for _ in 0..<20 {
                    switch cache.read("samekey") {
                    case .hit(let entry):
                        let writer = Int(entry.markdown.dropFirst("writer ".count)) ?? -1
                        let whole = writer >= 0 && entry.artifacts == entries[writer].artifacts
                        lock.lock(); seen.append(entry.markdown); if !whole { problems.append("mixed entry") }; lock.unlock()
                    case .corrupt(let why):
                        lock.lock(); problems.append(why); lock.unlock()
                    case .missing:
                        break
                    }
                }
            }
        }
        XCTAssertEqual(problems, [])
        guard case .hit(let final) = cache.read("samekey") else { return XCTFail("no entry after the writers finished") }
        XCTAssertTrue(entries.contains { $0.markdown == final.markdown && $0.artifacts == final.artifacts })
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("cache/entries").path)
        XCTAssertEqual(leftovers, ["samekey.entry"], "temporary files left behind")
    }

    private static let provenance = Provenance(labbookVersion: "0.1.0", seed: 0, gitCommit: nil, dataFiles: [], overrides: [],
                                               stepDurations: [], cores: 1, totalSeconds: 0, timestamp: "", configs: [:])
}
