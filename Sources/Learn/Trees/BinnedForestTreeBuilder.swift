import Linalg

/// A multi-output tree on binned features (quantile bins from `FeatureBinner`): a row goes left when its bin
/// is `<= threshold`. `values[node * targets + j]` holds target `j`'s leaf value.
public struct BinnedForestTree: Sendable {
    var feature: [Int32] = []
    var threshold: [UInt8] = []
    var left: [Int32] = []
    var right: [Int32] = []
    var values: [Double] = []

    mutating func addLeaf(_ v: ArraySlice<Double>) -> Int {
        feature.append(-1); threshold.append(0); left.append(-1); right.append(-1); values.append(contentsOf: v)
        return feature.count - 1
    }
}

/// Grows one random-forest tree depth-first on binned data with row weights (bootstrap counts).
///
/// At each node `maxFeatures` features are drawn without replacement; for each, per-bin sums of
/// (weight, rows, weight × y_j) are gathered in one pass over the node's rows (see `ForestHistogramSums` for
/// how), and only the bins that occur (tracked in a 256-bit mask) are scanned, so small nodes cost O(rows),
/// not O(bins).
struct BinnedForestTreeBuilder {
    let bins: [UInt8]        // row-major n × d
    let features: Int
    /// Bins each feature uses (its histogram slots).
    let binCounts: [Int]
    let y: [Double]          // row-major n × t
    let targets: Int
    let maxDepth: Int?
    let minSamplesSplit: Int
    let minSamplesLeaf: Int
    let maxFeatures: Int
    let sums: ForestHistogramSums
    /// The targets the histograms sum: `y` for Float sums, `y` on `ExactTargetGrid` for exact sums.
    let histogramY: [Double]

    init(binned: BinnedMatrix, binCounts: [Int], y: Matrix, maxDepth: Int?, minSamplesSplit: Int, minSamplesLeaf: Int, maxFeatures: Int,
         sums: ForestHistogramSums) {
        bins = binned.bins; features = binned.features; self.binCounts = binCounts
        self.y = y.values; targets = y.cols
        self.maxDepth = maxDepth; self.minSamplesSplit = minSamplesSplit; self.minSamplesLeaf = minSamplesLeaf
        self.maxFeatures = maxFeatures
        self.sums = sums
        if case .exact = sums { histogramY = ExactTargetGrid.rounded(y.values, rows: y.rows) } else { histogramY = y.values }
    }

    /// Grows one tree on the rows with positive weight (`initial`, in row order), drawing features from `generator`.
    func build(rows initial: [Int32], weights: [Double], generator: inout SeededGenerator) -> BinnedForestTree {
        bins.withUnsafeBufferPointer { b in
            y.withUnsafeBufferPointer { yv in
                histogramY.withUnsafeBufferPointer { hv in
                    weights.withUnsafeBufferPointer { w in
                        guard let bp = b.baseAddress, let yp = yv.baseAddress, let hp = hv.baseAddress, let wp = w.baseAddress else {
                            return BinnedForestTree()
                        }
                        let data = ForestGrowthData(bins: bp, y: yp, histogramY: hp, weights: wp)
                        switch sums {
                        case .float:
                            var growth = ForestTreeGrowth<SIMD4<Float>>(spec: self, data: data, sparse: nil, rows: initial)
                            return growth.grow(generator: &generator)
                        case .exact(let sparse):
                            var growth = ForestTreeGrowth<SIMD4<Double>>(spec: self, data: data, sparse: sparse, rows: initial)
                            return growth.grow(generator: &generator)
                        }
                    }
                }
            }
        }
    }
}
