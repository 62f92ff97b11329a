/// One train/test partition of row indices, as produced by a splitter (KFold, GroupKFold, predefined).
public struct Split: Sendable, Equatable {
    public let train: [Int]
    public let test: [Int]
    public init(train: [Int], test: [Int]) {
        self.train = train
        self.test = test
    }
}
