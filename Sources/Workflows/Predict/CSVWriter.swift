import Steps
import Runner
import Config
import Foundation
import Frame

/// Writes a data frame as RFC 4180 CSV: numbers in their shortest exact form (integers without `.0`),
/// missing values empty, lists as `[a; b]`, fields quoted when they hold a comma, a quote or a line break.
public enum CSVWriter {
    public static func text(_ frame: DataFrame) -> String {
        var lines = [frame.names.map(field).joined(separator: ",")]
        lines.reserveCapacity(frame.rowCount + 1)
        for row in 0..<frame.rowCount {
            lines.append(frame.columns.map { field(cell($0, row)) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cell(_ column: Column, _ row: Int) -> String {
        switch column {
        case .numeric(let values):
            let v = values[row]
            guard !v.isNaN else { return "" }
            if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
            return "\(v)"
        case .text(let values):
            return values[row] ?? ""
        case .list(let values):
            return values[row].map { "[" + $0.joined(separator: "; ") + "]" } ?? ""
        }
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
