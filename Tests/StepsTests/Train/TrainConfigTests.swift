import XCTest
import Learn
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

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

    func testStackingAndVotingTakeNamedOrInlineBaseModels() throws {
        let config = try ConfigDecoder.decode(TrainConfig.self, yaml: """
            models:
              ridge: {kind: ridge, params: {alpha: 10}}
              hgb: {kind: hist_gradient_boosting, params: {max_iter: 20}, grid: {learning_rate: [0.05, 0.1, 0.2]},
                    search: {kind: random, n_iter: 2}}
              knn: {kind: knn}
              vote: {kind: voting, estimators: [ridge, knn], params: {weights: [2, 1]}}
              stack:
                kind: stacking
                params: {alpha: 3, cv: 4}
                grid: {alpha: [1, 10]}
                estimators:
                  r: {kind: ridge, params: {alpha: 100}}
                  k: {kind: knn, params: {n_neighbors: 9}}
            """, file: "x.md")
        try TrainStep.check(config)
        let vote = try XCTUnwrap(config.models.first { $0.name == "vote" })
        XCTAssertEqual(vote.bases.map(\.name), ["ridge", "knn"])
        let voting = try XCTUnwrap(try vote.make() as? VotingRegressor)
        XCTAssertEqual(voting.estimators.map(\.name), ["ridge", "knn"])
        XCTAssertEqual(voting.weights, [2, 1])
        let stack = try XCTUnwrap(config.models.first { $0.name == "stack" })
        let stacking = try XCTUnwrap(try stack.make(["alpha": .int(10)]) as? StackingRegressor)
        XCTAssertEqual(stacking.estimators.map(\.name), ["r", "k"])
        XCTAssertEqual(stacking.hyperparameters, StackingHyperparameters(alpha: 10, cv: 4))
        XCTAssertEqual((stacking.estimators[1].model as? KNeighborsRegressor)?.nNeighbors, 9)
        let hgb = try XCTUnwrap(config.models.first { $0.name == "hgb" })
        XCTAssertEqual(hgb.paramSearch, .random(nIter: 2))
        XCTAssertEqual(hgb.searchDescription, "random, 2 of 3 combinations")
        XCTAssertTrue(TrainStep.markdown(config).contains("estimators: ridge, knn"))
    }

    func testEnsembleMistakesAreClearErrors() throws {
        func problem(_ yaml: String) throws -> String {
            let config = try ConfigDecoder.decode(TrainConfig.self, yaml: yaml, file: "x.md")
            do { try TrainStep.check(config); return "" } catch let e as ConfigError { return "\(e.path): \(e.message)" }
        }
        XCTAssertEqual(try problem("models: {ridge: {kind: ridge}, s: {kind: stacking, estimators: [rigde]}}"),
                       "models.s.estimators[0]: no model `rigde` in this step — did you mean `ridge`?")
        XCTAssertTrue(try problem("models: {s: {kind: voting}}").contains("needs `estimators`"))
        XCTAssertTrue(try problem("models: {r: {kind: ridge, estimators: [x]}}").contains("only stacking and voting"))
        XCTAssertTrue(try problem("models: {r: {kind: ridge, grid: {alpha: [1, 2]}}, s: {kind: stacking, estimators: [r]}}")
            .contains("has a grid"))
        XCTAssertTrue(try problem("models: {v: {kind: voting, estimators: [r]}, s: {kind: stacking, estimators: [v]}, r: {kind: ridge}}")
            .contains("itself a stacking or voting model"))
        XCTAssertTrue(try problem("models: {r: {kind: ridge, search: {kind: random, n_iter: 3}}}").contains("give the model a grid"))
        XCTAssertTrue(try problem("models: {r: {kind: ridge, grid: {alpha: [1, 2]}, search: {kind: random, n_iter: 0}}}")
            .contains("`n_iter` must be at least 1"))
    }
}
