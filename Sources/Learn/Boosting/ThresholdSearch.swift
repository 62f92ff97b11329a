/// Every feature's thresholds laid out for a branch-free search, built once per `FeatureBinner.transform`.
///
/// Feature `f` gets `size` slots, the smallest power of two above its threshold count, padded with +inf (no
/// value is above +inf, so the padding never counts). Binary lifting then takes log2(size) comparisons,
/// with no branch that depends on the value. It equals the plain binary search when the
/// thresholds are non-decreasing without NaN, which fitting gives except in overflow corners (a percentile of
/// ±1.8e308 can be NaN): such a feature keeps the plain search (`searchable` is false).
struct ThresholdSearch {
    /// All features' padded thresholds, feature `f` from `start[f]`.
    let padded: [Double]
    /// Where each feature's slots start in `padded`.
    let start: [Int]
    /// log2 of each feature's slot count: the comparisons per value (0 when it has no thresholds).
    let levels: [Int]
    /// Whether the branch-free count is exact for each feature (thresholds non-decreasing, no NaN).
    let searchable: [Bool]

    init(_ thresholds: [[Double]]) {
        var padded = [Double](), start = [Int](), levels = [Int](), searchable = [Bool]()
        for t in thresholds {
            var size = 1, level = 0
            while size <= t.count { size <<= 1; level += 1 }
            start.append(padded.count)
            levels.append(level)
            searchable.append(!t.contains { $0.isNaN } && zip(t, t.dropFirst()).allSatisfy { $0 <= $1 })
            padded.append(contentsOf: t)
            padded.append(contentsOf: repeatElement(.infinity, count: size - t.count))
        }
        self.padded = padded
        self.start = start
        self.levels = levels
        self.searchable = searchable
    }

    /// The number of thresholds strictly below `v` (0 for NaN) of the feature whose `levels` slots start at
    /// `base` in `t` (`padded`'s buffer). The count is built bit by bit from the top: at level `j` it probes the
    /// last slot of the lower half of the slots left, at `((2 * count + 1) << j) - 1`, and appends the
    /// comparison as the next bit. Adding the comparison as 0 or 1 keeps the code free of branches (a
    /// conditional `count + step` compiles to a branch per level, which mispredicts half the time).
    @inline(__always)
    static func countBelow(_ v: Double, in t: UnsafeBufferPointer<Double>, from base: Int, levels: Int) -> Int {
        var count = 0
        @inline(__always) func level(_ j: Int) {
            count = count &<< 1 &+ (t[base &+ ((count &<< 1 | 1) &<< j) &- 1] < v ? 1 : 0)
        }
        switch levels {
        case 8: level(7); fallthrough
        case 7: level(6); fallthrough
        case 6: level(5); fallthrough
        case 5: level(4); fallthrough
        case 4: level(3); fallthrough
        case 3: level(2); fallthrough
        case 2: level(1); fallthrough
        case 1: level(0)
        default: break
        }
        return count
    }
}
