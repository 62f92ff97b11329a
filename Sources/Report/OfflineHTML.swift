import Foundation

/// Keeps rendered author prose offline: cmark turns `![alt](https://…)` into an `<img>` the browser would fetch;
/// such images become plain links (`<a href="…">alt</a>`), so opening a report never loads anything from the network.
/// (Raw HTML in the prose, including `<script>`, is already dropped by cmark's safe mode.)
enum OfflineHTML {
    private static let remoteImage = try? NSRegularExpression(
        pattern: "<img src=\"((?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)[^\"]*)\" alt=\"([^\"]*)\"(?: title=\"[^\"]*\")? />")

    static func neutralizeRemoteImages(_ html: String) -> String {
        guard let remoteImage, html.contains("<img") else { return html }
        let range = NSRange(html.startIndex..., in: html)
        return remoteImage.stringByReplacingMatches(in: html, range: range, withTemplate: "<a href=\"$1\">[image: $2]</a>")
    }
}
