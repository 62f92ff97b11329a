import Support
import Foundation
import XCTest

final class SHA256Tests: XCTestCase {
    func testKnownVectors() {
        // FIPS 180-4 examples.
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testStreamingEqualsOneShot() {
        let text = (0..<1000).map { "line \($0) ünïcødé\n" }.joined()
        var h = SHA256()
        var rest = Data(text.utf8)
        var step = 1
        while !rest.isEmpty {
            let n = min(step, rest.count)
            h.update(rest.prefix(n))
            rest = rest.dropFirst(n)
            step = step % 97 + 13
        }
        XCTAssertEqual(h.finalize(), SHA256.hex(text))
    }

    func testMatchesSystemSha256sum() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-sha-\(getpid()).txt")
        try Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        p.waitUntilExit()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(try SHA256.hex(fileAt: url), String(out.prefix(64)))
    }
}
