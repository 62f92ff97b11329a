import Runner
import Config
import Frame

/// The `load` step's configuration (a ```yaml load block):
///
/// ```yaml
/// sources:
///   songs:
///     files: [deezer/train.csv, deezer/validation.csv, deezer/test.csv]  # or `file:` for one file
///     split_column: split        # optional: new text column holding each row's file stem
///     types: {dzr_sng_id: text}  # optional kind overrides: numeric | text | list
///     ragged_rows: error         # error (default) | skip (dropped and counted)
///     trim_whitespace: false     # optional: strip spaces/tabs around text fields
///   artists:
///     file: spotify/artists.csv
///     types: {genres: list}
/// join:                          # required when there are two sources
///   left: songs
///   right: artists
///   on: [artist_name, artists]   # one pair [left, right]; several: [[l1, r1], [l2, r2]]; same name: key
///   how: left                    # left (default) | inner
///   normalize: [case, accents, punctuation, leading-the, whitespace]
///   suffix: _spotify             # default: `_` + the right source's name
///   indicator: artist_matched    # optional 1/0 column
/// where: {Genre: {in: [Rock, Pop]}}  # optional row filter after the join (see `RowFilterConfig`)
/// select: [a, b]                 # optional, applied after the join, before `rename`
/// rename: {old: new}             # optional, applied last
/// targets: [valence, arousal]    # numeric columns to predict (final names); a target may carry options:
///                                # [{name: valence, standardize: {by: dataset}}, arousal]
/// ```
public struct LoadConfig: Decodable, Sendable, Equatable {
    public var sources: [String: SourceConfig]
    public var join: JoinConfig?
    /// `where:`: rows kept after the join.
    public var filter: RowFilterConfig?
    public var select: [String]?
    public var rename: [String: String]
    /// The targets with their options, in file order.
    public var targetSpecs: [TargetSpec]
    /// The target column names, in file order.
    public var targets: [String] { targetSpecs.map(\.name) }

    public init(sources: [String: SourceConfig], join: JoinConfig? = nil, filter: RowFilterConfig? = nil,
                select: [String]? = nil, rename: [String: String] = [:], targets: [String] = []) {
        self.sources = sources
        self.join = join
        self.filter = filter
        self.select = select
        self.rename = rename
        self.targetSpecs = targets.map { TargetSpec(name: $0) }
    }

    enum CodingKeys: String, CodingKey { case sources, join, filter = "where", select, rename, targets }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sources = try c.decode([String: SourceConfig].self, forKey: .sources)
        join = try c.decodeIfPresent(JoinConfig.self, forKey: .join)
        filter = try c.decodeIfPresent(RowFilterConfig.self, forKey: .filter)
        select = try c.decodeIfPresent([String].self, forKey: .select)
        rename = try c.decodeIfPresent([String: String].self, forKey: .rename) ?? [:]
        targetSpecs = try c.decodeIfPresent([TargetSpec].self, forKey: .targets) ?? []
    }

    /// Per target (in `targets` order): the column it is standardized within, or nil.
    public var standardizedBy: [String?] { targetSpecs.map { $0.standardize?.by } }

    /// Columns that group rows by design: each stacked source's `split_column` and each `standardize.by`
    /// column (the evaluation checks whether the pooled r is driven by differences between their groups).
    public var groupColumns: [String] {
        var out: [String] = []
        let split = sourceOrder.compactMap { sources[$0]?.splitColumn }.map { rename[$0] ?? $0 }
        for column in split + targetSpecs.compactMap(\.standardize?.by) where !out.contains(column) { out.append(column) }
        return out
    }

    /// Source names in a stable order: the join's left, its right, then the others by name.
    public var sourceOrder: [String] {
        let first = [join?.left, join?.right].compactMap { $0 }.filter { sources[$0] != nil }
        return first + sources.keys.filter { !first.contains($0) }.sorted()
    }
}

/// One target: a column name, or `{name: COLUMN, standardize: {by: GROUP_COLUMN}}` to z-score the target
/// within each group of `GROUP_COLUMN` (label normalization per group, e.g. per corpus). The group means and
/// standard deviations are fitted on each fold's training rows only.
public struct TargetSpec: Decodable, Sendable, Equatable {
    public var name: String
    public var standardize: Standardize?

    public struct Standardize: Decodable, Sendable, Equatable {
        /// The column whose groups are standardized separately.
        public var by: String
        public init(by: String) { self.by = by }
        enum CodingKeys: String, CodingKey, CaseIterable { case by }
    }

    public init(name: String, standardize: Standardize? = nil) {
        self.name = name
        self.standardize = standardize
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, standardize }

