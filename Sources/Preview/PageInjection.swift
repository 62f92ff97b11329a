import Workflows
import Steps
import Runner
import Config
import Foundation
import Report

/// What preview adds to a served HTML page (never to the file on disk): a status banner at the top of
/// the body (the running step, or the errors above the last good report) and a script that listens to
/// `/_labbook/events` and reloads the page when a run finishes.
enum PageInjection {
    static let eventsPath = "/_labbook/events"
    static let statusPath = "/_labbook/status"

    /// `html` with the banner after `<body ...>` and the script before `</body>`.
    static func inject(into html: String, status: PreviewStatus, isReport: Bool = true) -> String {
        var page = html
        let banner = self.banner(status, aboveReport: isReport)
        if let body = page.range(of: "<body"), let close = page[body.upperBound...].firstIndex(of: ">") {
            page.insert(contentsOf: banner, at: page.index(after: close))
        } else {
            page = banner + page
        }
        let script = self.script(generation: status.generation)
        if let end = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: script, at: end.lowerBound)
        } else {
            page += script
        }
        return page
    }

    /// The page served for a report that does not exist (yet): the banner, and a reload when a run finishes.
    static func missingPage(path: String, status: PreviewStatus) -> String {
        let text = status.state == .running ? "This report is being made." : "No report at \(escape(path))."
        return inject(into: """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>labbook preview</title></head>
            <body><p>\(text) <a href="/">All reports</a></p></body></html>

            """, status: status, isReport: false)
    }

    /// The status banner; `aboveReport` when it tops a report (the last good one, when a run failed).
    static func banner(_ status: PreviewStatus, aboveReport: Bool = true) -> String {
        let style = "font:14px/1.4 ui-monospace,monospace;padding:.6em 1em;margin:0 0 1em;border-radius:4px;"
        switch status.state {
        case .ready:
            return "<div id=\"labbook-preview\" data-state=\"ready\" hidden style=\"\(style)\"></div>"
        case .running:
            return "<div id=\"labbook-preview\" data-state=\"running\" style=\"\(style)background:#eef4ff;color:#123\">"
                + escape(runningText(status.running)) + "</div>"
        case .failed:
            let lines = status.errors.map { line -> String in
                guard let link = line.link else { return escape(line.text) }
                return "<a href=\"/\(escape(link))\" style=\"color:inherit\">\(escape(line.text))</a>"
            }
            return "<div id=\"labbook-preview\" data-state=\"failed\" style=\"\(style)background:#fff0f0;color:#600;"
                + "border:1px solid #d99\"><strong>The last run failed" + (aboveReport ? "; below is the last good report." : ".")
                + "</strong>"
                + "<pre style=\"white-space:pre-wrap;margin:.5em 0 0\">" + lines.joined(separator: "\n") + "</pre></div>"
        }
    }

    /// "Running x: step 2/6 `clean`…"
    static func runningText(_ step: PreviewStatus.RunningStep?) -> String {
        guard let step else { return "Running…" }
        return "Running \(step.experiment): step \(step.index)/\(step.count) `\(step.step)`…"
    }

    static func script(generation: Int) -> String {
        """
        <script id="labbook-preview-script">
        (function () {
          var shown = \(generation);
          var source = new EventSource("\(eventsPath)");
          function banner() { return document.getElementById("labbook-preview"); }
          source.addEventListener("hello", function (e) { if (Number(e.data) !== shown) location.reload(); });
          source.addEventListener("reload", function (e) { if (Number(e.data) !== shown) location.reload(); });
          function running(text) {
            var b = banner();
            if (!b) return;
            b.hidden = false;
            b.dataset.state = "running";
            b.style.background = "#eef4ff"; b.style.color = "#123"; b.style.border = "none";
            b.textContent = text;
          }
          source.addEventListener("running", function () { running("Running…"); });
          source.addEventListener("step", function (e) {
            var step = JSON.parse(e.data);
            running("Running " + step.experiment + ": step " + step.index + "/" + step.count + " `" + step.step + "`…");
          });
        })();
        </script>

        """
    }

    static func escape(_ text: String) -> String { HTMLWriter.escape(text) }
}
