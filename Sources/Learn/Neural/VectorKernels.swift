/// Element-wise loops over raw buffers for the per-parameter and per-activation work that BLAS does not
/// cover (optimizer steps, ReLU, masks). Written per concrete type: Swift only emits vector code for
/// SIMD types it knows concretely. (A version generic over the lanes type, specialized for Float and
/// Double, compiled `.<` and `replacing(with:where:)` lane by lane through the stack and made the MLP
/// experiments twice as slow: measured 2026-11-30.)
protocol VectorKernels {
    /// Adam: m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²; p ← p − step · m / (√v + ε).
    static func adam(_ p: UnsafeMutablePointer<Self>, _ m: UnsafeMutablePointer<Self>, _ v: UnsafeMutablePointer<Self>,
                     _ g: UnsafePointer<Self>, count n: Int, step: Self, beta1: Self, beta2: Self, epsilon: Self)
    /// Momentum SGD: velocity ← μ velocity − lr g; p ← p + velocity.
    static func momentum(_ p: UnsafeMutablePointer<Self>, _ velocity: UnsafeMutablePointer<Self>,
                         _ g: UnsafePointer<Self>, count n: Int, mu: Self, lr: Self)
    /// dst ← factor · src.
    static func scale(_ src: UnsafePointer<Self>, by factor: Self, into dst: UnsafeMutablePointer<Self>, count n: Int)
    /// out ← max(z, 0).
    static func relu(_ z: UnsafePointer<Self>, into out: UnsafeMutablePointer<Self>, count n: Int)
    /// g ← g where z > 0, else 0 (ReLU's derivative applied in place).
    static func reluBackward(_ g: UnsafeMutablePointer<Self>, z: UnsafePointer<Self>, count n: Int)
    /// a ← a ⊙ b.
    static func multiply(_ a: UnsafeMutablePointer<Self>, by b: UnsafePointer<Self>, count n: Int)
}

extension Float: VectorKernels {
    @inline(__always) private static func load(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD8<Float> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
    }
    @inline(__always) private static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD8<Float>.self)
    }

    static func adam(_ p: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>,
                     _ g: UnsafePointer<Float>, count n: Int, step: Float, beta1: Float, beta2: Float, epsilon: Float) {
        var i = 0
        let b1 = SIMD8<Float>(repeating: beta1), b2 = SIMD8<Float>(repeating: beta2)
        let c1 = SIMD8<Float>(repeating: 1 - beta1), c2 = SIMD8<Float>(repeating: 1 - beta2)
        let s = SIMD8<Float>(repeating: step), e = SIMD8<Float>(repeating: epsilon)
        while i &+ 8 <= n {
            let gi = load(g, i)
            let mi = b1 * load(UnsafePointer(m), i) + c1 * gi
            let vi = b2 * load(UnsafePointer(v), i) + c2 * (gi * gi)
            store(mi, m, i)
            store(vi, v, i)
            store(load(UnsafePointer(p), i) - s * mi / (squareRoot(vi) + e), p, i)
            i &+= 8
        }
        while i < n {
            let gi = g[i]
            m[i] = beta1 * m[i] + (1 - beta1) * gi
            v[i] = beta2 * v[i] + (1 - beta2) * (gi * gi)
            p[i] -= step * m[i] / (v[i].squareRoot() + epsilon)
            i &+= 1
        }
    }

    /// √v for v ≥ 0 in packed arithmetic: v · (1/√v), the reciprocal root from the classic bit-level
    /// estimate refined by three Newton steps (relative error below Float's 6e-8 rounding).
    /// Swift's `squareRoot()` calls libm per lane on Linux, which blocks vector code.
    @inline(__always) static func squareRoot(_ v: SIMD8<Float>) -> SIMD8<Float> {
        let x = v + SIMD8<Float>(repeating: 1e-30)
        let bits = SIMD8<Int32>(repeating: 0x5f37_59df) &- (unsafeBitCast(x, to: SIMD8<Int32>.self) &>> 1)
        var y = unsafeBitCast(bits, to: SIMD8<Float>.self)
        let half = 0.5 * x, threeHalves = SIMD8<Float>(repeating: 1.5)
        y = y * (threeHalves - half * y * y)
        y = y * (threeHalves - half * y * y)
        y = y * (threeHalves - half * y * y)
        return v * y
    }

    static func momentum(_ p: UnsafeMutablePointer<Float>, _ velocity: UnsafeMutablePointer<Float>,
                         _ g: UnsafePointer<Float>, count n: Int, mu: Float, lr: Float) {
        var i = 0
        let mv = SIMD8<Float>(repeating: mu), lv = SIMD8<Float>(repeating: lr)
        while i &+ 8 <= n {
            let vel = mv * load(UnsafePointer(velocity), i) - lv * load(g, i)
            store(vel, velocity, i)
            store(load(UnsafePointer(p), i) + vel, p, i)
            i &+= 8
        }
        while i < n {
            velocity[i] = mu * velocity[i] - lr * g[i]
            p[i] += velocity[i]
            i &+= 1
        }
    }

    static func scale(_ src: UnsafePointer<Float>, by factor: Float, into dst: UnsafeMutablePointer<Float>, count n: Int) {
        var i = 0
        let f = SIMD8<Float>(repeating: factor)
        while i &+ 8 <= n { store(f * load(src, i), dst, i); i &+= 8 }
        while i < n { dst[i] = factor * src[i]; i &+= 1 }
    }

    static func relu(_ z: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count n: Int) {
        var i = 0
        let zero = SIMD8<Float>(repeating: 0)
        while i &+ 8 <= n {
            let x = load(z, i)
            store(x.replacing(with: zero, where: x .< zero), out, i)
            i &+= 8
        }
        while i < n { out[i] = z[i] > 0 ? z[i] : 0; i &+= 1 }
    }

    static func reluBackward(_ g: UnsafeMutablePointer<Float>, z: UnsafePointer<Float>, count n: Int) {
        var i = 0
        let zero = SIMD8<Float>(repeating: 0)
        while i &+ 8 <= n {
            store(load(UnsafePointer(g), i).replacing(with: zero, where: load(z, i) .<= zero), g, i)
            i &+= 8
        }
        while i < n { if !(z[i] > 0) { g[i] = 0 }; i &+= 1 }
    }

    static func multiply(_ a: UnsafeMutablePointer<Float>, by b: UnsafePointer<Float>, count n: Int) {
        var i = 0
        while i &+ 8 <= n { store(load(UnsafePointer(a), i) * load(b, i), a, i); i &+= 8 }
        while i < n { a[i] *= b[i]; i &+= 1 }
    }
}

