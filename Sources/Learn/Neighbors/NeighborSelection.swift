/// The nearest distinct rows seen so far, sorted by (key, id), holding at least k original rows in all:
/// a group is dropped only when the groups before it already hold k rows and it is not tied with them.
struct NearestGroups {
    let k: Int
    /// Original rows per distinct row (group).
    let sizes: [Int]
    var keys: [Double] = []
    var ids: [Int] = []
    var total = 0
    /// Keys above this cannot enter.
    var worst = Double.infinity

    init(k: Int, sizes: [Int]) {
        self.k = k
        self.sizes = sizes
        keys.reserveCapacity(k + 1)
        ids.reserveCapacity(k + 1)
    }

    /// Resets, then offers `row[j] + norms[j]` for every group j in 0..<n.
    mutating func scan(_ row: UnsafePointer<Double>, _ norms: UnsafePointer<Double>, _ n: Int) {
        keys.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
        total = 0
        worst = .infinity
        var bound = Double.infinity
        for j in 0..<n {
            let key = row[j] + norms[j]
            if key <= bound {
                insert(key, j)
                bound = worst
            }
        }
    }

    mutating func insert(_ key: Double, _ id: Int) {
        // Ids arrive ascending: an equal key goes after the existing ones.
        var i = keys.count
        while i > 0 && keys[i - 1] > key { i -= 1 }
        keys.insert(key, at: i)
        ids.insert(id, at: i)
        total += sizes[id]
        // Drop the tied block of largest keys while the rest still holds k rows.
        while true {
            guard let last = keys.last else { break }
            var start = keys.count - 1
            var block = sizes[ids[start]]
            while start > 0 && keys[start - 1] == last {
                start -= 1
                block += sizes[ids[start]]
            }
            if start == 0 || total - block < k { break }
            keys.removeSubrange(start...)
            ids.removeSubrange(start...)
            total -= block
        }
        worst = total >= k ? (keys.last ?? .infinity) : .infinity
    }
}
