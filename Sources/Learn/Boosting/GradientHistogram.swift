import Linalg

/// Per-bin (sum of gradients, count) pairs of every feature, laid out by a `HistogramLayout`: slot `s` is
/// `data[s]`, `.x` the gradient sum and `.y` the count (the hessian sum for squared error). The storage is
/// typed as the pairs it holds, so kernels read and write them without rebinding memory.
struct GradientHistogram {
    /// Bin values a feature can take (255 finite bins at most, and the missing bin 255).
    static let binSlots = 256
    var data: [SIMD2<Double>]

    init(slots: Int) { data = [SIMD2<Double>](repeating: .zero, count: slots) }

    /// Row × feature reads from which the work is split over the cores (by feature blocks, so sums never
    /// depend on the thread count).
    static let parallelThreshold = 3000 * 46

    /// Overwrites this histogram with the sums over `source`'s rows, in their order: every dense bin is summed
    /// over them; a sparse feature's frequent bin is the rows' total minus its other bins.
    mutating func build(_ source: HistogramRows, layout: HistogramLayout, parallel: Bool) {
        let n = source.count, dense = layout.denseFeatures.count
        let sparseWork = layout.sparseFeatures.isEmpty ? 0 : max(1, layout.sparseSlots.count / max(1, layout.sparseStarts.count - 1))
        let blocks = parallel && n * (dense + sparseWork) >= GradientHistogram.parallelThreshold ? 2 : 1
        // Block 0 takes the first dense features; the last block takes the rest and the sparse entries.
        let firstBlockEnd = blocks == 1 ? dense : max(0, min(dense, (dense + sparseWork) / 2))
        data.withUnsafeMutableBufferPointer { hist in
            guard let hv = hist.baseAddress else { return }
            hist.update(repeating: .zero)
            layout.denseOffsets.withUnsafeBufferPointer { offsets in
                let work: (Int) -> Void = { blk in
                    let f0 = blk == 0 ? 0 : firstBlockEnd, f1 = blk == blocks - 1 ? dense : firstBlockEnd
                    GradientHistogram.addDense(source, features: f0..<f1, offsets: offsets, into: hv)
                    if blk == blocks - 1 && !layout.sparseFeatures.isEmpty {
                        GradientHistogram.addSparse(source, layout: layout, into: hv)
                    }
                }
                if blocks == 1 { work(0) } else { Parallel.forEach(blocks, work) }
            }
        }
    }

    /// Adds every row's (gradient, 1) to the slot of its bin, for dense features `features`.
    @inline(__always)
    private static func addDense(_ source: HistogramRows, features: Range<Int>, offsets: UnsafeBufferPointer<Int>,
                                 into hv: UnsafeMutablePointer<SIMD2<Double>>) {
        let stride = offsets.count, gradients = source.gradients
        guard !features.isEmpty, let offsets = offsets.baseAddress else { return }
        let f0 = features.lowerBound, f1 = features.upperBound
        for k in 0..<source.count {
            let gc = SIMD2<Double>(gradients[k], 1)
            let row = source.bins + k &* stride
            var f = f0
            while f < f1 {
                hv[offsets[f] &+ Int(row[f])] += gc
                f &+= 1
            }
        }
    }

    /// Adds the rows' sparse entries, then sets each sparse feature's frequent bin to the rows' total minus the rest.
    private static func addSparse(_ source: HistogramRows, layout: HistogramLayout, into hv: UnsafeMutablePointer<SIMD2<Double>>) {
        var total = SIMD2<Double>()
        let rows = source.rows, gradients = source.gradients
        layout.sparseStarts.withUnsafeBufferPointer { starts in
            layout.sparseSlots.withUnsafeBufferPointer { slots in
                for k in 0..<source.count {
                    let r = Int(rows[k])
                    let gc = SIMD2<Double>(gradients[k], 1)
                    total += gc
                    var e = Int(starts[r])
                    let end = Int(starts[r &+ 1])
                    while e < end { hv[Int(slots[e])] += gc; e &+= 1 }
                }
            }
        }
        for (f, frequent) in zip(layout.sparseFeatures, layout.sparseDefaultSlots) {
            var rest = SIMD2<Double>()
            let start = layout.offsets[f]
            for s in start..<(start + layout.widths[f]) where s != frequent { rest += hv[s] }
            hv[frequent] = total - rest
        }
    }

    /// `self = parent - sibling`, in place on a histogram that held the parent.
    mutating func subtract(_ sibling: GradientHistogram) {
        data.withUnsafeMutableBufferPointer { h in
            sibling.data.withUnsafeBufferPointer { s in
                for i in 0..<h.count { h[i] -= s[i] }
            }
        }
    }
}

/// The rows a histogram is built from, in node order: row `k` is training row `rows[k]` (whose sparse entries
/// the layout lists), with its dense bins at `bins + k × layout.denseFeatures.count` and its gradient at
/// `gradients[k]` (copies kept in node order by `HistogramTreeGrower`, so a node reads them in sequence).
struct HistogramRows {
    let rows: UnsafePointer<Int32>
    let bins: UnsafePointer<UInt8>
    let gradients: UnsafePointer<Double>
    let count: Int
}
