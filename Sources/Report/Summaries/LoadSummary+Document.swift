import Support
import Results

extension StepSummary {
    /// The load step's summary: rows per source and file, rows per split, the join (match rate, matched rows,
    /// right duplicates dropped), the row filter, renames, missing values per column and target statistics.
    public static func load(_ s: LoadSummary) -> StepSummary {
        let n = NumberFormat.grouped
        var doc = Document()
        doc.paragraph("**\(n(s.rows)) rows × \(n(s.columns)) columns.**")
        doc.table(Table(header: ["source", "file", "rows", "skipped"], rows: s.sources.flatMap { source in
            source.files.map { [source.name, "`\($0.name)`", n($0.count), ""] }
                + (source.files.count > 1 || source.skippedRows > 0 ? [[source.name, "all", n(source.rows), n(source.skippedRows)]] : [])
        }, numeric: [2, 3], inlineMarkdown: true))
        if !s.splits.isEmpty {
            doc.table(Table(header: ["split", "rows"], rows: s.splits.map { [$0.name, n($0.count)] }, numeric: [1]))
        }
        if let join = s.join { doc.append(joinTables(join)) }
        if let filter = s.filter {
            doc.paragraph("Row filter (`where`, after the join): \(n(filter.rowsKept)) of \(n(filter.rowsBefore)) rows kept, "
                + "\(n(filter.rowsBefore - filter.rowsKept)) dropped.")
            doc.table(Table(header: ["column", "condition", "rows dropped"],
                            rows: filter.conditions.map { [$0.column, $0.condition, n($0.dropped)] }, numeric: [2]))
        }
        doc.warnings(s.warnings)
        if !s.renamed.isEmpty {
            doc.paragraph("Renamed: " + s.renamed.map { "`\($0.from)` → `\($0.to)`" }.joined(separator: ", ") + ".")
        }
        if !s.missing.isEmpty {
            doc.table(Table(header: ["column", "missing", "share"], rows: s.missing.map { m in
                [m.name, n(m.count), NumberFormat.percent(s.rows == 0 ? 0 : Double(m.count) / Double(s.rows))]
            }, numeric: [1, 2]))
        }
        if !s.targets.isEmpty { doc.append(targetTable(s.targets)) }
        return StepSummary(step: "load", title: "Data", id: "data", body: doc)
    }

    private static func joinTables(_ j: JoinSummary) -> Document {
        let n = NumberFormat.grouped
        var doc = Document()
        doc.table(Table(header: ["join", "how", "normalization", "matched", "match rate", "right duplicates dropped"], rows: [
            ["\(j.left) × \(j.right)", j.how, j.normalize.isEmpty ? "none" : j.normalize.joined(separator: ", "),
             "\(n(j.matchedRows)) of \(n(j.leftRows))", NumberFormat.percent(j.matchRate), n(j.rightDuplicateKeysDropped)],
        ], numeric: [3, 4, 5]))
        if let files = j.byFile, files.count > 1 {
            let splits = files.contains { $0.split != nil }
            doc.table(Table(header: ["\(j.left) file"] + (splits ? [j.splitColumn ?? "split"] : []) + ["matched", "match rate"],
                            rows: files.map { f in
                ["`\(f.file)`"] + (splits ? [f.split ?? ""] : []) + ["\(n(f.matchedRows)) of \(n(f.rows))", NumberFormat.percent(f.matchRate)]
            }, numeric: splits ? [2, 3] : [1, 2], inlineMarkdown: true))
        }
        return doc
    }

    private static func targetTable(_ targets: [TargetSummary]) -> Document {
        var doc = Document()
        let standardized = targets.contains { $0.standardizedBy != nil }
        doc.table(Table(header: ["target", "mean", "sd", "min", "max"] + (standardized ? ["standardized within"] : []), rows: targets.map { t in
            [t.name] + [t.mean, t.sd, t.min, t.max].map { NumberFormat.fixed($0, 3) } + (standardized ? [t.standardizedBy ?? "-"] : [])
        }, numeric: [1, 2, 3, 4]))
        if standardized {
            doc.paragraph("The statistics above are of the raw values. A target with a \"standardized within\" column is "
                + "z-scored within each group of that column for training and scoring (label normalization per group), with "
                + "each group's mean and sd fitted on the training rows of every fold; a group with no training rows is "
                + "standardized with its own mean and sd. Its r, R² and RMSE are on that scale.")
        }
        return doc
    }
}
