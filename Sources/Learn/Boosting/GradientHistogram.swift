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

    /// Overwrites this histogram with the sums over `rows` (indices into the layout's rows and `gradients`).
    /// Every dense bin is summed over `rows` in order; a sparse feature's frequent bin is the rows' total
    /// minus its other bins.
    mutating func build(rows: UnsafeBufferPointer<Int32>, layout: HistogramLayout, gradients: UnsafePointer<Double>,
                        parallel: Bool) {
        let n = rows.count, dense = layout.denseFeatures.count
        let sparseWork = layout.sparseFeatures.isEmpty ? 0 : max(1, layout.sparseSlots.count / max(1, layout.sparseStarts.count - 1))
        let blocks = parallel && n * (dense + sparseWork) >= GradientHistogram.parallelThreshold ? 2 : 1
        // Block 0 takes the first dense features; the last block takes the rest and the sparse entries.
        let firstBlockEnd = blocks == 1 ? dense : max(0, min(dense, (dense + sparseWork) / 2))
        data.withUnsafeMutableBufferPointer { hist in
            guard let hv = hist.baseAddress else { return }
            hist.update(repeating: .zero)
            layout.denseBins.withUnsafeBufferPointer { bins in
            layout.denseOffsets.withUnsafeBufferPointer { offsets in
                let work: (Int) -> Void = { blk in
                    let f0 = blk == 0 ? 0 : firstBlockEnd, f1 = blk == blocks - 1 ? dense : firstBlockEnd
                    GradientHistogram.addDense(rows: rows, bins: bins, features: f0..<f1, offsets: offsets,
                                               gradients: gradients, into: hv)
                    if blk == blocks - 1 && !layout.sparseFeatures.isEmpty {
                        GradientHistogram.addSparse(rows: rows, layout: layout, gradients: gradients, into: hv)
                    }
                }
                if blocks == 1 { work(0) } else { Parallel.forEach(blocks, work) }
            }}
        }
    }

    /// Adds every row's (gradient, 1) to the slot of its bin, for dense features `features` (row-major `bins`).
    @inline(__always)
    private static func addDense(rows: UnsafeBufferPointer<Int32>, bins: UnsafeBufferPointer<UInt8>, features: Range<Int>,
                                 offsets: UnsafeBufferPointer<Int>, gradients: UnsafePointer<Double>,
                                 into hv: UnsafeMutablePointer<SIMD2<Double>>) {
        let stride = offsets.count
        guard !features.isEmpty, let bins = bins.baseAddress, let offsets = offsets.baseAddress else { return }
        let f0 = features.lowerBound, f1 = features.upperBound
        for k in 0..<rows.count {
            let r = Int(rows[k])
            let gc = SIMD2<Double>(gradients[r], 1)
            let row = bins + r &* stride
            var f = f0
            while f < f1 {
                hv[offsets[f] &+ Int(row[f])] += gc
                f &+= 1
            }
        }
    }

    /// Adds the rows' sparse entries, then sets each sparse feature's frequent bin to the rows' total minus the rest.
    private static func addSparse(rows: UnsafeBufferPointer<Int32>, layout: HistogramLayout, gradients: UnsafePointer<Double>,
                                  into hv: UnsafeMutablePointer<SIMD2<Double>>) {
        var total = SIMD2<Double>()
        layout.sparseStarts.withUnsafeBufferPointer { starts in
            layout.sparseSlots.withUnsafeBufferPointer { slots in
                for k in 0..<rows.count {
                    let r = Int(rows[k])
                    let gc = SIMD2<Double>(gradients[r], 1)
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
