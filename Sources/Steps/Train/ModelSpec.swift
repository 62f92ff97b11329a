import Runner
import Config
import Evaluate
import Learn
import Yams

/// One model of the `train` step: its kind, hyperparameters, optional grid, and feature set.
///
/// ```yaml
/// hgb:
///   kind: hist_gradient_boosting
///   params: {max_iter: 100, learning_rate: 0.1}
///   grid: {max_leaf_nodes: [15, 31]}
///   features: all          # or base: without cluster features
///   search: {kind: random, n_iter: 20}   # optional: explore the grid at random
/// stack:
///   kind: stacking
///   estimators: [ridge, hgb]              # other models of the step, or inline: {r: {kind: ridge}}
/// ```
public struct ModelSpec: Decodable, @unchecked Sendable {
    public let name: String
    public let kind: ModelKind
    public let features: FeatureSet
    /// The grid as written, in file order: hyperparameter name and candidate values.
    public let grid: [(name: String, values: [ParamValue])]
    /// The hyperparameters as written (`params`), for display.
    public let params: [(name: String, value: String)]
    /// How the grid is explored (every combination when nil).
    public let search: SearchConfig?
    /// Base models of a stacking or voting model named by reference to other models of the step.
    public let estimatorNames: [String]
    /// Base models of a stacking or voting model: inline ones, then references resolved by `TrainConfig`.
    public internal(set) var bases: [ModelSpec]
    private let paramsNode: Node?
    private let source: ConfigSource

    enum CodingKeys: String, CodingKey { case kind, params, grid, features, search, estimators }

