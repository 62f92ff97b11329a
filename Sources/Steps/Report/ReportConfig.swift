/// The `report` step: options for the rendered report.
///
/// ```yaml report
/// compare_with: va-regression   # another experiment whose saved results the discussion compares against
/// ```
public struct ReportConfig: Decodable, Sendable {
    /// The name of another experiment (its `reports/NAME.results.json` is read).
    public var compareWith: String?

    enum CodingKeys: String, CodingKey { case compareWith = "compare_with" }
}
