import XCTest

/// The command line speaks of rows and targets, not of one study's songs and moods.
final class GenericWordsCLITests: XCTestCase {
    func testPredictHelpIsGeneric() throws {
        let cli = try CLIHarness(prefix: "labbook-words")
        defer { cli.cleanUp() }
        let help = try cli.run(["predict", "--help"])
        XCTAssertEqual(help.status, 0)
        let text = (help.stdout + help.stderr).lowercased()
        XCTAssertTrue(text.contains("predict an experiment's targets for new rows"), text)
        for word in ["song", "valence", "arousal", "artist"] { XCTAssertFalse(text.contains(word), word) }
    }
}
