import Results

/// Look-ups over an evaluation used by the report sections and the discussion.
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

    func protocolInfo(kind: String) -> ProtocolInfo? { protocols.first { $0.kind == kind } }

    /// Results of every model for one protocol and target, best pooled r first (ties keep run order).
    public func ranked(protocolName: String, target: String) -> [ModelResult] {
        let rows = models.enumerated().filter { $0.element.protocolName == protocolName && $0.element.target == target }
        return rows.sorted { a, b in
            let ra = a.element.pooled.pearson.isNaN ? -Double.infinity : a.element.pooled.pearson
            let rb = b.element.pooled.pearson.isNaN ? -Double.infinity : b.element.pooled.pearson
            return ra != rb ? ra > rb : a.offset < b.offset
        }.map(\.element)
    }

    public func result(model: String, protocolName: String, target: String) -> ModelResult? {
        models.first { $0.model == model && $0.protocolName == protocolName && $0.target == target }
    }

    func comparison(protocolName: String, target: String, best: String, other: String) -> PairedComparison? {
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
    var ciLow: Double { pearsonCI.first ?? .nan }
    var ciHigh: Double { pearsonCI.count > 1 ? pearsonCI[1] : .nan }
}
