
/// Look-ups over an evaluation used by the steps, the report sections, the discussion and the workflows.
extension EvaluationSummary {
    /// The protocol that leads the report: `evaluate.headline`, else the first protocol run.
    public var headline: ProtocolInfo? { protocols.first { $0.name == headlineProtocol } ?? protocols.first }

    /// The headline protocol first, then the others in run order.
    public var protocolsHeadlineFirst: [ProtocolInfo] {
        guard let h = headline else { return protocols }
        return [h] + protocols.filter { $0.name != h.name }
    }

    /// The best model's breakdowns under a protocol for a target (one per declared group column).
    public func breakdowns(protocolName: String, target: String) -> [GroupBreakdown] {
        guard let best = ranked(protocolName: protocolName, target: target).first else { return [] }
        return (groupBreakdowns ?? []).filter { $0.protocolName == protocolName && $0.target == target && $0.model == best.model }
    }

    /// Breakdowns (of every protocol's best model) whose pooled r is dominated by group differences.
    public var dominatedBreakdowns: [GroupBreakdown] {
        protocols.flatMap { p in targets.flatMap { breakdowns(protocolName: p.name, target: $0) } }.filter(\.dominated)
    }

    public func protocolInfo(kind: String) -> ProtocolInfo? { protocols.first { $0.kind == kind } }

    /// Results of every model for one protocol and target, best first (see `bestFirst`).
    public func ranked(protocolName: String, target: String) -> [ModelResult] {
        let rows = models.filter { $0.protocolName == protocolName && $0.target == target }
        return Self.bestFirst(rows.map(\.pooled.pearson)).map { rows[$0] }
    }

    /// The one rule for "best model" everywhere (evaluation, report, saved model, sweeps): the indices of
    /// `pearsons` from the highest r down; an undefined r (NaN) ranks last; ties keep run order.
    public static func bestFirst(_ pearsons: [Double]) -> [Int] {
        pearsons.indices.sorted { a, b in
            let ra = pearsons[a].isNaN ? -Double.infinity : pearsons[a]
            let rb = pearsons[b].isNaN ? -Double.infinity : pearsons[b]
            return ra != rb ? ra > rb : a < b
        }
    }

    public func result(model: String, protocolName: String, target: String) -> ModelResult? {
        models.first { $0.model == model && $0.protocolName == protocolName && $0.target == target }
    }

    public func comparison(protocolName: String, target: String, best: String, other: String) -> PairedComparison? {
        comparisons.first { $0.protocolName == protocolName && $0.target == target && $0.best == best && $0.other == other }
    }

    /// Model names in the order they were first run.
    public var modelNames: [String] {
        var seen: [String] = []
        for m in models where !seen.contains(m.model) { seen.append(m.model) }
        return seen
    }
}

extension ModelResult {
    public var ciLow: Double { pearsonCI.first ?? .nan }
    public var ciHigh: Double { pearsonCI.count > 1 ? pearsonCI[1] : .nan }
}
