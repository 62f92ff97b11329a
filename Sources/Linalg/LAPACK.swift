internal import COpenBLAS

/// A LAPACK routine reported failure (`info != 0`).
public struct LAPACKError: Error, CustomStringConvertible {
    public let routine: String
    public let info: Int
    public var description: String { "\(routine) failed (info = \(info))" }
}

/// Decompositions through LAPACK (OpenBLAS's build). Row-major in, row-major out.
public enum LAPACK {
    /// Eigen-decomposition of a symmetric matrix (dsyevd).
    /// Returns eigenvalues in descending order and the matching eigenvectors as the *columns* of `vectors`.
    public static func symmetricEigen(_ a: Matrix) throws -> (values: [Double], vectors: Matrix) {
        precondition(a.rows == a.cols, "symmetricEigen needs a square matrix")
        let n = a.rows
        if n == 0 { return ([], Matrix(rows: 0, cols: 0)) }
        var work = a.values
        var w = [Double](repeating: 0, count: n)
        let info = work.withUnsafeMutableBufferPointer { pa in
            w.withUnsafeMutableBufferPointer { pw in
                LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")),
                               Int32(n), pa.baseAddress, Int32(n), pw.baseAddress)
            }
        }
        if info != 0 { throw LAPACKError(routine: "dsyevd", info: Int(info)) }
        // LAPACK returns ascending order; flip to descending.
        var vectors = Matrix(rows: n, cols: n)
        for r in 0..<n {
            for c in 0..<n { vectors[r, c] = work[r * n + (n - 1 - c)] }
        }
        return (Array(w.reversed()), vectors)
    }

    /// Thin singular value decomposition A = U diag(s) Vt (dgesdd), singular values descending.
    /// `u` is rows × k, `vt` is k × cols, with k = min(rows, cols).
    public static func svd(_ a: Matrix) throws -> (u: Matrix, s: [Double], vt: Matrix) {
        let m = a.rows, n = a.cols, k = min(m, n)
        if k == 0 { return (Matrix(rows: m, cols: 0), [], Matrix(rows: 0, cols: n)) }
        var work = a.values
        var s = [Double](repeating: 0, count: k)
        var u = Matrix(rows: m, cols: k)
        var vt = Matrix(rows: k, cols: n)
        let info = work.withUnsafeMutableBufferPointer { pa in
            s.withUnsafeMutableBufferPointer { ps in
                u.values.withUnsafeMutableBufferPointer { pu in
                    vt.values.withUnsafeMutableBufferPointer { pvt in
                        LAPACKE_dgesdd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int32(m), Int32(n),
                                       pa.baseAddress, Int32(n), ps.baseAddress,
                                       pu.baseAddress, Int32(k), pvt.baseAddress, Int32(n))
                    }
                }
            }
        }
        if info != 0 { throw LAPACKError(routine: "dgesdd", info: Int(info)) }
        return (u, s, vt)
    }

    /// Solves the symmetric positive-definite system A X = B (dposv); B may have several columns.
    public static func solveSPD(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        precondition(a.rows == a.cols && b.rows == a.rows, "solveSPD: shapes differ")
        var pa = a.values
        var x = b
        let info = pa.withUnsafeMutableBufferPointer { ap in
            x.values.withUnsafeMutableBufferPointer { bp in
                LAPACKE_dposv(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int32(a.rows), Int32(b.cols),
                              ap.baseAddress, Int32(a.rows), bp.baseAddress, Int32(b.cols))
            }
        }
        if info != 0 { throw LAPACKError(routine: "dposv", info: Int(info)) }
        return x
    }

    /// Minimum-norm least squares solution of A X ≈ B (dgelsd), robust to rank deficiency.
    public static func leastSquares(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        precondition(b.rows == a.rows, "leastSquares: row counts differ")
        let m = a.rows, n = a.cols, nrhs = b.cols
        let ldb = max(m, n)
        var pa = a.values
        var pb = [Double](repeating: 0, count: ldb * nrhs)
        for r in 0..<m { for c in 0..<nrhs { pb[r * nrhs + c] = b[r, c] } }
        var s = [Double](repeating: 0, count: min(m, n))
        var rank: Int32 = 0
        let info = pa.withUnsafeMutableBufferPointer { ap in
            pb.withUnsafeMutableBufferPointer { bp in
                s.withUnsafeMutableBufferPointer { sp in
                    LAPACKE_dgelsd(LAPACK_ROW_MAJOR, Int32(m), Int32(n), Int32(nrhs), ap.baseAddress, Int32(n),
                                   bp.baseAddress, Int32(nrhs), sp.baseAddress, -1, &rank)
                }
            }
        }
        if info != 0 { throw LAPACKError(routine: "dgelsd", info: Int(info)) }
        return Matrix(rows: n, cols: nrhs, values: Array(pb[0..<(n * nrhs)]))
    }
}
