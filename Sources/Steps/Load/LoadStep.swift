import Runner
import Config
import Foundation
import Frame
import Results

/// What the load step produced.
public struct LoadResult: Sendable {
    public var frame: DataFrame
    public var summary: LoadSummary
    /// Every data file read, in reading order.
    public var filesRead: [URL]
    /// Rows without a join match (empty without a join).
    public var unmatchedRows: [Int] = []
}

/// The `load` step: read each source's CSV files (stacking several with a split column), join the two sources,
/// select and rename columns, and summarize (rows per source and split, join match rate, missing values, targets).
public enum LoadStep {
    /// Validates names and references without reading data.
    public static func check(_ config: LoadConfig) throws {
        if config.sources.isEmpty { throw ConfigError(path: "sources", "declare at least one source under `sources`") }
        for (name, source) in config.sources {
            if source.files.isEmpty { throw ConfigError(path: "sources.\(name)", "source `\(name)` lists no files") }
            if Set(source.files).count != source.files.count { throw ConfigError(path: "sources.\(name).files", "source `\(name)` lists a file twice: list each file once") }
            if let split = source.splitColumn, split.isEmpty { throw ConfigError(path: "sources.\(name).split_column", "source `\(name)`: `split_column` is empty: name the new column or remove the key") }
        }
        if let join = config.join {
            for (key, side) in [("left", join.left), ("right", join.right)] where config.sources[side] == nil {
                throw ConfigError(path: "join.\(key)", "join refers to `\(side)`, which is not a source (sources: \(config.sources.keys.sorted().joined(separator: ", ")))")
            }
            if join.left == join.right { throw ConfigError(path: "join.right", "join `left` and `right` are both `\(join.left)`") }
            if join.on.isEmpty { throw ConfigError(path: "join.on", "join needs key columns in `on`") }
            if join.suffix?.isEmpty == true { throw ConfigError(path: "join.suffix", "join `suffix` is empty: clashing names would collide") }
            if let unused = config.sources.keys.sorted().first(where: { $0 != join.left && $0 != join.right }) {
                throw ConfigError(path: "sources.\(unused)", "source `\(unused)` is not used by the join (a load step joins two sources)")
            }
        } else if config.sources.count > 1 {
            throw ConfigError(path: "sources", "\(config.sources.count) sources but no `join`: say how to combine them")
        }
        if let select = config.select, Set(select).count != select.count { throw ConfigError(path: "select", "`select` names a column twice") }
        if Set(config.rename.values).count != config.rename.count { throw ConfigError(path: "rename", "`rename` gives two columns the same name") }
        if config.targets.isEmpty { throw ConfigError(path: "targets", "declare the target columns in `targets`, e.g. `targets: [COLUMN]`") }
        if Set(config.targets).count != config.targets.count { throw ConfigError(path: "targets", "`targets` names a column twice") }
        try config.filter?.check()
        for (index, spec) in config.targetSpecs.enumerated() {
            if spec.name.isEmpty { throw ConfigError(path: "targets[\(index)]", "a target has an empty `name`") }
            if let by = spec.standardize?.by {
                if by.isEmpty { throw ConfigError(path: "targets[\(index)].standardize.by", "target `\(spec.name)`: `standardize.by` is empty: name a column") }
                if config.targets.contains(by) {
                    throw ConfigError(path: "targets[\(index)].standardize.by", "target `\(spec.name)` is standardized within groups of `\(by)`, which is a target")
                }
            }
        }
    }

