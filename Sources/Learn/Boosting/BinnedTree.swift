/// A fitted regression tree that splits on feature bins: a row goes left when its bin is
/// `<= threshold`, or, for the missing bin, when `missingGoesLeft`.
///
/// Nodes are stored in flat arrays; a leaf has `feature == -1` and carries `value`.
public struct BinnedTree: Sendable {
    var feature: [Int32] = []
    var threshold: [UInt8] = []
    var missingGoesLeft: [Bool] = []
    var left: [Int32] = []
    var right: [Int32] = []
    var value: [Double] = []

    /// Number of leaves.
    public var leafCount: Int { feature.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

    /// Appends a leaf and returns its index.
    mutating func addLeaf(_ v: Double) -> Int {
        feature.append(-1); threshold.append(0); missingGoesLeft.append(false)
        left.append(-1); right.append(-1); value.append(v)
        return feature.count - 1
    }

    /// Turns node `i` into a split whose children are `l` and `r`.
    mutating func setSplit(_ i: Int, feature f: Int, threshold t: UInt8, missingLeft: Bool, left l: Int, right r: Int) {
        feature[i] = Int32(f); threshold[i] = t; missingGoesLeft[i] = missingLeft
        left[i] = Int32(l); right[i] = Int32(r)
    }

    /// The leaf value for the row starting at `row` in a row-major bin buffer.
    @inline(__always)
    func predict(_ row: UnsafePointer<UInt8>) -> Double {
        feature.withUnsafeBufferPointer { feat in
            threshold.withUnsafeBufferPointer { thr in
                var i = 0
                while feat[i] >= 0 {
                    let b = row[Int(feat[i])]
                    let goLeft = b == FeatureBinner.missingBin ? missingGoesLeft[i] : b <= thr[i]
                    i = Int(goLeft ? left[i] : right[i])
                }
                return value[i]
            }
        }
    }

    /// Adds this tree's value to `out[r]` for every row of `x`.
    func addPredictions(_ x: BinnedMatrix, into out: inout [Double]) {
        let d = x.features
        x.bins.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            for r in 0..<x.rows { out[r] += predict(base + r * d) }
        }
    }
}
