import Dispatch
@testable import Support
import XCTest

final class ParallelTests: XCTestCase {
    func testMapKeepsIndexOrderAndRethrows() throws {
        XCTAssertEqual(Parallel.map(1000) { $0 * $0 }, (0..<1000).map { $0 * $0 })
        struct Failure: Error, Equatable { let index: Int }
        XCTAssertThrowsError(try Parallel.map(50) { i -> Int in if i == 17 { throw Failure(index: i) }; return i }) {
            XCTAssertEqual($0 as? Failure, Failure(index: 17))
        }
    }

    func testChunksCoverEveryIndexOnce() {
        for count in [0, 1, 1023, 1024, 5000] {
            var seen = [Int](repeating: 0, count: count)
            seen.withUnsafeMutableBufferPointer { s in
                Parallel.chunks(count, minimumChunk: 100) { range in for i in range { s[i] += 1 } }
            }
            XCTAssertEqual(seen, [Int](repeating: 1, count: count), "\(count) indices")
        }
    }

    /// A loop nested in an iteration of a loop with more iterations than cores still runs on two cores: its two
    /// iterations each wait for the other to start, which a loop run on one thread never sees.
    func testLoopNestedInALoopRunsOnSeveralCores() throws {
        try XCTSkipIf(Parallel.workers < 2, "one worker thread")
        let started = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let outcomes = Parallel.map(3) { outer -> [Bool] in
            guard outer == 0 else { return [] }
            return Parallel.map(2) { inner in
                started[inner].signal()
                return started[1 - inner].wait(timeout: .now() + 10) == .success
            }
        }
        XCTAssertEqual(outcomes[0], [true, true], "the nested iterations ran one after the other")
    }

    /// Deep nesting with many small loops finishes and sums exactly (no lost or repeated iteration).
    func testDeeplyNestedLoopsRunEveryIterationOnce() {
        let totals = Parallel.map(8) { a in
            Parallel.map(6) { b in Parallel.map(5) { c in a * 100 + b * 10 + c }.reduce(0, +) }.reduce(0, +)
        }
        XCTAssertEqual(totals, (0..<8).map { a in (0..<6).reduce(0) { s, b in s + (0..<5).reduce(0) { $0 + a * 100 + b * 10 + $1 } } })
    }
}
