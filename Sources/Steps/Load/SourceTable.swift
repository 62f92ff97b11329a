import Runner
import Config
import Foundation
import Frame
import Results

/// One source read from its files: the stacked frame and what was read.
struct SourceTable {
    var frame: DataFrame
    /// Paths as configured.
    var files: [String]
    var urls: [URL]
    var summary: SourceSummary

    /// The file name without directory and extension: `deezer/train.csv` → `train`.
    static func stem(_ path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return last }
        return String(last[..<dot])
    }

    /// Reads every file of `source`; when their inferred kinds disagree for a column, rereads it as text
    /// (or as the configured kind) so the files can be stacked.
    static func read(name: String, _ source: SourceConfig, resolve: (String) throws -> URL) throws -> SourceTable {
        let urls = try source.files.map(resolve)
        var options = CSVOptions(types: source.types, raggedRows: source.raggedRows, trimWhitespace: source.trimWhitespace)
        var tables = try zip(urls, source.files).map { try CSVReader.read($0, path: $1, options: options) }
        if let first = tables.first {
            var widen: [String: ColumnKind] = [:]
            for (name, column) in zip(first.frame.names, first.frame.columns) where source.types[name] == nil {
                if tables.contains(where: { $0.frame[name].map { $0.kindName != column.kindName } ?? false }) { widen[name] = .text }
            }
            if !widen.isEmpty {
                options.types.merge(widen) { a, _ in a }
                tables = try zip(urls, source.files).map { try CSVReader.read($0, path: $1, options: options) }
            }
        }
        let frame: DataFrame
        do {
            let stems = source.files.map(stem)
            if source.splitColumn != nil && Set(stems).count != stems.count {
                throw ConfigError(path: "sources.\(name).files", "source `\(name)`: files must have distinct names to label splits (\(stems.joined(separator: ", ")))")
            }
            frame = try DataFrame.concatenated(tables.map(\.frame), sourceColumn: source.splitColumn,
                                               labels: source.splitColumn == nil ? [] : stems)
        } catch let error as ConcatError {
            throw DataFileError(path: source.files[indexOfDifference(error)], line: 1, message: "cannot stack with \(source.files[0]): \(error)")
        } catch let error as FrameError {
            throw ConfigError(path: "sources.\(name)", "source `\(name)`: \(error)")
        }
        let summary = SourceSummary(
            name: name, files: zip(source.files, tables).map { NamedCount(name: $0, count: $1.frame.rowCount) },
            rows: frame.rowCount, skippedRows: tables.reduce(0) { $0 + $1.skippedLines.count })
        return SourceTable(frame: frame, files: source.files, urls: urls, summary: summary)
    }

    private static func indexOfDifference(_ error: ConcatError) -> Int {
        if case .differentColumns(let i, _, _) = error { return i }
        return 0
    }
}
