import Support
import Results

/// The Report's models and evaluation-protocol sections.
enum EvaluationSections {
    static func models(_ e: EvaluationSummary, entity: String) -> Document {
        var doc = Document()
        doc.heading(3, "Models", id: "models")
        guard let p = e.headline else { return doc }
        doc.paragraph("Metrics under \(p.name) (\(p.description)), on the pooled out-of-fold predictions; the interval is a "
            + "95% bootstrap interval of the pooled Pearson r. Best model first.")
        for target in e.targets {
            var rows: [[String]] = []
            for m in e.ranked(protocolName: p.name, target: target) {
                rows.append([m.model, NumberFormat.r(m.pooled.pearson),
                             "[\(NumberFormat.r(m.ciLow)), \(NumberFormat.r(m.ciHigh))]",
                             "\(NumberFormat.r(m.foldPearsonMean)) ± \(NumberFormat.r(m.foldPearsonSD))",
                             NumberFormat.r(m.pooled.spearman), NumberFormat.r(m.pooled.r2), NumberFormat.r(m.pooled.rmse),
                             bestParams(m.bestParams)])
            }
            doc.heading(4, "Target: \(target)", id: "models-\(target)")
            doc.table(Table(header: ["model", "pooled r", "95% CI", "fold mean ± sd", "Spearman", "R²", "RMSE", "best hyperparameters"],
                            rows: rows, numeric: [1, 2, 3, 4, 5, 6]))
        }
        doc.append(GroupSections.warnings(e))
        for proto in e.protocolsHeadlineFirst {
            doc.figure(comparisonChart(e, proto), narrow: comparisonChart(e, proto, width: 360), name: "evaluate-comparison-\(proto.name)", step: "evaluate", caption: "Pooled Pearson r per model under \(proto.name), with 95% bootstrap "
                + "intervals" + (e.benchmark.map { "; the dashed line is the benchmark r = \(NumberFormat.r($0))." } ?? "."))
        }
        for target in e.targets {
            guard let sample = e.bestPredictions.first(where: { $0.protocolName == p.name && $0.target == target }) else { continue }
            let n = min(sample.actual.count, sample.predicted.count), stride = ScatterCharts.sampleStride(n)
            let drawn = (n + stride - 1) / stride
            let shown = stride == 1 ? "\(NumberFormat.grouped(n)) \(entity)"
                : "\(NumberFormat.grouped(drawn)) of \(NumberFormat.grouped(n)) \(entity), evenly spaced"
            doc.figure(ScatterCharts.predictedVsActual(actual: sample.actual, predicted: sample.predicted,
                                                       title: "\(target): \(sample.model) predicted against actual"),
                       name: "evaluate-predicted-\(target)", step: "evaluate", caption: "\(target): out-of-fold predictions of \(sample.model) under \(p.name) against the actual values "
                        + "(\(shown)); dashed: the identity line.", half: true)
        }
        // Per-target models record each target's curves ("<curve> <index>"): one panel per target and model. A model
        // fitted on every target at once has one set of curves: one panel for it.
        var drawnShared: Set<String> = []
        for (t, target) in e.targets.enumerated() {
            for m in e.ranked(protocolName: p.name, target: target) {
                let curves = targetCurves(m.curves, target: t)
                guard !curves.isEmpty else { continue }
                let shared = !m.curves.keys.contains { $0.split(separator: " ").last.map { Int($0) != nil } ?? false }
                if shared && e.targets.count > 1 {
                    guard drawnShared.insert(m.model).inserted else { continue }
                    doc.figure(lossChart(curves, model: m.model, target: nil), name: "evaluate-training-\(m.model)", step: "evaluate",
                               caption: "Training curves of \(m.model) under \(p.name), first fold, one network for all targets "
                                + "(solid: training loss; dashed: validation loss), on its own axis.", half: true)
                    continue
                }
                doc.figure(lossChart(curves, model: m.model, target: target), name: "evaluate-training-\(target)-\(m.model)",
                           step: "evaluate", caption: "\(target): training curves of \(m.model) under \(p.name), first fold "
                            + "(solid: training loss; dashed: validation loss), on its own axis.", half: true)
            }
        }
        return doc
    }

