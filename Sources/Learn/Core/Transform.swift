import Linalg

/// A matrix-to-matrix transform's specification (scaler, PCA, KMeans features...), nothing fitted yet.
/// Fitted on training rows only; the fitted form transforms any rows.
public protocol MatrixTransform: Sendable {
    func fit(_ x: Matrix, seed: UInt64) throws -> any FittedMatrixTransform
}

public protocol FittedMatrixTransform: Sendable {
    func transform(_ x: Matrix) throws -> Matrix
}
