import XCTest
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

/// The cache's size limit: least recently used files go first, and a read renews an entry's use.
final class CacheEvictionTests: XCTestCase {
    func testEvictsLeastRecentlyUsedFirstAndReadsRenewUse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-evict-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = StepCache(folder: folder, limitBytes: 2500)
        for name in ["a", "b", "c"] { try cache.writeFile(Data(repeating: 1, count: 1000), name: name) }
        // Ages: a oldest, then b, then c; reading a makes it the most recently used.
        for (offset, name) in [(-300.0, "a"), (-200.0, "b"), (-100.0, "c")] {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(offset)],
                                                  ofItemAtPath: folder.appendingPathComponent("files/\(name)").path)
        }
        XCTAssertNotNil(cache.readFile(name: "a"))
        XCTAssertGreaterThan(cache.usage().bytes, 2500)
        let removed = cache.evict(toAtMost: cache.limitBytes)
        XCTAssertEqual(removed.files, 1)
        XCTAssertNotNil(cache.readFile(name: "a"))
        XCTAssertNil(cache.readFile(name: "b"))
        XCTAssertNotNil(cache.readFile(name: "c"))
        XCTAssertLessThanOrEqual(cache.usage().bytes, 2500)
        XCTAssertEqual(cache.evict(toAtMost: 0).files, 2)
        XCTAssertEqual(cache.usage().files, 0)
    }
}
