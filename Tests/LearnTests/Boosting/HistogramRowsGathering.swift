@testable import Learn

extension GradientHistogram {
    /// Builds from a test's subset `rows` of the training rows: gathers their dense bins and gradients into node
    /// order, as `HistogramTreeGrower` keeps them.
    mutating func build(gathering rows: [Int32], layout: HistogramLayout, gradients: [Double]) {
        let w = layout.denseFeatures.count
        var bins = [UInt8](), nodeGradients = [Double]()
        for r in rows.map(Int.init) {
            bins.append(contentsOf: layout.denseBins[(r * w)..<(r * w + w)])
            nodeGradients.append(gradients[r])
        }
        // A spare entry in each keeps the addresses valid for an empty subset.
        let padded = rows + [0]
        bins.append(0); nodeGradients.append(0)
        padded.withUnsafeBufferPointer { r in
            bins.withUnsafeBufferPointer { b in
                nodeGradients.withUnsafeBufferPointer { g in
                    build(HistogramRows(rows: r.baseAddress!, bins: b.baseAddress!, gradients: g.baseAddress!, count: rows.count),
                          layout: layout, parallel: false)
                }
            }
        }
    }
}
