import Linalg

/// Saved models store a forest tree's flat node arrays, packed (`PackedArray`; leaf values: `targets` per node).
extension BinnedForestTree: Codable {
    enum CodingKeys: String, CodingKey { case feature, threshold, left, right, values }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        feature = try c.decodePacked([Int32].self, forKey: .feature)
        threshold = try c.decodePacked([UInt8].self, forKey: .threshold)
        left = try c.decodePacked([Int32].self, forKey: .left)
        right = try c.decodePacked([Int32].self, forKey: .right)
        values = try c.decodePacked([Double].self, forKey: .values)
        let n = feature.count
        guard n > 0, [threshold.count, left.count, right.count].allSatisfy({ $0 == n }), values.count % n == 0,
              SavedTreeCheck.childrenValid(feature: feature, left: left, right: right) else {
            throw LearnError("saved forest tree: inconsistent nodes")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodePacked(feature, forKey: .feature)
        try c.encodePacked(threshold, forKey: .threshold)
        try c.encodePacked(left, forKey: .left)
        try c.encodePacked(right, forKey: .right)
        try c.encodePacked(values, forKey: .values)
    }
}

extension FittedRandomForest: Codable {
    enum CodingKeys: String, CodingKey { case binner, trees, targets }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let binner = try c.decode(FeatureBinner.self, forKey: .binner)
        let trees = try c.decode([BinnedForestTree].self, forKey: .trees)
        let targets = try c.decode(Int.self, forKey: .targets)
        guard !trees.isEmpty, targets > 0, trees.allSatisfy({ tree in
            tree.values.count == tree.feature.count * targets && tree.feature.allSatisfy { Int($0) < binner.thresholds.count }
        }) else {
            throw LearnError("saved random forest: trees do not match the binner or the number of targets")
        }
        self.init(binner: binner, trees: trees, targets: targets)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(binner, forKey: .binner)
        try c.encode(trees, forKey: .trees)
        try c.encode(targets, forKey: .targets)
    }
}

/// Saved models store an exact tree's flat node arrays, packed (thresholds on raw feature values).
extension RegressionTree: Codable {
    enum CodingKeys: String, CodingKey { case targets, feature, threshold, left, right, values }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(targets: try c.decode(Int.self, forKey: .targets))
        feature = try c.decodePacked([Int32].self, forKey: .feature)
        threshold = try c.decodePacked([Double].self, forKey: .threshold)
        left = try c.decodePacked([Int32].self, forKey: .left)
        right = try c.decodePacked([Int32].self, forKey: .right)
        values = try c.decodePacked([Double].self, forKey: .values)
        let n = feature.count
        guard n > 0, targets > 0, [threshold.count, left.count, right.count].allSatisfy({ $0 == n }),
              values.count == n * targets, SavedTreeCheck.childrenValid(feature: feature, left: left, right: right) else {
            throw LearnError("saved decision tree: inconsistent nodes")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(targets, forKey: .targets)
        try c.encodePacked(feature, forKey: .feature)
        try c.encodePacked(threshold, forKey: .threshold)
        try c.encodePacked(left, forKey: .left)
        try c.encodePacked(right, forKey: .right)
        try c.encodePacked(values, forKey: .values)
    }
}

extension FittedDecisionTree: Codable {
    enum CodingKeys: String, CodingKey { case tree, features }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let tree = try c.decode(RegressionTree.self, forKey: .tree)
        let features = try c.decode(Int.self, forKey: .features)
        guard tree.feature.allSatisfy({ Int($0) < features }) else {
            throw LearnError("saved decision tree splits on a feature beyond its \(features) features")
        }
        self.init(tree: tree, features: features)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tree, forKey: .tree)
        try c.encode(features, forKey: .features)
    }
}
