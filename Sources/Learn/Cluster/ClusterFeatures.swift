import Linalg

/// Cluster features appended to a feature matrix: KMeans is fitted on the rows given to `fit`
/// (the training rows of a fold) and every transformed row gets one-hot membership of its nearest
/// centroid and/or its Euclidean distance to each centroid.
public struct ClusterFeatures: MatrixTransform {
    /// Which features to append.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// k columns: 1 for the nearest centroid, 0 elsewhere.
        case onehot
        /// k columns: Euclidean distance to each centroid.
        case distances
    }

    public var kmeans: KMeans.Hyperparameters
    /// Appended in this order (e.g. `[.onehot, .distances]` for both); must not be empty.
    public var kinds: [Kind]

    public init(kmeans: KMeans.Hyperparameters, kinds: [Kind] = [.onehot]) {
        self.kmeans = kmeans
        self.kinds = kinds
    }

    public func fit(_ x: Matrix, seed: UInt64) throws -> any FittedMatrixTransform {
        guard !kinds.isEmpty else { throw LearnError("cluster features: choose onehot, distances or both") }
        return Fitted(model: try KMeans(kmeans).fit(x, seed: seed), kinds: kinds)
    }

    /// The fitted transform; `model` is exposed for summaries (sizes, centroids).
    public struct Fitted: FittedMatrixTransform {
        public let model: FittedKMeans
        public let kinds: [Kind]

        /// `x` with the cluster columns appended on the right.
        public func transform(_ x: Matrix) throws -> Matrix {
            let sq = try model.squaredDistances(x)
            let k = model.k
            var parts = [x]
            for kind in kinds {
                var m = Matrix(rows: x.rows, cols: k)
                for r in 0..<x.rows {
                    switch kind {
                    case .distances:
                        for j in 0..<k { m[r, j] = sq[r, j].squareRoot() }
                    case .onehot:
                        var best = 0
                        for j in 1..<max(1, k) where sq[r, j] < sq[r, best] { best = j }
                        m[r, best] = 1
                    }
                }
                parts.append(m)
            }
            return Matrix.hstack(parts)
        }
    }
}
