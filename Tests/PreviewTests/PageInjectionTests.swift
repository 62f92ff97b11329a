@testable import Preview
import XCTest

/// The banner and the reload script go into served pages only; errors keep their exact terminal text.
final class PageInjectionTests: XCTestCase {
    private let page = "<!DOCTYPE html>\n<html><head><title>x</title></head>\n<body class=\"report\">\n<h1>X</h1>\n</body>\n</html>\n"

    func testScriptAndBannerAreInsideTheBody() throws {
        var status = PreviewStatus()
        status.state = .ready
        status.generation = 3
        let served = PageInjection.inject(into: page, status: status)
        let body = try XCTUnwrap(served.range(of: "<body class=\"report\">"))
        XCTAssertTrue(served[body.upperBound...].hasPrefix("<div id=\"labbook-preview\" data-state=\"ready\" hidden"))
        XCTAssertTrue(served.contains("var shown = 3;"))
        XCTAssertTrue(served.hasSuffix("</script>\n</body>\n</html>\n"))
        XCTAssertEqual(served.replacingOccurrences(of: PageInjection.script(generation: 3), with: "")
                           .replacingOccurrences(of: PageInjection.banner(status), with: ""), page)
    }

    func testErrorsAreShownVerbatimAndLinkToTheirBlock() {
        var status = PreviewStatus()
        status.state = .failed
        status.errors = [.init(text: "x.md:12:5: error: unknown key `nmeric` — did you mean `numeric`?", link: "x.html#workspace-clean"),
                         .init(text: "y.md:1:1: error: <bad> & \"quoted\"", link: nil)]
        let banner = PageInjection.banner(status)
        XCTAssertTrue(banner.contains("<a href=\"/x.html#workspace-clean\" style=\"color:inherit\">"
                                      + "x.md:12:5: error: unknown key `nmeric` — did you mean `numeric`?</a>"), banner)
        XCTAssertTrue(banner.contains("y.md:1:1: error: &lt;bad&gt; &amp; &quot;quoted&quot;"))
        XCTAssertTrue(banner.contains("below is the last good report"))
        let alone = PageInjection.missingPage(path: "/x.html", status: status)
        XCTAssertTrue(alone.contains("The last run failed.</strong>") && alone.contains("No report at /x.html."), alone)
    }

    func testRunningStepIsNamed() {
        var status = PreviewStatus()
        status.running = .init(experiment: "x", step: "clean", index: 2, count: 6)
        XCTAssertTrue(PageInjection.banner(status).contains("Running x: step 2/6 `clean`…"))
        XCTAssertTrue(PageInjection.missingPage(path: "/<x>.html", status: status).contains("This report is being made."))
    }

    func testEventsAreEncodedOneDataLinePerLine() {
        XCTAssertEqual(String(decoding: EventHub.encode("reload", data: "4"), as: UTF8.self), "event: reload\ndata: 4\n\n")
        XCTAssertEqual(String(decoding: EventHub.encode("x", data: "a\nb"), as: UTF8.self), "event: x\ndata: a\ndata: b\n\n")
    }
}
