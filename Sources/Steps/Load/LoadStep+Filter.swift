import Runner
import Config
import Foundation
import Frame
import Results

extension LoadStep {
    /// Applies `where:` to the joined table: the rows kept, their indices in `frame`, and the summary. An unknown
    /// column or a condition that cannot apply to its column is a `ConfigError` at the condition's key; a filter
    /// that keeps no row is an error too.
    static func filtered(_ frame: DataFrame, _ filter: RowFilterConfig) throws -> (DataFrame, [Int], RowFilterSummary) {
        let conditions = filter.conditions
        let result: (frame: DataFrame, rows: [Int], steps: [RowFilterStep])
        do {
            result = try frame.filteringRows(conditions.map { ($0.column, $0.condition) })
        } catch let error as RowFilterError {
            let c = conditions[error.condition]
            let path = frame[c.column] == nil ? "where.\(c.column)" : c.path
            throw ConfigError(path: path, "where: \(error.message)")
        }
        let summary = RowFilterSummary(
            rowsBefore: frame.rowCount, rowsKept: result.frame.rowCount,
            conditions: result.steps.map {
                RowFilterCondition(column: $0.column, condition: $0.condition.description, dropped: $0.dropped,
                                   unseen: $0.unseen.isEmpty ? nil : $0.unseen)
            })
        if result.frame.rowCount == 0, frame.rowCount > 0 {
            let detail = summary.conditions.map { "`\($0.column)` \($0.condition) dropped \($0.dropped)" }.joined(separator: ", ")
            throw ConfigError(path: "where", "where: no row passes (of \(frame.rowCount): \(detail)); check the values and the column names")
        }
        return (result.frame, result.rows, summary)
    }

    /// Matched rows per file of the left source: its files are stacked in order, so file i holds a contiguous
    /// block of left rows.
    static func matchesPerFile(_ left: SourceTable, splitColumn: String?, matched: [Bool]) -> [JoinFileSummary] {
        var start = 0
        return left.summary.files.map { file in
            let end = min(start + file.count, matched.count)
            let hits = matched[min(start, end)..<end].reduce(0) { $0 + ($1 ? 1 : 0) }
            start = end
            return JoinFileSummary(file: file.name, split: splitColumn == nil ? nil : SourceTable.stem(file.name),
                                   rows: file.count, matchedRows: hits)
        }
    }

    /// Uneven join match rates between the left files, and `where` values that no row holds.
    static func warnings(_ summary: LoadSummary) -> [String] {
        var out: [String] = []
        if let join = summary.join, let (lo, hi) = join.unevenFileMatches() {
            out.append("join match rates differ between files (\(percent(lo.matchRate)) for `\(lo.file)`, "
                + "\(percent(hi.matchRate)) for `\(hi.file)`): the \(join.right) columns are missing for unmatched rows, "
                + "so those features cover the files unevenly")
        }
        for c in summary.filter?.conditions ?? [] {
            guard let unseen = c.unseen else { continue }
            out.append("no row has `\(c.column)` " + unseen.map { "`\($0)`" }.joined(separator: ", ")
                + " (listed in `where`): check the spelling, or trim spaces with `trim_whitespace: true`")
        }
        return out
    }

    private static func percent(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }
}
