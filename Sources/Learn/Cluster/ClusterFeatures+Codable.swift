import Linalg

/// Saved models store the centroids and the cluster feature kinds (training labels are not needed to predict).
extension ClusterFeatures.Fitted: Codable {
    enum CodingKeys: String, CodingKey { case centroids, kinds, inertia, iterations }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let centroids = try c.decode(MatrixCoding.self, forKey: .centroids).matrix("cluster centroids")
        guard centroids.rows > 0 else { throw LearnError("saved cluster features have no centroids") }
        model = FittedKMeans(centroids: centroids, labels: [], inertia: try c.decode(Double.self, forKey: .inertia),
                             nIter: try c.decode(Int.self, forKey: .iterations))
        kinds = try c.decode([ClusterFeatures.Kind].self, forKey: .kinds)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(MatrixCoding(model.centroids), forKey: .centroids)
        try c.encode(kinds, forKey: .kinds)
        try c.encode(model.inertia, forKey: .inertia)
        try c.encode(model.nIter, forKey: .iterations)
    }
}
