/// How a forest's trees sum a node's rows into per-bin histograms.
///
/// - `float`: each row's (weight, 1, weight × y_j) is rounded to Float and summed row by row in row order
///   (half the memory traffic of Double). The sums depend on their order, so every bin, frequent or not, is
///   summed over the node's rows.
/// - `exact`: the targets are first rounded to a grid fine enough that every sum of (weight × y_j) over the
///   training rows is exact in Double (`ExactTargetGrid`), so sums do not depend on their order and a sparse
///   column's frequent bin can be taken as the node's total minus its other bins (LightGBM's sparse
///   histograms) with the same result as summing it. `sparse` lists the columns read from their entries.
///
/// `choose` picks `exact` with sparse columns only where it costs less per row than `float`, which keeps
/// data without (many) sparse columns on the `float` sums it has always had.
enum ForestHistogramSums {
    case float
    case exact(sparse: ForestSparseColumns?)

    /// The cheaper summation for `binned` when `maxFeatures` features are drawn at each node.
    static func choose(_ binned: BinnedMatrix, maxFeatures: Int) -> ForestHistogramSums {
        guard let sparse = ForestSparseColumns(binned) else { return .float }
        // Per row of a node: `float` adds one Float vector per drawn feature; `exact` adds a Double vector
        // (twice the bytes) per drawn dense feature, one per drawn sparse entry of the row, and one to the total.
        let d = Double(binned.features), drawn = Double(maxFeatures) / d
        let dense = Double(binned.features - sparse.count)
        let exactCost = 2 * drawn * dense + drawn * sparse.entriesPerRow + 2
        return exactCost < Double(maxFeatures) ? .exact(sparse: sparse) : .float
    }
}

/// The columns of a binned matrix whose most frequent bin holds at least `HistogramLayout.sparseShare` of the
/// rows, with each row's other entries (`feature << 8 | bin`) in a compressed list.
struct ForestSparseColumns {
    /// Whether each feature is sparse.
    let isSparse: [Bool]
    /// Each sparse feature's most frequent bin (the one its entries leave out).
    let frequentBin: [UInt8]
    /// Row `r`'s entries are `entries[starts[r]..<starts[r + 1]]`, in feature order.
    let starts: [Int32]
    let entries: [UInt32]
    /// Number of sparse features.
    let count: Int
    /// The other (dense) features' bins, row-major `denseBins[row × denseWidth + densePosition[feature]]`, so a
    /// row's dense bins share a cache line.
    let denseBins: [UInt8]
    let denseWidth: Int
    let densePosition: [Int]

    /// Average number of entries a row has.
    var entriesPerRow: Double { Double(entries.count) / Double(max(1, starts.count - 1)) }

    /// nil when no feature is sparse.
    init?(_ binned: BinnedMatrix) {
        let d = binned.features, n = binned.rows
        let frequent = HistogramLayout.mostFrequentBins(binned)
        let isSparse = frequent.map { n > 0 && Double($0.count) >= HistogramLayout.sparseShare * Double(n) }
        let sparse = (0..<d).filter { isSparse[$0] }
        guard !sparse.isEmpty else { return nil }
        self.isSparse = isSparse
        let frequentBin = frequent.map { UInt8($0.bin) }
        self.frequentBin = frequentBin
        count = sparse.count
        let dense = (0..<d).filter { !isSparse[$0] }
        var position = [Int](repeating: -1, count: d)
        for (k, f) in dense.enumerated() { position[f] = k }
        var starts: [Int32] = [0], entries = [UInt32](), denseBins = [UInt8]()
        starts.reserveCapacity(n + 1)
        denseBins.reserveCapacity(n * dense.count)
        binned.bins.withUnsafeBufferPointer { b in
            for r in 0..<n {
                for f in dense { denseBins.append(b[r * d + f]) }
                for f in sparse where b[r * d + f] != frequentBin[f] { entries.append(UInt32(f) << 8 | UInt32(b[r * d + f])) }
                starts.append(Int32(entries.count))
            }
        }
        self.starts = starts
        self.entries = entries
        self.denseBins = denseBins
        denseWidth = dense.count
        densePosition = position
    }
}

/// Targets rounded to a power-of-two grid on which sums are exact.
///
/// With `n` rows of integer weights summing to at most `n` and |y| ≤ `top`, every partial sum of weight × y is
/// below n × top < 2^e; rounding y to multiples of 2^(e − 52) makes every such sum an integer number of grid
/// steps below 2^52, which Double holds exactly whatever the order of the additions. The grid step is about
/// 2^-52 of n × top, far below any difference a split score can resolve.
enum ExactTargetGrid {
    /// `y` (any layout) rounded to the grid for `rows` rows of weights summing to at most `rows`.
    static func rounded(_ y: [Double], rows: Int) -> [Double] {
        let top = y.reduce(0) { max($0, abs($1)) }
        guard top > 0, top.isFinite else { return y }
        let rowBits = Int.bitWidth - max(1, rows).leadingZeroBitCount   // rows < 2^rowBits
        let e = Int(top.exponent) + 1 + rowBits                          // rows × top < 2^e
        let s = min(1023, max(-1022, 52 - e))
        let up = Double(sign: .plus, exponent: s, significand: 1), down = Double(sign: .plus, exponent: -s, significand: 1)
        return y.map { ($0 * up).rounded() * down }
    }
}
