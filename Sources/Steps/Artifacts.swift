import Runner
import Frame
import Learn
import Linalg

/// The values steps hand to later steps, by name.
public enum Artifacts {
    /// The loaded (concatenated and joined) table: `load`.
    public static let frame = ArtifactKey<DataFrame>("frame")
    /// The target column names, e.g. valence and arousal: `load`.
    public static let targets = ArtifactKey<[String]>("targets")
    /// Per target: the column whose groups it is z-scored within (fitted per training fold), or nil: `load`.
    public static let targetStandardization = ArtifactKey<[String?]>("target standardization")
    /// Columns that group rows by design (stacked files' split columns, standardization groups): `load`.
    public static let groupColumns = ArtifactKey<[String]>("group columns")
    /// Rows of the loaded table without a join match (left joins): `load`.
    public static let unmatchedRows = ArtifactKey<[Int]>("rows without a join match")
    /// The clean pipeline's specification, refitted inside every fold by `evaluate`: `clean`.
    public static let cleanPipeline = ArtifactKey<CleanPipeline>("clean pipeline")
    /// The clean pipeline fitted on all rows, and its matrix (for choosing k): `clean`.
    public static let cleanedMatrix = ArtifactKey<Matrix>("cleaned matrix")
    /// The cluster features to add inside every fold: `cluster`.
    public static let clusterFeatures = ArtifactKey<ClusterPlan>("cluster features")
    /// The models to compare: `train`.
    public static let train = ArtifactKey<TrainConfig>("models")
}

/// What `evaluate` needs to rebuild the cluster features inside each fold.
public struct ClusterPlan: Sendable {
    /// The transform that fits KMeans on a fold's training matrix and appends the features.
    public let transform: any MatrixTransform
    public let chosenK: Int
}
