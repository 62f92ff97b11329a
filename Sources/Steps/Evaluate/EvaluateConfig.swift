import Config
import Runner

/// How rows are split into training and test sets.
public enum ProtocolKind: String, ConfigEnum {
    /// Random k-fold (shuffled with the run's seed).
    case kfold
    /// k-fold with every value of `column` (e.g. the artist) in exactly one fold.
    case groupKFold = "group_kfold"
    /// A split given by a column: rows whose value is in `train` fit, rows in `test` score.
    case predefined
    /// One fold per value of `column` (scikit-learn's `LeaveOneGroupOut`): each group is scored by a model
    /// fitted on all the other groups.
    case leaveOneGroupOut = "leave_one_group_out"
}

/// One evaluation protocol.
public struct ProtocolConfig: Decodable, Sendable {
    public var name: String
    public var kind: ProtocolKind
    public var folds: Int
    public var column: String?
    public var train: [String]
    public var test: [String]
    /// Metrics per group of this column as well as pooled (`metrics_by`).
    public var metricsBy: String?

    enum CodingKeys: String, CodingKey { case kind, folds, column, train, test, metricsBy = "metrics_by" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = decoder.codingPath.last?.stringValue ?? "protocol"
        kind = try c.decode(ProtocolKind.self, forKey: .kind)
        folds = try c.decodeIfPresent(Int.self, forKey: .folds) ?? 5
        column = try c.decodeIfPresent(String.self, forKey: .column)
        train = try c.decodeIfPresent([String].self, forKey: .train) ?? ["train", "validation"]
        test = try c.decodeIfPresent([String].self, forKey: .test) ?? ["test"]
        metricsBy = try c.decodeIfPresent(String.self, forKey: .metricsBy)
    }

    /// The column whose groups get their own metrics: `metrics_by`, else a leave-one-group-out protocol's column.
    public var groupMetricsColumn: String? { metricsBy ?? (kind == .leaveOneGroupOut ? column : nil) }

    /// One line for people, e.g. "5-fold grouped by artist_name".
    public var description: String {
        switch kind {
        case .kfold: "\(folds)-fold, rows shuffled at random"
        case .groupKFold: "\(folds)-fold, grouped by \(column ?? "?")"
        case .predefined:
            "fit on \(column ?? "?") ∈ {\(train.joined(separator: ", "))}, score on {\(test.joined(separator: ", "))}"
        case .leaveOneGroupOut: "one fold per \(column ?? "?") value, each scored by a model fitted on the others"
        }
    }
}

/// The `evaluate` step: protocols, benchmark and bootstrap.
///
/// ```yaml evaluate
/// protocols:
///   random: {kind: kfold, folds: 5}
///   by_artist: {kind: group_kfold, folds: 5, column: artist_name}
///   official: {kind: predefined, column: split, train: [train, validation], test: [test]}
///   by_corpus: {kind: leave_one_group_out, column: dataset}   # metrics per corpus too
/// headline: official             # the protocol of the Models section, the saved model and the index (default: the first)
/// benchmark: 0.4                 # optional: the Pearson r to beat
/// bootstrap: 1000
/// ```
public struct EvaluateConfig: Decodable, Sendable {
    public let protocols: [ProtocolConfig]
    /// The Pearson r to beat, when the study has one.
    public let benchmark: Double?
    /// Bootstrap resamples for confidence intervals and paired comparisons.
    public let bootstrap: Int
    /// The protocol named by `headline:`, else nil (the first protocol leads).
    public let headline: String?

    enum CodingKeys: String, CodingKey { case protocols, benchmark, bootstrap, headline }

    /// The protocol that drives the Models section, the saved model, the index and the discussion's lead.
    public var headlineProtocol: ProtocolConfig? {
        headline.flatMap { name in protocols.first { $0.name == name } } ?? protocols.first
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let p = try c.nestedContainer(keyedBy: NameKey.self, forKey: .protocols)
        protocols = try p.allKeys.map { try p.decode(ProtocolConfig.self, forKey: $0) }
        benchmark = try c.decodeIfPresent(Double.self, forKey: .benchmark)
        bootstrap = try c.decodeIfPresent(Int.self, forKey: .bootstrap) ?? 1000
        headline = try c.decodeIfPresent(String.self, forKey: .headline)
    }
}
