import Frame
import Linalg

/// A fitted clean pipeline: transforms any rows of a frame with the same columns into the model matrix.
/// Codable, so a saved model can apply it to new rows.
public struct FittedCleanPipeline: Codable, Sendable, Equatable {
    public var numeric: FittedNumericBlock?
    public var categorical: FittedOneHot?
    public var tags: FittedTagEncoder?
    public var tagReduction: FittedTruncatedSVD?
    public var tagTarget: FittedTagTargetEncoder?
    /// Target encoding of categorical columns (scikit-learn's `TargetEncoder`).
    public var categoryTarget: FittedCategoryTargetEncoder?
    /// TF-IDF (+ SVD) blocks of text columns, in config order.
    public var text: [FittedTextFeatures]?
    public var pca: FittedPCA?
    /// Names of the output columns, in order.
    public var featureNames: [String] = []
    /// What the fit did (on the training rows).
    public var report = CleanFitReport(rows: 0, featuresBefore: 0, featuresExpanded: 0, featuresAfter: 0,
                                       transforms: [], imputed: [], tagsKept: nil, tagsSeen: nil, reductions: [])

    init() {}

    /// The model matrix of `rows` (rows.count × featureNames.count). `termCounts` (built on `frame`) shares the text
    /// columns' term counts between calls on the same frame.
    public func transform(_ frame: DataFrame, rows: [Int], termCounts: TermCountCache? = nil) throws -> Matrix {
        try FittedCleanPipeline.checkRows(rows, frame)
        let tagMatrix = try tags?.transform(frame, rows: rows)
        let textBlocks = try (text ?? []).map { try $0.transform(frame, rows: rows, termCounts: termCounts) }
        let x = try assemble(frame, rows: rows, tagMatrix: tagMatrix, textBlocks: textBlocks)
        return try pca?.transform(x) ?? x
    }

    /// Numeric, one-hot, category target encoding, tag target encoding, text and tag blocks side by side
    /// (before PCA). `categoryEncoded` and `targetEncoded` replace the tables' encodings (out-of-fold values for
    /// training rows).
    func assemble(_ frame: DataFrame, rows: [Int], tagMatrix: SparseRows?, textBlocks: [Matrix],
                  categoryEncoded: [[Double]]? = nil, targetEncoded: [[Double]]? = nil) throws -> Matrix {
        var columns = try numeric?.transform(frame, rows: rows) ?? []
        columns += try categorical?.transform(frame, rows: rows) ?? []
        if let categoryTarget {
            if let categoryEncoded {
                columns += categoryEncoded
            } else {
                let values = try categoryTarget.columns.map { name in
                    let all = try frame.text(name)
                    return rows.map { all[$0] }
                }
                columns += categoryTarget.encode(values)
            }
        }
        for block in textBlocks {
            for j in 0..<block.cols { columns.append(block.column(j)) }
        }
        if let tagTarget {
            if let targetEncoded {
                columns += targetEncoded
            } else {
                let all = try tagTarget.tagSource.lists(frame)
                columns += tagTarget.encode(rows.map { all[$0] })
            }
        }
        var dense: Matrix? = nil
        var sparse: SparseRows? = nil
        if let tagMatrix {
            if let tagReduction { dense = try tagReduction.transform(tagMatrix) } else { sparse = tagMatrix }
        }
        let width = columns.count + (dense?.cols ?? 0) + (sparse?.cols ?? 0)
        var out = Matrix(rows: rows.count, cols: width)
        out.values.withUnsafeMutableBufferPointer { o in
            for (j, column) in columns.enumerated() {
                for i in 0..<rows.count { o[i * width + j] = column[i] }
            }
            var offset = columns.count
            if let dense {
                for i in 0..<rows.count {
                    for j in 0..<dense.cols { o[i * width + offset + j] = dense.values[i * dense.cols + j] }
                }
                offset += dense.cols
            }
            if let sparse {
                for i in 0..<rows.count {
                    for p in sparse.rowStart[i]..<sparse.rowStart[i + 1] {
                        o[i * width + offset + sparse.columnIndex[p]] = sparse.values[p]
                    }
                }
            }
        }
        return out
    }

    /// Width before reductions: numerics, indicators, one-hot columns and one column per kept tag.
    var expandedWidth: Int {
        (numeric?.featureNames.count ?? 0) + (categorical?.featureNames.count ?? 0)
            + (categoryTarget?.featureNames.count ?? 0)
            + (text ?? []).reduce(0) { $0 + $1.vectorizer.vocabulary.count }
            + (tagTarget?.featureNames.count ?? 0) + (tags?.vocabulary.count ?? 0)
    }

    /// Column names of the assembled (and possibly PCA-reduced) matrix.
    var outputNames: [String] {
        if let pca { return (0..<pca.nComponents).map { "pc\($0 + 1)" } }
        var names = (numeric?.featureNames ?? []) + (categorical?.featureNames ?? [])
            + (categoryTarget?.featureNames ?? []) + (text ?? []).flatMap(\.featureNames) + (tagTarget?.featureNames ?? [])
        if let tags {
            if let svd = tagReduction {
                names += (0..<svd.nComponents).map { "\(tags.column)_svd\($0 + 1)" }
            } else {
                names += tags.featureNames
            }
        }
        return names
    }

    static func checkRows(_ rows: [Int], _ frame: DataFrame) throws {
        if let bad = rows.first(where: { $0 < 0 || $0 >= frame.rowCount }) {
            throw LearnError("row index \(bad) is outside the frame's \(frame.rowCount) rows")
        }
    }
}
