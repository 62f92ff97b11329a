import Foundation
import Frame

/// What `labbook new` needs to know of a CSV to fill its template: the columns by role, guessed from
/// the first rows (numeric columns are features except the last, the guessed target; text columns with
/// few distinct values are categories; the others, and whole numbers that differ on every row, i.e.
/// identifiers, are left out).
struct DataColumns {
    /// The file, relative to the data root, as the load step names it.
    let file: String
    let numeric: [String]
    /// Text columns with few distinct values, with their number of distinct values.
    let categorical: [(name: String, levels: Int)]
    /// Text columns with many distinct values (identifiers, free text): kept as text, not features.
    let identifiers: [String]

    /// The column the template predicts: the last numeric one.
    var target: String? { numeric.last }
    var features: [String] { Array(numeric.dropLast()) }

    /// How many rows are read to guess the roles.
    static let sampleRows = 500

    static func read(file url: URL, path: String) throws -> DataColumns {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let head = try handle.read(upToCount: 1 << 20) ?? Data()
        // Whole lines only: cut after the last line break of the first megabyte.
        let text = String(decoding: head, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let complete = head.count < 1 << 20 ? lines : lines.dropLast()
        return try read(text: complete.prefix(sampleRows + 1).joined(separator: "\n"), path: path)
    }

    static func read(text: String, path: String) throws -> DataColumns {
        let frame = try CSVReader.parse(text: text, path: path, options: CSVOptions(raggedRows: .skip)).frame
        var numeric: [String] = [], categorical: [(String, Int)] = [], identifiers: [String] = []
        for (name, column) in zip(frame.names, frame.columns) {
            switch column {
            case .numeric(let values):
                let present = values.filter { !$0.isNaN }
                let identifier = present.count >= 20 && present.allSatisfy { $0 == $0.rounded() }
                    && Set(present).count == present.count
                if identifier { identifiers.append(name) } else { numeric.append(name) }
            case .text(let values):
                let levels = Set(values.compactMap { $0 }).count
                if levels >= 2, levels <= 20, levels * 2 <= values.count { categorical.append((name, levels)) }
                else { identifiers.append(name) }
            case .list: identifiers.append(name)
            }
        }
        return DataColumns(file: path, numeric: numeric, categorical: categorical, identifiers: identifiers)
    }
}
