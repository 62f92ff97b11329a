/// Warnings in a step's output block: one Markdown quote line each, followed by a blank line.
enum WarningLines {
    static func markdown(_ warnings: [String]?) -> [String] {
        (warnings ?? []).flatMap { ["> **Warning:** \($0)", ""] }
    }
}
