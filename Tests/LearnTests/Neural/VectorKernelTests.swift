import XCTest
@testable import Learn
import Linalg

final class VectorKernelTests: XCTestCase {
    /// The packed Float32 Adam step (Newton reciprocal square root) against a Float64 reference,
    /// including zero second moments and a ragged tail.
    func testFloatAdamMatchesDoubleReference() {
        var rng = SeededGenerator(seed: 5)
        let n = 1003
        var g = (0..<n).map { _ in Float(rng.nextGaussian() * pow(10, Double(rng.nextInt(below: 9)) - 6)) }
        g[0] = 0; g[9] = 0
        var p = (0..<n).map { _ in Float(rng.nextGaussian()) }, m = [Float](repeating: 0, count: n)
        var v = (0..<n).map { _ in Float(rng.nextUnit() * 1e-3) }
        v[0] = 0
        let p0 = p.map(Double.init), v0 = v.map(Double.init), g0 = g.map(Double.init)
        let step: Float = 1e-3
        p.withUnsafeMutableBufferPointer { pp in
            m.withUnsafeMutableBufferPointer { mp in
                v.withUnsafeMutableBufferPointer { vp in
                    g.withUnsafeBufferPointer { gp in
                        Float.adam(pp.baseAddress!, mp.baseAddress!, vp.baseAddress!, gp.baseAddress!, count: n,
                                   step: step, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
                    }
                }
            }
        }
        for i in 0..<n {
            // The Float32 constants as the kernel sees them (1 − Float(0.999) is not 0.001).
            let b2 = Double(Float(0.999)), c1 = Double(1 - Float(0.9)), c2 = Double(1 - Float(0.999))
            let mi = c1 * g0[i], vi = b2 * v0[i] + c2 * g0[i] * g0[i]
            let expected = p0[i] - Double(step) * mi / (vi.squareRoot() + 1e-8)
            XCTAssertEqual(Double(p[i]), expected, accuracy: 1e-6 * max(1, abs(expected)), "index \(i)")
            XCTAssertEqual(Double(v[i]), vi, accuracy: 1e-6 * vi + 1e-30)
        }
    }

    func testReluKernels() {
        let z: [Float] = [-2, -0.0, 0, 1e-9, 3, -1, 2, 5, -7, 0.5, 4]
        var out = [Float](repeating: 9, count: z.count)
        var g = [Float](repeating: 1, count: z.count)
        z.withUnsafeBufferPointer { zp in
            out.withUnsafeMutableBufferPointer { op in Float.relu(zp.baseAddress!, into: op.baseAddress!, count: z.count) }
            g.withUnsafeMutableBufferPointer { gp in Float.reluBackward(gp.baseAddress!, z: zp.baseAddress!, count: z.count) }
        }
        XCTAssertEqual(out, z.map { max($0, 0) })
        XCTAssertEqual(g, z.map { $0 > 0 ? 1 : 0 })
    }
}