    public init(from decoder: Decoder) throws {
        if let plain = try? decoder.singleValueContainer().decode(String.self) {
            self.init(name: plain)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name),
                  standardize: try c.decodeIfPresent(Standardize.self, forKey: .standardize))
    }
}

/// One table: one file, or several files with the same columns stacked in the order given.
public struct SourceConfig: Decodable, Sendable, Equatable {
    /// Paths relative to the data root (`file:` is a one-element `files:`).
    public var files: [String]
    /// When set, a text column of this name records each row's file stem (e.g. train / validation / test).
    public var splitColumn: String?
    public var types: [String: ColumnKind]
    public var raggedRows: RaggedRows
    public var trimWhitespace: Bool

    public init(files: [String], splitColumn: String? = nil, types: [String: ColumnKind] = [:],
                raggedRows: RaggedRows = .error, trimWhitespace: Bool = false) {
        self.files = files
        self.splitColumn = splitColumn
        self.types = types
        self.raggedRows = raggedRows
        self.trimWhitespace = trimWhitespace
    }

    enum CodingKeys: String, CodingKey {
        case file, files, types
        case splitColumn = "split_column", raggedRows = "ragged_rows", trimWhitespace = "trim_whitespace"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let one = try c.decodeIfPresent(String.self, forKey: .file)
        let many = try c.decodeIfPresent([String].self, forKey: .files)
        switch (one, many) {
        case (let f?, nil): files = [f]
        case (nil, let fs?): files = fs
        case (_?, _?): throw invalid(c, .files, "a source has both `file` and `files`: give one")
        case (nil, nil): throw invalid(c, nil, "a source needs `file: PATH` or `files: [PATH, ...]`")
        }
        for (index, path) in files.enumerated() {
            guard let problem = DataRoot.problem(with: path) else { continue }
            let key: [CodingKey] = one != nil ? [CodingKeys.file] : [CodingKeys.files, IndexKey(index)]
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + key, debugDescription: problem))
        }
        splitColumn = try c.decodeIfPresent(String.self, forKey: .splitColumn)
        types = try c.decodeIfPresent([String: ColumnKind].self, forKey: .types) ?? [:]
        raggedRows = try c.decodeIfPresent(RaggedRows.self, forKey: .raggedRows) ?? .error
        trimWhitespace = try c.decodeIfPresent(Bool.self, forKey: .trimWhitespace) ?? false
    }
}

/// How the two sources are joined.
public struct JoinConfig: Decodable, Sendable, Equatable {
    public var left: String
    public var right: String
    public var on: [JoinKey]
    public var how: JoinKind
    public var normalize: [KeyNormalization]
    /// Suffix for right-side columns whose names clash with left ones; nil means `_` + `right`.
    public var suffix: String?
    public var indicator: String?

    public init(left: String, right: String, on: [JoinKey], how: JoinKind = .left,
                normalize: [KeyNormalization] = [], suffix: String? = nil, indicator: String? = nil) {
        self.left = left
        self.right = right
        self.on = on
        self.how = how
        self.normalize = normalize
        self.suffix = suffix
        self.indicator = indicator
    }

    enum CodingKeys: String, CodingKey { case left, right, on, how, normalize, suffix, indicator }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        left = try c.decode(String.self, forKey: .left)
        right = try c.decode(String.self, forKey: .right)
        if let same = try? c.decode(String.self, forKey: .on) {
            on = [JoinKey(left: same, right: same)]
        } else if let pair = try? c.decode([String].self, forKey: .on) {
            guard pair.count == 2 else {
                throw invalid(c, .on, "join `on` must be [left_key, right_key], [[l1, r1], [l2, r2]] or one shared name; got \(pair.count) names")
            }
            on = [JoinKey(left: pair[0], right: pair[1])]
        } else {
            let pairs = try c.decode([[String]].self, forKey: .on)
            on = try pairs.map { p in
                guard p.count == 2 else { throw invalid(c, .on, "each pair in join `on` must be [left_key, right_key]") }
                return JoinKey(left: p[0], right: p[1])
            }
        }
        how = try c.decodeIfPresent(JoinKind.self, forKey: .how) ?? .left
        normalize = try c.decodeIfPresent([KeyNormalization].self, forKey: .normalize) ?? []
        suffix = try c.decodeIfPresent(String.self, forKey: .suffix)
        indicator = try c.decodeIfPresent(String.self, forKey: .indicator)
    }

    /// The suffix actually used.
    public var effectiveSuffix: String { suffix ?? "_\(right)" }
}

/// A mistake in the block's shape, at `key` of the container (or at the container itself when nil): the decoder
/// turns it into a `PATH:LINE:COL: error:` line at that key.
private func invalid<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key?, _ message: String) -> DecodingError {
    .dataCorrupted(.init(codingPath: container.codingPath + [key].compactMap { $0 }, debugDescription: message))
}
