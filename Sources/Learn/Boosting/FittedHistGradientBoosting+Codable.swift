import Linalg

/// Saved models store the bin thresholds of each feature and which features had missing values.
extension FeatureBinner: Codable {
    enum CodingKeys: String, CodingKey { case thresholds, hasMissing }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        thresholds = try c.decode([[Double]].self, forKey: .thresholds)
        hasMissing = try c.decode([Bool].self, forKey: .hasMissing)
        guard thresholds.count == hasMissing.count, thresholds.allSatisfy({ $0.count < Int(FeatureBinner.missingBin) }) else {
            throw LearnError("saved feature binner: inconsistent thresholds")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(thresholds, forKey: .thresholds)
        try c.encode(hasMissing, forKey: .hasMissing)
    }
}

/// Saved models store a boosting tree's flat node arrays, packed (`PackedArray`).
extension BinnedTree: Codable {
    enum CodingKeys: String, CodingKey { case feature, threshold, missingGoesLeft, left, right, value }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        feature = try c.decodePacked([Int32].self, forKey: .feature)
        threshold = try c.decodePacked([UInt8].self, forKey: .threshold)
        missingGoesLeft = try c.decodePacked([Bool].self, forKey: .missingGoesLeft)
        left = try c.decodePacked([Int32].self, forKey: .left)
        right = try c.decodePacked([Int32].self, forKey: .right)
        value = try c.decodePacked([Double].self, forKey: .value)
        let n = feature.count
        guard n > 0, [threshold.count, missingGoesLeft.count, left.count, right.count, value.count].allSatisfy({ $0 == n }),
              SavedTreeCheck.childrenValid(feature: feature, left: left, right: right) else {
            throw LearnError("saved boosting tree: inconsistent nodes")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodePacked(feature, forKey: .feature)
        try c.encodePacked(threshold, forKey: .threshold)
        try c.encodePacked(missingGoesLeft, forKey: .missingGoesLeft)
        try c.encodePacked(left, forKey: .left)
        try c.encodePacked(right, forKey: .right)
        try c.encodePacked(value, forKey: .value)
    }
}

extension FittedHistGradientBoosting: Codable {
    enum CodingKeys: String, CodingKey { case binner, baseline, trees, curves }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let binner = try c.decode(FeatureBinner.self, forKey: .binner)
        let trees = try c.decode([BinnedTree].self, forKey: .trees)
        guard trees.allSatisfy({ $0.feature.allSatisfy { Int($0) < binner.thresholds.count } }) else {
            throw LearnError("saved boosting model: a tree splits on a feature the binner does not have")
        }
        self.init(binner: binner, baseline: try c.decode(Double.self, forKey: .baseline), trees: trees,
                  curves: try c.decode([String: [Double]].self, forKey: .curves))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(binner, forKey: .binner)
        try c.encode(baseline, forKey: .baseline)
        try c.encode(trees, forKey: .trees)
        try c.encode(curves, forKey: .curves)
    }
}

extension FittedHistGradientBoostingTargets: Codable {
    enum CodingKeys: String, CodingKey { case models }

    public init(from decoder: Decoder) throws {
        let models = try decoder.container(keyedBy: CodingKeys.self).decode([FittedHistGradientBoosting].self,
                                                                          forKey: .models)
        // Predictions bin the rows once, with the first model's binner: every model must share its width.
        guard let width = models.first?.binner.thresholds.count,
              models.allSatisfy({ $0.binner.thresholds.count == width }) else {
            throw LearnError("saved boosting models: no models, or models fitted on different numbers of features")
        }
        self.init(models: models)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(models, forKey: .models)
    }
}

/// Structural checks of decoded trees, so a crafted file cannot index outside a tree's arrays.
enum SavedTreeCheck {
    /// Every split's children are later nodes inside the arrays; leaves (feature < 0) have none to check.
    static func childrenValid(feature: [Int32], left: [Int32], right: [Int32]) -> Bool {
        let n = feature.count
        for i in 0..<n where feature[i] >= 0 {
            guard left[i] > Int32(i), right[i] > Int32(i), Int(left[i]) < n, Int(right[i]) < n else { return false }
        }
        return true
    }
}