extension Double: VectorKernels {
    @inline(__always) private static func load(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<Double>.self)
    }
    @inline(__always) private static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD4<Double>.self)
    }

    static func adam(_ p: UnsafeMutablePointer<Double>, _ m: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>,
                     _ g: UnsafePointer<Double>, count n: Int, step: Double, beta1: Double, beta2: Double, epsilon: Double) {
        // A plain loop: LLVM vectorizes it with packed square roots (SIMD's squareRoot() goes lane by lane).
        let c1 = 1 - beta1, c2 = 1 - beta2
        var i = 0
        while i < n {
            let gi = g[i]
            let mi = beta1 * m[i] + c1 * gi
            let vi = beta2 * v[i] + c2 * (gi * gi)
            m[i] = mi
            v[i] = vi
            p[i] -= step * mi / (vi.squareRoot() + epsilon)
            i &+= 1
        }
    }

    static func momentum(_ p: UnsafeMutablePointer<Double>, _ velocity: UnsafeMutablePointer<Double>,
                         _ g: UnsafePointer<Double>, count n: Int, mu: Double, lr: Double) {
        var i = 0
        let mv = SIMD4<Double>(repeating: mu), lv = SIMD4<Double>(repeating: lr)
        while i &+ 4 <= n {
            let vel = mv * load(UnsafePointer(velocity), i) - lv * load(g, i)
            store(vel, velocity, i)
            store(load(UnsafePointer(p), i) + vel, p, i)
            i &+= 4
        }
        while i < n {
            velocity[i] = mu * velocity[i] - lr * g[i]
            p[i] += velocity[i]
            i &+= 1
        }
    }

    static func scale(_ src: UnsafePointer<Double>, by factor: Double, into dst: UnsafeMutablePointer<Double>, count n: Int) {
        var i = 0
        let f = SIMD4<Double>(repeating: factor)
        while i &+ 4 <= n { store(f * load(src, i), dst, i); i &+= 4 }
        while i < n { dst[i] = factor * src[i]; i &+= 1 }
    }

    static func relu(_ z: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, count n: Int) {
        var i = 0
        let zero = SIMD4<Double>(repeating: 0)
        while i &+ 4 <= n {
            let x = load(z, i)
            store(x.replacing(with: zero, where: x .< zero), out, i)
            i &+= 4
        }
        while i < n { out[i] = z[i] > 0 ? z[i] : 0; i &+= 1 }
    }

    static func reluBackward(_ g: UnsafeMutablePointer<Double>, z: UnsafePointer<Double>, count n: Int) {
        var i = 0
        let zero = SIMD4<Double>(repeating: 0)
        while i &+ 4 <= n {
            store(load(UnsafePointer(g), i).replacing(with: zero, where: load(z, i) .<= zero), g, i)
            i &+= 4
        }
        while i < n { if !(z[i] > 0) { g[i] = 0 }; i &+= 1 }
    }

    static func multiply(_ a: UnsafeMutablePointer<Double>, by b: UnsafePointer<Double>, count n: Int) {
        var i = 0
        while i &+ 4 <= n { store(load(UnsafePointer(a), i) * load(b, i), a, i); i &+= 4 }
        while i < n { a[i] *= b[i]; i &+= 1 }
    }
}
