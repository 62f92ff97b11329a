import Foundation
import XCTest
@testable import Learn
import Linalg

/// Gaussian blobs around well-separated centres, with their true labels.
func makeBlobs(centres: [[Double]], perCluster: Int, sd: Double, seed: UInt64) -> (Matrix, [Int]) {
    var rng = SeededGenerator(seed: seed)
    var rows: [[Double]] = [], labels: [Int] = []
    for (c, centre) in centres.enumerated() {
        for _ in 0..<perCluster {
            rows.append(centre.map { $0 + sd * rng.nextGaussian() })
            labels.append(c)
        }
    }
    return (Matrix(rowArrays: rows), labels)
}

struct SilhouetteFixture: Decodable {
    let x: [[Double]]
    let kmeans_labels: [Int]
    let kmeans_silhouette: Double
    let kmeans_inertia: Double
    let arbitrary_labels: [Int]
    let arbitrary_silhouette: Double

    static func load() throws -> SilhouetteFixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "silhouette", withExtension: "json",
                                                  subdirectory: "Fixtures/neural"))
        return try JSONDecoder().decode(SilhouetteFixture.self, from: Data(contentsOf: url))
    }
}

final class KMeansTests: XCTestCase {
    let centres: [[Double]] = [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]]

    func testRecoversSeparableBlobs() throws {
        let (x, truth) = makeBlobs(centres: centres, perCluster: 50, sd: 0.5, seed: 1)
        let fitted = try KMeans(.init(nClusters: 4, nInit: 5)).fit(x, seed: 7)
        // Same partition up to renaming: each true cluster maps to exactly one label, and vice versa.
        var mapping: [Int: Int] = [:]
        for (t, l) in zip(truth, fitted.labels) {
            if let m = mapping[t] { XCTAssertEqual(m, l) } else { mapping[t] = l }
        }
        XCTAssertEqual(Set(mapping.values).count, 4)
        XCTAssertEqual(fitted.sizes, [50, 50, 50, 50])
        XCTAssertEqual(try fitted.predict(x), fitted.labels)
        // Centroids near the true centres.
        for (t, l) in mapping {
            for c in 0..<3 { XCTAssertEqual(fitted.centroids[l, c], centres[t][c], accuracy: 0.3) }
        }
    }

    func testInertiaIsSumOfSquaredDistancesAndMatchesScikitLearn() throws {
        let f = try SilhouetteFixture.load()
        let x = Matrix(rowArrays: f.x)
        let fitted = try KMeans(.init(nClusters: 4, nInit: 10)).fit(x, seed: 0)
        var direct = 0.0
        for r in 0..<x.rows {
            for c in 0..<x.cols { let d = x[r, c] - fitted.centroids[fitted.labels[r], c]; direct += d * d }
        }
        XCTAssertEqual(fitted.inertia, direct, accuracy: 1e-8 * direct)
        XCTAssertLessThanOrEqual(fitted.inertia, f.kmeans_inertia * 1.005)
    }

    func testSameSeedSameResultAndRestartsHelp() throws {
        let (x, _) = makeBlobs(centres: centres, perCluster: 40, sd: 3, seed: 2)
        let a = try KMeans(.init(nClusters: 5, nInit: 4)).fit(x, seed: 11)
        let b = try KMeans(.init(nClusters: 5, nInit: 4)).fit(x, seed: 11)
        XCTAssertEqual(a, b)
        let single = try KMeans(.init(nClusters: 5, nInit: 1)).fit(x, seed: 11)
        XCTAssertLessThanOrEqual(a.inertia, single.inertia + 1e-9)
        let random = try KMeans(.init(nClusters: 5, nInit: 4, initialization: .random)).fit(x, seed: 11)
        XCTAssertEqual(random.k, 5)
    }

    func testRejectsBadInput() {
        let x = Matrix(rowArrays: [[1, 2], [3, 4]])
        XCTAssertThrowsError(try KMeans(.init(nClusters: 3)).fit(x, seed: 0))
        XCTAssertThrowsError(try KMeans(.init(nClusters: 1)).fit(Matrix(rowArrays: [[1, .nan]]), seed: 0))
        XCTAssertThrowsError(try KMeans(.init(nClusters: 0)).fit(x, seed: 0))
    }

    func testSilhouetteMatchesScikitLearn() throws {
        let f = try SilhouetteFixture.load()
        let x = Matrix(rowArrays: f.x)
        XCTAssertEqual(try silhouetteScore(x, labels: f.kmeans_labels), f.kmeans_silhouette, accuracy: 1e-9)
        XCTAssertEqual(try silhouetteScore(x, labels: f.arbitrary_labels), f.arbitrary_silhouette, accuracy: 1e-9)
        // A sample at least as large as the data is the full score; a smaller one is seeded.
        XCTAssertEqual(try silhouetteScore(x, labels: f.kmeans_labels, sampleSize: 1000, seed: 3),
                       f.kmeans_silhouette, accuracy: 1e-9)
        let s1 = try silhouetteScore(x, labels: f.kmeans_labels, sampleSize: 60, seed: 3)
        XCTAssertEqual(s1, try silhouetteScore(x, labels: f.kmeans_labels, sampleSize: 60, seed: 3))
        XCTAssertEqual(s1, f.kmeans_silhouette, accuracy: 0.1)
        XCTAssertThrowsError(try silhouetteScore(x, labels: [Int](repeating: 0, count: x.rows)))
    }

    func testElbowRuleFindsTheKnee() {
        // Inertia drops sharply up to k = 3, then flattens.
        XCTAssertEqual(KSelection.elbowIndex(ks: [2, 3, 4, 5, 6, 7], inertias: [100, 20, 15, 12, 10, 9]), 1)
        XCTAssertEqual(KSelection.elbowIndex(ks: [2, 3], inertias: [10, 5]), 0)
        XCTAssertEqual(KSelection.maxSilhouetteIndex([0.2, 0.5, 0.5, 0.1]), 1)
    }

    func testSelectionChoosesTheTrueNumberOfBlobs() throws {
        let (x, _) = makeBlobs(centres: centres, perCluster: 40, sd: 0.7, seed: 4)
        let bySilhouette = try KSelection.select(x, ks: 2...7, rule: .maxSilhouette,
                                                 base: .init(nInit: 3), silhouetteSample: 100, seed: 5)
        XCTAssertEqual(bySilhouette.chosen.k, 4)
        XCTAssertEqual(bySilhouette.candidates.map(\.k), Array(2...7))
        let byElbow = try KSelection.select(x, ks: 2...7, rule: .elbow, base: .init(nInit: 3), seed: 5)
        XCTAssertEqual(byElbow.chosen.k, 4)
        XCTAssertThrowsError(try KSelection.select(x, ks: 1...3, rule: .elbow, seed: 0))
    }

    func testClusterFeaturesAppendOneHotAndDistances() throws {
        let (x, _) = makeBlobs(centres: centres, perCluster: 20, sd: 0.5, seed: 6)
        let transform = ClusterFeatures(kmeans: .init(nClusters: 4, nInit: 2), kinds: [.onehot, .distances])
        let fitted = try XCTUnwrap(try transform.fit(x, seed: 1) as? ClusterFeatures.Fitted)
        let out = try fitted.transform(x)
        XCTAssertEqual(out.cols, 3 + 8)
        for r in 0..<x.rows {
            for c in 0..<3 { XCTAssertEqual(out[r, c], x[r, c]) }
            let onehot = (0..<4).map { out[r, 3 + $0] }
            XCTAssertEqual(onehot.reduce(0, +), 1)
            let label = fitted.model.labels[r]
            XCTAssertEqual(onehot[label], 1)
            for j in 0..<4 {
                var d = 0.0
                for c in 0..<3 { let e = x[r, c] - fitted.model.centroids[j, c]; d += e * e }
                XCTAssertEqual(out[r, 7 + j], d.squareRoot(), accuracy: 1e-9)
            }
        }
        XCTAssertThrowsError(try fitted.transform(Matrix(rows: 1, cols: 2)))
        XCTAssertThrowsError(try ClusterFeatures(kmeans: .init(nClusters: 2), kinds: []).fit(x, seed: 0))
    }
}
