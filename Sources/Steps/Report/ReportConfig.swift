import Runner
import Config
import Results

/// The `report` step: options for the rendered report.
///
/// ```yaml report
/// compare_with: va-regression   # another experiment whose saved results the discussion compares against
/// entity: songs                  # what one row is, in the plural (default: labbook.yml's `entity`, else rows)
/// affect_plane: {valence: valence, arousal: arousal, center: [0, 0]}   # draw the circumplex plot of these targets
/// ```
public struct ReportConfig: Decodable, Sendable {
    /// The name of another experiment (its `reports/NAME.results.json` is read).
    public var compareWith: String?
    /// The plural noun for one row in the report's words, e.g. `songs`.
    public var entity: String?
    /// Two targets declared as valence and arousal: only then is the affect-plane plot drawn.
    public var affectPlane: AffectPlaneConfig?

    enum CodingKeys: String, CodingKey { case compareWith = "compare_with", entity, affectPlane = "affect_plane" }
}

/// `report.affect_plane`: the valence and arousal target columns and the neutral point between the quadrants.
public struct AffectPlaneConfig: Decodable, Sendable {
    public var valence: String
    public var arousal: String
    public var center: [Double]

    enum CodingKeys: String, CodingKey { case valence, arousal, center }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        valence = try c.decode(String.self, forKey: .valence)
        arousal = try c.decode(String.self, forKey: .arousal)
        center = try c.decodeIfPresent([Double].self, forKey: .center) ?? [0, 0]
    }
}