    public init(from decoder: Decoder) throws {
        guard let nodeDecoder = decoder as? NodeDecoder else {
            throw RunError("internal error: model specifications decode from experiment YAML only")
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = decoder.codingPath.last?.stringValue ?? "model"
        kind = try c.decode(ModelKind.self, forKey: .kind)
        features = try c.decodeIfPresent(FeatureSet.self, forKey: .features) ?? .all
        source = nodeDecoder.state.source
        let blueprint = try ModelCatalog.blueprint(kind)

        var paramsNode: Node?
        if c.contains(.params), let child = try c.superDecoder(forKey: .params) as? NodeDecoder {
            paramsNode = child.node
            // Validate now: unknown keys, wrong types and bad choices point at the user's text.
            for pair in child.node.mapping ?? [:] {
                let key = pair.key.string ?? ""
                try HyperparameterRules.check(key, pair.value, model: name, path: ConfigPath.text(child.codingPath + [NameKey(key)]),
                                              state: child.state)
            }
            let merged = YAMLNodes.merged(blueprint.defaults, child.node)
            _ = try blueprint.decode(NodeDecoder(node: merged, state: child.state, codingPath: child.codingPath))
        }
        self.paramsNode = paramsNode
        params = paramsNode?.mapping.map { pairs in
            pairs.map { (name: $0.key.string ?? "", value: Self.display($0.value)) }
        } ?? []

        var grid: [(name: String, values: [ParamValue])] = []
        if c.contains(.grid), let child = try c.superDecoder(forKey: .grid) as? NodeDecoder {
            guard case .mapping(let mapping) = child.node else {
                throw child.state.typeMismatch(expected: "a mapping of hyperparameter lists", node: child.node,
                                               path: child.codingPath)
            }
            let base = YAMLNodes.merged(blueprint.defaults, paramsNode)
            for pair in mapping {
                let key = pair.key.string ?? ""
                guard case .sequence(let candidates) = pair.value, !candidates.isEmpty else {
                    throw child.state.typeMismatch(expected: "a non-empty list of values", node: pair.value,
                                                   path: child.codingPath + [NameKey(key)])
                }
                try HyperparameterRules.check(key, pair.value, model: name,
                                              path: ConfigPath.text(child.codingPath + [NameKey(key)]), state: child.state)
                var values: [ParamValue] = []
                for (i, candidate) in candidates.enumerated() {
                    guard let value = YAMLNodes.paramValue(candidate) else {
                        throw child.state.typeMismatch(expected: "a number, a string or true/false", node: candidate,
                                                       path: child.codingPath + [NameKey(key), IndexKey(i)])
                    }
                    // Each candidate is decoded on its own (a fresh state), so unknown keys and bad values
                    // are reported at the user's grid key or value, under the grid's path.
                    let trial = YAMLNodes.merged(base, Node([(pair.key, candidate)]))
                    let state = DecodingState(source: child.state.source)
                    _ = try blueprint.decode(NodeDecoder(node: trial, state: state, codingPath: child.codingPath))
                    // Only the grid's own key: an unknown `params` key is reported under `params` by the outer decode.
                    let unknown = state.unknownKeyErrors().filter { $0.path.hasSuffix(".\(key)") || $0.path == key }
                    if !unknown.isEmpty { throw ConfigErrors(unknown) }
                    values.append(value)
                }
                grid.append((name: key, values: values))
            }
        }
        self.grid = grid
        search = try c.decodeIfPresent(SearchConfig.self, forKey: .search)

        var names: [String] = [], inline: [ModelSpec] = []
        if c.contains(.estimators), let child = try c.superDecoder(forKey: .estimators) as? NodeDecoder {
            switch child.node {
            case .mapping:
                let specs = try c.nestedContainer(keyedBy: NameKey.self, forKey: .estimators)
                inline = try specs.allKeys.map { try specs.decode(ModelSpec.self, forKey: $0) }
            default:
                names = try c.decode([String].self, forKey: .estimators)
            }
        }
        estimatorNames = names
        bases = inline
    }

    /// The sentence of the search, for tables: "random, 20 of 36 combinations".
    public var searchDescription: String? {
        guard !grid.isEmpty else { return nil }
        let total = grid.reduce(1) { $0 * $1.values.count }
        if let search, search.kind == .random, search.nIter < total { return "random, \(search.nIter) of \(total) combinations" }
        return nil
    }

    /// The grid search strategy for the evaluation.
    public var paramSearch: ParamSearch {
        if let search, search.kind == .random { return .random(nIter: search.nIter) }
        return .grid
    }

    /// The grid in the form the grid search takes.
    public var paramGrid: ParamGrid? {
        grid.isEmpty ? nil : Dictionary(grid.map { ($0.name, $0.values) }, uniquingKeysWith: { a, _ in a })
    }

    /// Builds the model with `overrides` (a grid candidate) laid over the written params and the defaults.
    public func make(_ overrides: Params = [:]) throws -> any Regressor {
        let blueprint = try ModelCatalog.blueprint(kind)
        let node = YAMLNodes.merged(YAMLNodes.merged(blueprint.defaults, paramsNode), YAMLNodes.mapping(overrides))
        let state = DecodingState(source: source)
        do {
            let model = try blueprint.decode(NodeDecoder(node: node, state: state, codingPath: [NameKey(name)]))
            let estimators = try bases.map { (name: $0.name, model: try $0.make()) }
            switch model {
            case var stack as StackingRegressor:
                stack.estimators = estimators
                return stack
            case var vote as VotingRegressor:
                vote.estimators = estimators
                return vote
            default:
                return model
            }
        } catch let error as ConfigError {
            throw RunError("model `\(name)`: \(error.message)")
        } catch let error as DecodingError {
            throw RunError("model `\(name)`: \(state.error(from: error, root: node).message)")
        }
    }

    private static func display(_ node: Node) -> String {
        switch node {
        case .scalar(let s): s.string
        case .sequence(let seq): "[" + seq.map(display).joined(separator: ", ") + "]"
        case .mapping(let m): "{" + m.map { "\($0.key.string ?? ""): \(display($0.value))" }.joined(separator: ", ") + "}"
        case .alias: "*alias"
        }
    }
}
