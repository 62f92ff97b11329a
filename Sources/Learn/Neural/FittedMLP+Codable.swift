import Linalg

/// One saved network: its precision, layer sizes, activation and flat parameters (float32 values widen to
/// Double exactly and narrow back unchanged).
struct SavedNetwork: Codable {
    var precision: MLPPrecision
    var sizes: [Int]
    var activation: MLPActivation
    var parameters: [Double]

    init?(_ network: any MLPPredictor) {
        if let n = network as? MLPNetwork<Float> {
            self.init(precision: .float32, sizes: n.layout.sizes, activation: n.activation, parameters: n.parameterValues)
        } else if let n = network as? MLPNetwork<Double> {
            self.init(precision: .float64, sizes: n.layout.sizes, activation: n.activation, parameters: n.parameters)
        } else {
            return nil
        }
    }

    init(precision: MLPPrecision, sizes: [Int], activation: MLPActivation, parameters: [Double]) {
        self.precision = precision
        self.sizes = sizes
        self.activation = activation
        self.parameters = parameters
    }

    func network() throws -> any MLPPredictor {
        guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 }),
              parameters.count == MLPLayout(sizes: sizes).parameterCount else {
            throw LearnError("saved MLP: \(parameters.count) parameters do not fit layer sizes \(sizes)")
        }
        return precision == .float32
            ? MLPNetwork<Float>(sizes: sizes, activation: activation, parameters: parameters.map { Float($0) })
            : MLPNetwork<Double>(sizes: sizes, activation: activation, parameters: parameters)
    }
}

extension MLPNetwork {
    /// A network with given parameters (a saved model's).
    init(sizes: [Int], activation: MLPActivation, parameters: [T]) {
        layout = MLPLayout(sizes: sizes)
        self.activation = activation
        self.parameters = parameters
    }
}

/// Saved models store every network, the target standardization and the input width.
extension FittedMLP: Codable {
    enum CodingKeys: String, CodingKey { case networks, means, sds, inputs, curves }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let saved = try c.decode([SavedNetwork].self, forKey: .networks)
        let means = try c.decode([Double].self, forKey: .means)
        let sds = try c.decode([Double].self, forKey: .sds)
        let inputs = try c.decode(Int.self, forKey: .inputs)
        let outputs = saved.reduce(0) { $0 + ($1.sizes.last ?? 0) }
        guard !saved.isEmpty, saved.allSatisfy({ $0.sizes.first == inputs }), outputs == means.count,
              sds.count == means.count else {
            throw LearnError("saved MLP: networks do not match \(inputs) inputs and \(means.count) targets")
        }
        self.init(networks: try saved.map { try $0.network() }, means: means, sds: sds, inputs: inputs,
                  curves: try c.decode([String: [Double]].self, forKey: .curves))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let saved = try networks.map { network -> SavedNetwork in
            guard let s = SavedNetwork(network) else {
                throw EncodingError.invalidValue(network, .init(codingPath: encoder.codingPath,
                                                                debugDescription: "unknown MLP network type"))
            }
            return s
        }
        try c.encode(saved, forKey: .networks)
        try c.encode(means, forKey: .means)
        try c.encode(sds, forKey: .sds)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(curves, forKey: .curves)
    }
}
