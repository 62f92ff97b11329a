/// Warnings in a step's output block: one Markdown quote line each, followed by a blank line.
public enum WarningLines {
    public static func markdown(_ warnings: [String]?) -> [String] {
        (warnings ?? []).flatMap { ["> **Warning:** \($0)", ""] }
    }
}
