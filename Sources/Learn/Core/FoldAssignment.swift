/// Fold numbers of rows cut as scikit-learn's `KFold` cuts them.
public enum FoldAssignment {
    /// Contiguous folds over `order` (the rows in the order they are dealt, e.g. a seeded permutation): the first
    /// `order.count % folds` folds are one row larger. `result[row]` is the fold of `row`.
    public static func contiguous(order: [Int], folds: Int) -> [Int] {
        var fold = [Int](repeating: 0, count: order.count)
        var start = 0
        for f in 0..<folds {
            let size = order.count / folds + (f < order.count % folds ? 1 : 0)
            for i in start..<(start + size) { fold[order[i]] = f }
            start += size
        }
        return fold
    }
}
