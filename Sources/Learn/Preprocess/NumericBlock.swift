import Foundation
import Frame

/// Bounds for clipping one numeric column; either side may be open.
public struct ClipBounds: Codable, Sendable, Equatable {
    public var lower: Double?
    public var upper: Double?
    public init(lower: Double? = nil, upper: Double? = nil) {
        self.lower = lower
        self.upper = upper
    }
}

/// The numeric part of a clean pipeline, applied per column in this order:
/// clip → log1p → impute (+ missing indicators) → scale. Indicator columns (0/1) are appended unscaled.
public struct NumericSpec: Sendable, Equatable {
    public var columns: [String]
    public var clip: [String: ClipBounds]
    public var log1p: [String]
    /// `nil` leaves NaN in place (downstream models must then accept missing values).
    public var impute: ImputeStrategy?
    public var fillValue: Double
    /// Adds `<column>_missing` for every column with missing cells in the training rows (scikit-learn's
    /// `add_indicator=True`, features="missing-only").
    public var missingIndicators: Bool
    public var scale: ScaleKind

    public init(columns: [String], clip: [String: ClipBounds] = [:], log1p: [String] = [],
                impute: ImputeStrategy? = .median, fillValue: Double = 0,
                missingIndicators: Bool = false, scale: ScaleKind = .standard) {
        self.columns = columns
        self.clip = clip
        self.log1p = log1p
        self.impute = impute
        self.fillValue = fillValue
        self.missingIndicators = missingIndicators
        self.scale = scale
    }

    /// Fits every statistic on `rows` only.
    public func fit(_ frame: DataFrame, rows: [Int]) throws -> FittedNumericBlock {
        var block = FittedNumericBlock(columns: columns,
                                       clip: columns.map { clip[$0] },
                                       log1p: columns.map { log1p.contains($0) },
                                       imputer: nil, indicators: [],
                                       scaler: FittedScaler.fit(.none, columns: []))
        let raw = try block.prepared(frame, rows: rows)
        if let impute {
            let imputer = SimpleImputer(strategy: impute, fillValue: fillValue).fit(columns: raw)
            block.imputer = imputer
            if missingIndicators {
                block.indicators = imputer.missingCounts.indices.filter { imputer.missingCounts[$0] > 0 }
            }
        }
        let filled = raw.enumerated().map { j, c in block.imputer?.transform(c, column: j) ?? c }
        block.scaler = FittedScaler.fit(scale, columns: filled)
        return block
    }
}

/// The fitted numeric part: clip bounds, log1p flags, fill values and scaling statistics.
public struct FittedNumericBlock: Codable, Sendable, Equatable {
    public var columns: [String]
    public var clip: [ClipBounds?]
    public var log1p: [Bool]
    public var imputer: FittedImputer?
    /// Indices (into `columns`) that get a missing-indicator column.
    public var indicators: [Int]
    public var scaler: FittedScaler

    /// Output names: the columns, then `<column>_missing` indicators.
    public var featureNames: [String] {
        columns + indicators.map { columns[$0] + "_missing" }
    }

    /// The transformed columns (each `rows.count` long), in `featureNames` order.
    public func transform(_ frame: DataFrame, rows: [Int]) throws -> [[Double]] {
        let raw = try prepared(frame, rows: rows)
        var out: [[Double]] = []
        out.reserveCapacity(columns.count + indicators.count)
        for (j, column) in raw.enumerated() {
            let filled = imputer?.transform(column, column: j) ?? column
            out.append(scaler.transform(filled, column: j))
        }
        for j in indicators { out.append(raw[j].map { $0.isNaN ? 1 : 0 }) }
        return out
    }

    /// The selected rows of each column after clipping and log1p (NaN kept).
    func prepared(_ frame: DataFrame, rows: [Int]) throws -> [[Double]] {
        try columns.enumerated().map { j, name in
            let all = try frame.numeric(name)
            var values = rows.map { all[$0] }
            if let bounds = clip[j] {
                let lo = bounds.lower ?? -.infinity, hi = bounds.upper ?? .infinity
                for i in values.indices where !values[i].isNaN { values[i] = min(max(values[i], lo), hi) }
            }
            if log1p[j] {
                for i in values.indices where !values[i].isNaN {
                    if values[i] <= -1 {
                        throw LearnError("log1p of column `\(name)` got \(values[i]) in row \(rows[i]); "
                                         + "values must be > -1 (clip the column first)")
                    }
                    values[i] = Foundation.log1p(values[i])
                }
            }
            return values
        }
    }
}
