/// A fitted multi-output regression tree on raw feature values: a row goes left when
/// `x[feature] <= threshold`. Leaves have `feature == -1`; `values[node * targets + j]` is target `j`'s value.
public struct RegressionTree: Sendable {
    public let targets: Int
    var feature: [Int32] = []
    var threshold: [Double] = []
    var left: [Int32] = []
    var right: [Int32] = []
    var values: [Double] = []

    init(targets: Int) { self.targets = targets }

    /// Number of nodes (splits and leaves).
    public var nodeCount: Int { feature.count }
    /// Depth of the deepest leaf (a single leaf has depth 0).
    public var depth: Int {
        var best = 0, stack = [(0, 0)]
        while let (i, d) = stack.popLast() {
            if feature[i] < 0 { best = max(best, d) } else {
                stack.append((Int(left[i]), d + 1)); stack.append((Int(right[i]), d + 1))
            }
        }
        return best
    }

    mutating func addLeaf(_ v: [Double]) -> Int {
        feature.append(-1); threshold.append(0); left.append(-1); right.append(-1)
        values.append(contentsOf: v)
        return feature.count - 1
    }

    mutating func setSplit(_ i: Int, feature f: Int, threshold t: Double, left l: Int, right r: Int) {
        feature[i] = Int32(f); threshold[i] = t; left[i] = Int32(l); right[i] = Int32(r)
    }

    /// The leaf reached by a row given as a pointer to its `cols` values.
    @inline(__always)
    func leaf(_ row: UnsafePointer<Double>) -> Int {
        var i = 0
        while feature[i] >= 0 { i = Int(row[Int(feature[i])] <= threshold[i] ? left[i] : right[i]) }
        return i
    }
}