    static func protocols(_ e: EvaluationSummary) -> Document {
        var doc = Document()
        doc.heading(3, "Evaluation protocols", id: "protocols")
        doc.list(e.protocols.map { p in
            "\(p.name) (\(p.kind), \(p.folds) \(p.folds == 1 ? "split" : "folds")\(p.column.map { ", by \($0)" } ?? "")): \(p.description)"
                + (p.name == e.headline?.name ? " (headline)" : "") + (p.metricsBy.map { "; metrics per \($0) group" } ?? "")
        })
        doc.paragraph("Pooled Pearson r with its 95% bootstrap interval, side by side per protocol.")
        var rows: [[String]] = []
        for target in e.targets {
            for model in e.modelNames {
                rows.append([model, target] + e.protocols.map { rWithInterval(e.result(model: model, protocolName: $0.name, target: target)) })
            }
        }
        doc.table(Table(header: ["model", "target"] + e.protocols.map(\.name), rows: rows, numeric: Set(2..<(2 + e.protocols.count))))
        let comparisonRows = e.comparisons.map { c in
            [c.protocolName, c.target, c.best, c.other, NumberFormat.bound(c.difference),
             c.ci.count == 2 ? "[\(NumberFormat.bound(c.ci[0])), \(NumberFormat.bound(c.ci[1]))]" : "-", NumberFormat.pValue(c.pValue)]
        }
        if !comparisonRows.isEmpty {
            doc.paragraph("Paired bootstrap of r(best) - r(other) on the same out-of-fold rows: the 95% percentile interval "
                + "and the two-sided p-value of no difference come from the same resamples, so the interval excludes zero "
                + "exactly when p < 0.05.")
            doc.table(Table(header: ["protocol", "target", "best", "other", "difference", "95% interval", "two-sided p"],
                            rows: comparisonRows, numeric: [4, 5, 6]))
        }
        doc.append(GroupSections.perGroup(e))
        return doc
    }

    /// A model's pooled r with its 95% bootstrap interval, `r [low, high]`; `-` when the model has no result there.
    static func rWithInterval(_ m: ModelResult?) -> String {
        guard let m else { return "-" }
        return "\(NumberFormat.r(m.pooled.pearson)) [\(NumberFormat.r(m.ciLow)), \(NumberFormat.r(m.ciHigh))]"
    }

    /// Hyperparameters chosen per fold, summarised as `key=value`, with `(agreeing folds/folds)` when folds disagree.
    static func bestParams(_ perFold: [[String: String]]) -> String {
        guard !perFold.isEmpty else { return "-" }
        let keys = Set(perFold.flatMap(\.keys)).sorted()
        return keys.map { key in
            var counts: [String: Int] = [:]
            for fold in perFold { if let v = fold[key] { counts[v, default: 0] += 1 } }
            let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first
            guard let (value, count) = top else { return key }
            return count == perFold.count ? "\(key)=\(value)" : "\(key)=\(value) (\(count)/\(perFold.count))"
        }.joined(separator: "; ")
    }

    private static func comparisonChart(_ e: EvaluationSummary, _ p: ProtocolInfo, width: Double = 880) -> String {
        let names = e.modelNames
        let series = e.targets.map { target in
            let results = names.map { e.result(model: $0, protocolName: p.name, target: target) }
            return BarSeries(name: target, values: results.map { $0?.pooled.pearson ?? .nan },
                             intervals: results.map { $0.map { ($0.ciLow, $0.ciHigh) } })
        }
        return BarCharts.comparison(groups: names, series: series, benchmark: e.benchmark, valueLabel: "pooled Pearson r",
                                    title: "Model comparison under \(p.name)", width: width)
    }

    /// The curves of target number `target`: keys `"<curve> <index>"` of per-target models for that index, and
    /// unsuffixed keys (one model fitted on every target at once), by curve name.
    static func targetCurves(_ curves: [String: [Double]], target: Int) -> [(name: String, values: [Double])] {
        curves.compactMap { key, values -> (name: String, values: [Double])? in
            guard let space = key.lastIndex(of: " "), let index = Int(key[key.index(after: space)...]) else {
                return (key, values)
            }
            return index == target ? (String(key[..<space]), values) : nil
        }.sorted { $0.name < $1.name }
    }

    private static func lossChart(_ curves: [(name: String, values: [Double])], model: String, target: String?) -> String {
        let series = curves.map { curve in
            LineSeries(name: curve.name.replacingOccurrences(of: "_", with: " "), x: curve.values.indices.map { Double($0 + 1) },
                       y: curve.values, color: curve.name.lowercased().contains("val") ? 1 : 0,
                       dashed: curve.name.lowercased().contains("val"))
        }
        return LineCharts.lines(series, xLabel: "iteration", yLabel: "loss", title: (target.map { "\($0): " } ?? "") + "\(model) training curves", width: 440)
    }
}
