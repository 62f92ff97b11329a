extension DataFrame {
    /// Stacks frames with the same columns (in any order; the first frame's order is kept).
    ///
    /// Each column must have the same kind in every frame. With `sourceColumn`, a text column of that name records
    /// `labels[i]` for the rows of `frames[i]` (e.g. the split a file stands for: train / validation / test).
    public static func concatenated(_ frames: [DataFrame], sourceColumn: String? = nil, labels: [String] = []) throws -> DataFrame {
        guard let first = frames.first else { return DataFrame() }
        if sourceColumn != nil && labels.count != frames.count {
            throw ConcatError.labelCount(frames: frames.count, labels: labels.count)
        }
        for (i, frame) in frames.enumerated().dropFirst() where Set(frame.names) != Set(first.names) {
            throw ConcatError.differentColumns(index: i, missing: first.names.filter { !frame.names.contains($0) },
                                               extra: frame.names.filter { !first.names.contains($0) })
        }
        var out = DataFrame()
        for (c, name) in first.names.enumerated() {
            let parts = try frames.map { f -> Column in
                guard let column = f[name] else { throw FrameError.missingColumn(name, available: f.names) }
                return column
            }
            try out.append(name, try Column.concatenated(parts, name: name, kind: first.columns[c].kindName))
        }
        if let sourceColumn {
            if out.index(of: sourceColumn) != nil { throw FrameError.duplicateColumn(sourceColumn) }
            var cells: [String?] = []
            cells.reserveCapacity(out.rowCount)
            for (f, label) in zip(frames, labels) { cells += Array(repeating: label, count: f.rowCount) }
            try out.append(sourceColumn, .text(cells))
        }
        return out
    }
}

extension Column {
    /// The cells of `parts` one after another; all parts must be of the same kind.
    static func concatenated(_ parts: [Column], name: String, kind: String) throws -> Column {
        switch parts.first {
        case .numeric?:
            return .numeric(try parts.flatMap { p -> [Double] in
                guard case .numeric(let v) = p else { throw FrameError.wrongKind(column: name, expected: kind, got: p.kindName) }
                return v
            })
        case .text?:
            return .text(try parts.flatMap { p -> [String?] in
                guard case .text(let v) = p else { throw FrameError.wrongKind(column: name, expected: kind, got: p.kindName) }
                return v
            })
        case .list?:
            return .list(try parts.flatMap { p -> [[String]?] in
                guard case .list(let v) = p else { throw FrameError.wrongKind(column: name, expected: kind, got: p.kindName) }
                return v
            })
        case nil:
            return .numeric([])
        }
    }

    /// A column of `count` missing cells of this column's kind.
    func missing(count: Int) -> Column {
        switch self {
        case .numeric: .numeric(Array(repeating: .nan, count: count))
        case .text: .text(Array(repeating: nil, count: count))
        case .list: .list(Array(repeating: nil, count: count))
        }
    }

    /// The cells at `indices`, where -1 means a missing cell.
    func selecting(orMissing indices: [Int]) -> Column {
        switch self {
        case .numeric(let v): .numeric(indices.map { $0 < 0 ? .nan : v[$0] })
        case .text(let v): .text(indices.map { $0 < 0 ? nil : v[$0] })
        case .list(let v): .list(indices.map { $0 < 0 ? nil : v[$0] })
        }
    }
}

/// Errors when stacking frames.
public enum ConcatError: Error, Equatable, CustomStringConvertible {
    case differentColumns(index: Int, missing: [String], extra: [String])
    case labelCount(frames: Int, labels: Int)

    public var description: String {
        switch self {
        case .differentColumns(let i, let missing, let extra):
            "frame \(i + 1) has different columns than the first (missing: \(missing.joined(separator: ", ")); extra: \(extra.joined(separator: ", ")))"
        case .labelCount(let f, let l): "\(f) frames but \(l) labels"
        }
    }
}