    /// Runs the step. `resolve` maps a configured path to a URL (and throws when the file does not exist).
    public static func execute(_ config: LoadConfig, resolve: (String) throws -> URL) throws -> LoadResult {
        try check(config)
        var tables: [String: SourceTable] = [:]
        var filesRead: [URL] = []
        for name in config.sourceOrder {
            guard let source = config.sources[name] else { continue }
            let table = try SourceTable.read(name: name, source, resolve: resolve)
            filesRead += table.urls
            tables[name] = table
        }
        var frame: DataFrame
        var origin: [String: String] = [:]  // column → first file of its source, for error locations
        var joinSummary: JoinSummary?
        var renamed: [Rename] = []
        var unmatched: [Int] = []
        if let join = config.join, let left = tables[join.left], let right = tables[join.right] {
            let options = JoinOptions(keys: join.on, kind: join.how, normalization: Set(join.normalize),
                                      suffix: join.effectiveSuffix, indicator: join.indicator)
            let (joined, report) = try joined(left, right, options)
            if report.matchedRows == 0, report.leftRows > 0 {
                throw ConfigError(path: "join.on", "the join of `\(join.left)` and `\(join.right)` matched none of the \(report.leftRows) "
                    + "rows: check the key columns in `on` and the `normalize` rules")
            }
            frame = joined
            unmatched = report.unmatchedRows
            for n in right.frame.names { origin[n] = right.files.first }
            for r in report.renamed { origin[r.to] = right.files.first }
            for n in left.frame.names { origin[n] = left.files.first }
            renamed += report.renamed.map { Rename(from: $0.from, to: $0.to) }
            joinSummary = JoinSummary(left: join.left, right: join.right, how: join.how.rawValue,
                                      normalize: KeyNormalization.allCases.filter(options.normalization.contains).map(\.rawValue),
                                      leftRows: report.leftRows, matchedRows: report.matchedRows,
                                      matchRate: report.leftRows == 0 ? 0 : Double(report.matchedRows) / Double(report.leftRows),
                                      rightDuplicateKeysDropped: report.rightDuplicatesDropped)
            let splitColumn = config.sources[join.left]?.splitColumn
            joinSummary?.byFile = matchesPerFile(left, splitColumn: splitColumn, matched: report.leftMatched)
            joinSummary?.splitColumn = splitColumn
        } else if let only = config.sourceOrder.first, let table = tables[only] {
            frame = table.frame
            for n in frame.names { origin[n] = table.files.first }
        } else {
            throw ConfigError(path: "sources", "declare at least one source under `sources`")
        }
        var filterSummary: RowFilterSummary?
        if let filter = config.filter {
            let (kept, rows, summary) = try filtered(frame, filter)
            frame = kept
            filterSummary = summary
            // Row indices change: the unmatched rows are renumbered among the rows kept.
            let position = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0) })
            unmatched = unmatched.compactMap { position[$0] }
        }
        let splits = splitCounts(config, tables, frame)
        if let select = config.select {
            frame = try columns(select, of: frame, what: "select")
        }
        for (old, new) in config.rename.sorted(by: { $0.key < $1.key }) {
            guard frame.index(of: old) != nil else { throw ConfigError(path: "rename.\(old)", "rename: no column `\(old)` (columns: \(frame.names.joined(separator: ", ")))") }
            renamed.append(Rename(from: old, to: new))
        }
        frame = try renaming(frame, config.rename)
        for (old, new) in config.rename { origin[new] = origin[old] }
        if let join = config.join, let left = tables[join.left] { try requireTargetsFromLeft(config, join: join, left: left.frame) }
        var targets = try targetSummaries(config.targets, frame, origin: origin)
        for (t, by) in config.standardizedBy.enumerated() { targets[t].standardizedBy = by }
        for (index, by) in config.standardizedBy.enumerated() {
            guard let column = by, frame.index(of: column) == nil else { continue }
            throw ConfigError(path: "targets[\(index)].standardize.by", "`standardize.by` names `\(column)`, which is not a column (columns: \(frame.names.joined(separator: ", ")))")
        }
        var summary = LoadSummary(
            sources: config.sourceOrder.compactMap { tables[$0]?.summary }, splits: splits,
            rows: frame.rowCount, columns: frame.columnCount, join: joinSummary,
            missing: zip(frame.names, frame.columns).compactMap { n, c in
                let m = c.missingCount
                return m > 0 ? NamedCount(name: n, count: m) : nil
            },
            targets: targets, renamed: renamed)
        summary.filter = filterSummary
        let warnings = warnings(summary)
        summary.warnings = warnings.isEmpty ? nil : warnings
        return LoadResult(frame: frame, summary: summary, filesRead: filesRead, unmatchedRows: unmatched)
    }

    /// A target must be a column of the left table: a same-named column of the right table describes the
    /// matched row of the other source (e.g. an artist's own valence), never the row's label.
    private static func requireTargetsFromLeft(_ config: LoadConfig, join: JoinConfig, left: DataFrame) throws {
        let original = Dictionary(config.rename.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        let leftNames = Set(left.names)
        for (index, target) in config.targets.enumerated() {
            let name = original[target] ?? target
            guard !leftNames.contains(name) else { continue }
            throw ConfigError(path: "targets[\(index)]", "target `\(target)` is not a column of `\(join.left)`, the left table of the join "
                + "(looked for `\(name)` in \(config.sources[join.left]?.files.joined(separator: ", ") ?? join.left)): "
                + "targets are read from the left table, never from `\(join.right)`")
        }
    }

    static func joined(_ left: SourceTable, _ right: SourceTable, _ options: JoinOptions) throws -> (DataFrame, JoinReport) {
        do {
            return try left.frame.joined(with: right.frame, options: options)
        } catch let error as FrameError {
            throw ConfigError(path: "join", "join: \(error)")
        }
    }

    private static func columns(_ names: [String], of frame: DataFrame, what: String) throws -> DataFrame {
        var out = DataFrame()
        for (index, name) in names.enumerated() {
            guard let column = frame[name] else {
                throw ConfigError(path: "\(what)[\(index)]", "\(what): no column `\(name)` (columns: \(frame.names.joined(separator: ", ")))")
            }
            try out.append(name, column)
        }
        return out
    }

    /// Applies all renames at once (so `{a: b, b: a}` swaps), refusing to create duplicate names.
    static func renaming(_ frame: DataFrame, _ rename: [String: String]) throws -> DataFrame {
        if rename.isEmpty { return frame }
        let newNames = frame.names.map { rename[$0] ?? $0 }
        if Set(newNames).count != newNames.count {
            throw ConfigError(path: "rename", "rename would give two columns the same name (after renaming: \(newNames.joined(separator: ", ")))")
        }
        return try DataFrame(Array(zip(newNames, frame.columns)))
    }

    /// Rows per split value in file order, counted in `frame` (after the join and the row filter).
    private static func splitCounts(_ config: LoadConfig, _ tables: [String: SourceTable], _ frame: DataFrame) -> [NamedCount] {
        for name in config.sourceOrder {
            guard let source = config.sources[name], let split = source.splitColumn, let table = tables[name],
                  let labels = try? frame.text(split) else { continue }
            var counts: [String: Int] = [:]
            for label in labels { if let label { counts[label, default: 0] += 1 } }
            return table.files.map { let stem = SourceTable.stem($0); return NamedCount(name: stem, count: counts[stem] ?? 0) }
        }
        return []
    }

    private static func targetSummaries(_ names: [String], _ frame: DataFrame, origin: [String: String]) throws -> [TargetSummary] {
        try names.enumerated().map { index, name in
            guard let column = frame[name] else {
                throw ConfigError(path: "targets[\(index)]", "target `\(name)` is not a column (columns: \(frame.names.joined(separator: ", ")))")
            }
            guard case .numeric(let values) = column else {
                throw DataFileError(path: origin[name] ?? "<data>", line: 1,
                                    message: "target column `\(name)` is \(column.kindName), not numeric")
            }
            let present = values.filter { !$0.isNaN }
            guard let lo = present.min(), let hi = present.max() else {
                throw DataFileError(path: origin[name] ?? "<data>", line: 1, message: "target column `\(name)` has no values (all missing)")
            }
            let mean = present.reduce(0, +) / Double(present.count)
            let ss = present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            let sd = present.count > 1 ? (ss / Double(present.count - 1)).squareRoot() : 0
            return TargetSummary(name: name, mean: mean, sd: sd, min: lo, max: hi)
        }
    }
}
