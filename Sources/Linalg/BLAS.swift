internal import COpenBLAS

/// Dense products through OpenBLAS. Use these instead of hand-written loops.
public enum BLAS {
    /// C = alpha * op(A) * op(B) + beta * C, row-major, double precision.
    public static func gemm(_ a: Matrix, transposeA: Bool = false,
                            _ b: Matrix, transposeB: Bool = false,
                            alpha: Double = 1, beta: Double = 0, into c: inout Matrix) {
        let m = transposeA ? a.cols : a.rows
        let k = transposeA ? a.rows : a.cols
        let n = transposeB ? b.rows : b.cols
        precondition((transposeB ? b.cols : b.rows) == k, "gemm: inner dimensions differ")
        precondition(c.rows == m && c.cols == n, "gemm: output has the wrong shape")
        if m == 0 || n == 0 { return }
        if k == 0 {
            for i in c.values.indices { c.values[i] *= beta }
            return
        }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.values.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasRowMajor,
                                transposeA ? CblasTrans : CblasNoTrans,
                                transposeB ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), alpha,
                                pa.baseAddress, Int32(a.cols), pb.baseAddress, Int32(b.cols),
                                beta, pc.baseAddress, Int32(n))
                }
            }
        }
    }

    /// op(A) * op(B) as a new matrix.
    public static func multiply(_ a: Matrix, transposeA: Bool = false,
                                _ b: Matrix, transposeB: Bool = false) -> Matrix {
        var c = Matrix(rows: transposeA ? a.cols : a.rows, cols: transposeB ? b.rows : b.cols)
        gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
        return c
    }

    /// Single-precision C = alpha * op(A) * op(B) + beta * C on raw row-major buffers
    /// (for neural networks, where float32 halves the memory traffic).
    public static func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                             alpha: Float, a: UnsafePointer<Float>, lda: Int,
                             b: UnsafePointer<Float>, ldb: Int,
                             beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Double-precision C = alpha * op(A) * op(B) + beta * C on raw row-major buffers.
    public static func dgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                             alpha: Double, a: UnsafePointer<Double>, lda: Int,
                             b: UnsafePointer<Double>, ldb: Int,
                             beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Limits OpenBLAS's own threads (labbook parallelises folds itself; nested threading oversubscribes).
    public static func setThreads(_ n: Int) {
        openblas_set_num_threads(Int32(n))
    }
}
