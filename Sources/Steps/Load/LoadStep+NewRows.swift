import Foundation
import Frame
import Runner

extension LoadStep {
    /// New rows (e.g. for `labbook predict`) read as the configuration's left source and given the same join and
    /// renames as in training; targets absent from the input are added as missing values first, so clashing right-side
    /// columns get the same suffix. Returns the input as read and the joined, renamed table.
    public static func newRows(_ input: URL, config: LoadConfig, targets: [String],
                               resolve: (String) throws -> URL) throws -> (input: DataFrame, joined: DataFrame) {
        guard let leftName = config.join?.left ?? config.sourceOrder.first, let left = config.sources[leftName] else {
            throw RunError("the saved load configuration has no sources")
        }
        let inputSource = SourceConfig(files: [input.path], types: left.types, raggedRows: left.raggedRows,
                                       trimWhitespace: left.trimWhitespace)
        let inputTable = try SourceTable.read(name: "input", inputSource, resolve: { path in
            guard FileManager.default.fileExists(atPath: path) else { throw RunError("input file not found: \(path)") }
            return URL(fileURLWithPath: path)
        })
        var frame = inputTable.frame
        for target in targets where frame.index(of: target) == nil && !config.rename.values.contains(target) {
            try frame.append(target, .numeric([Double](repeating: .nan, count: frame.rowCount)))
        }
        if let join = config.join, let right = config.sources[join.right] {
            let missingKeys = join.on.map(\.left).filter { frame.index(of: $0) == nil }
            guard missingKeys.isEmpty else {
                throw RunError("the input has no \(missingKeys.map { "`\($0)`" }.joined(separator: ", ")) column, needed to join "
                               + "it to `\(right.files.joined(separator: ", "))` (input columns: "
                               + "\(inputTable.frame.names.joined(separator: ", ")))")
            }
            let table = try SourceTable.read(name: join.right, right, resolve: resolve)
            let options = JoinOptions(keys: join.on, kind: .left, normalization: Set(join.normalize),
                                      suffix: join.effectiveSuffix, indicator: join.indicator)
            var withInput = inputTable
            withInput.frame = frame
            frame = try joined(withInput, table, options).0
        }
        let present = config.rename.filter { frame.index(of: $0.key) != nil }
        return (inputTable.frame, try renaming(frame, present))
    }
}
