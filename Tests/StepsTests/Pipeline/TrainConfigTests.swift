import XCTest
@testable import Steps

/// Model hyperparameters and grids are checked against each model's real hyperparameter type, with positions.
final class TrainConfigTests: XCTestCase {
    private func errors(_ yaml: String) -> [String] {
        do {
            _ = try ConfigDecoder.decode(TrainConfig.self, yaml: yaml, file: "x.md", lineOffset: 10)
            return []
        } catch let errors as ConfigErrors {
            return errors.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    func testDecodesModelsInFileOrderWithTypedParamsAndGrids() throws {
        let config = try ConfigDecoder.decode(TrainConfig.self, yaml: """
            models:
              ridge: {kind: ridge, grid: {alpha: [1, 10]}}
              hgb: {kind: hist_gradient_boosting, params: {max_iter: 20, learning_rate: 0.2}}
              mlp: {kind: mlp, features: base, params: {hidden_layer_sizes: [8]}}
            inner_folds: 4
            """, file: "x.md")
        XCTAssertEqual(config.models.map(\.name), ["ridge", "hgb", "mlp"])
        XCTAssertEqual(config.models.map(\.kind), [.ridge, .histGradientBoosting, .mlp])
        XCTAssertEqual(config.models[0].paramGrid, ["alpha": [.int(1), .int(10)]])
        XCTAssertEqual(config.models[2].features, .base)
        XCTAssertEqual(config.innerFolds, 4)
        XCTAssertNoThrow(try config.models[1].make())
        XCTAssertNoThrow(try config.models[0].make(["alpha": .double(3)]))
    }

    func testMisspelledHyperparameterPointsAtTheKeyWithASuggestion() {
        let found = errors("""
            models:
              hgb:
                kind: hist_gradient_boosting
                params: {max_iter: 20, lerning_rate: 0.1}
            """)
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("x.md:14:28: error: unknown key `lerning_rate`"), found[0])
        XCTAssertTrue(found[0].contains("did you mean `learning_rate`?"), found[0])
    }

    func testGridKeysAndValuesAreCheckedAgainstTheModel() {
        let unknown = errors("""
            models:
              ridge: {kind: ridge, grid: {alhpa: [1, 10]}}
            """)
        XCTAssertTrue(unknown.first?.hasPrefix("x.md:12:31: error: unknown key `alhpa`") == true, "\(unknown)")
        XCTAssertTrue(unknown.first?.contains("did you mean `alpha`?") == true, "\(unknown)")
        let wrongType = errors("""
            models:
              knn: {kind: knn, grid: {n_neighbors: [5, many]}}
            """)
        XCTAssertEqual(wrongType, ["x.md:12:44: error: expected an integer for `models.knn.grid.n_neighbors`, got `many`"])
    }

    func testUnknownModelKindSuggestsTheNearest() {
        let found = errors("models:\n  f: {kind: random_forrest}\n")
        XCTAssertTrue(found.first?.contains("did you mean `random_forest`?") == true, "\(found)")
    }
}
