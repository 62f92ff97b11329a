/// Where each feature's bins live in a gradient histogram, and how the training rows are read to fill it.
///
/// Each feature gets only the slots it can use: its finite bins, or all 256 when it had missing values (the
/// missing bin is 255), so narrow features (one-hot and tag indicators) do not cost 256 slots each to clear,
/// subtract and scan.
///
/// Features whose most frequent bin holds at least `sparseShare` of the rows are *sparse* (LightGBM's
/// `sparse_threshold`): their histograms are built from the other bins' entries only, kept per row in a
/// compressed list, and the frequent bin is filled as the node's total minus the rest. Dense features are read
/// row by row from a compact copy, so every dense bin is still summed over the node's rows in row order.
struct HistogramLayout {
    /// Share of rows in one bin from which a feature is built from its other entries only.
    static let sparseShare = 0.8

    /// Slot of bin 0 of each feature.
    let offsets: [Int]
    /// Slots reserved for each feature.
    let widths: [Int]
    /// Slots in a histogram, plus 256 of padding so four features' bins can be read in lockstep.
    let slots: Int

    /// Features read densely, in feature order, and the offset of each.
    let denseFeatures: [Int]
    let denseOffsets: [Int]
    /// `denseBins[row * denseFeatures.count + j]`: the bin of dense feature `j`.
    let denseBins: [UInt8]

    /// Sparse features, the bin each leaves out (its most frequent) and that bin's slot.
    let sparseFeatures: [Int]
    let sparseDefaultSlots: [Int]
    /// Row `r`'s sparse entries are `sparseSlots[sparseStarts[r]..<sparseStarts[r + 1]]` (slot indices).
    let sparseStarts: [Int32]
    let sparseSlots: [Int32]

    /// `sparseShare` above 1 reads every feature densely.
    init(binned: BinnedMatrix, binCounts: [Int], hasMissing: [Bool], sparseShare: Double = HistogramLayout.sparseShare) {
        let d = binned.features, n = binned.rows
        widths = (0..<d).map { hasMissing[$0] ? GradientHistogram.binSlots : binCounts[$0] }
        var offsets = [Int](), next = 0
        for w in widths { offsets.append(next); next += w }
        self.offsets = offsets
        slots = next + GradientHistogram.binSlots

        let frequent = HistogramLayout.mostFrequentBins(binned)
        let sparse = (0..<d).filter { n > 0 && Double(frequent[$0].count) >= sparseShare * Double(n) }
        let sparseSet = Set(sparse)
        let dense = (0..<d).filter { !sparseSet.contains($0) }
        denseFeatures = dense
        denseOffsets = dense.map { offsets[$0] }
        sparseFeatures = sparse
        sparseDefaultSlots = sparse.map { offsets[$0] + frequent[$0].bin }
        if sparse.isEmpty {
            denseBins = binned.bins
            sparseStarts = [Int32](repeating: 0, count: n + 1)
            sparseSlots = []
            return
        }
        var denseBins = [UInt8](), starts: [Int32] = [0], entries = [Int32]()
        denseBins.reserveCapacity(n * dense.count)
        binned.bins.withUnsafeBufferPointer { b in
            for r in 0..<n {
                let row = r * d
                for f in dense { denseBins.append(b[row + f]) }
                for (f, skip) in zip(sparse, sparse.map { frequent[$0].bin }) where Int(b[row + f]) != skip {
                    entries.append(Int32(offsets[f] + Int(b[row + f])))
                }
                starts.append(Int32(entries.count))
            }
        }
        self.denseBins = denseBins
        sparseStarts = starts
        sparseSlots = entries
    }

    /// Each feature's most frequent bin and its row count (the lowest bin on ties).
    static func mostFrequentBins(_ binned: BinnedMatrix) -> [(bin: Int, count: Int)] {
        let d = binned.features
        var counts = [Int](repeating: 0, count: d * GradientHistogram.binSlots)
        binned.bins.withUnsafeBufferPointer { b in
            for r in 0..<binned.rows {
                for f in 0..<d { counts[f * GradientHistogram.binSlots + Int(b[r * d + f])] += 1 }
            }
        }
        return (0..<d).map { f in
            var best = (bin: 0, count: -1)
            for bin in 0..<GradientHistogram.binSlots where counts[f * GradientHistogram.binSlots + bin] > best.count {
                best = (bin, counts[f * GradientHistogram.binSlots + bin])
            }
            return best
        }
    }
}
