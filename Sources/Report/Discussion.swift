import Support
import Results

/// One generated sentence and the formatted numbers it states (each appears verbatim in `text`
/// and comes from the run's results, so a test can check the discussion against the JSON).
public struct Sentence: Sendable, Equatable {
    public var text: String
    public var numbers: [String]
    /// What the sentence is about (`data`, `clustering`, `models`, `groups`, `leakage`, `protocols`, `reference`);
    /// consecutive sentences on one topic form a paragraph.
    public var topic: String

    public init(text: String, numbers: [String], topic: String) {
        self.text = text
        self.numbers = numbers
        self.topic = topic
    }
}

/// Collects the numbers a sentence prints as it is written.
struct SentenceWriter {
    private var numbers: [String] = []
    private(set) var sentences: [Sentence] = []

    mutating func r(_ value: Double) -> String { record(NumberFormat.r(value)) }
    mutating func bound(_ value: Double) -> String { record(NumberFormat.bound(value)) }
    mutating func pValue(_ value: Double) -> String {
        let text = NumberFormat.pValue(value)
        return text.hasPrefix("<") ? "< " + record(String(text.dropFirst(2))) : "= " + record(text)
    }
    mutating func int(_ value: Int) -> String { record(NumberFormat.grouped(value)) }
    mutating func percent(_ value: Double) -> String { record(NumberFormat.percent(value)) }

    private mutating func record(_ text: String) -> String {
        numbers.append(text)
        return text
    }

    mutating func end(_ text: String, topic: String) {
        sentences.append(Sentence(text: text, numbers: numbers, topic: topic))
        numbers = []
    }
}

/// The generated part of a report's Discussion: every sentence is derived from, and every number taken
/// from, the run's results (and, for a follow-up experiment, the reference experiment's saved results).
public enum Discussion {
    /// Sentences about the data, the clustering, the best model per target under the headline protocol, the
    /// benchmark (when set), group-dominated pooled figures, per-group r, leakage between a random and a grouped
    /// split, every other protocol and, when `reference` is given, how this experiment compares with it.
    public static func sentences(_ results: RunResults, reference: RunResults?) -> [Sentence] {
        var w = SentenceWriter()
        let entity = results.entity ?? "rows"
        if let load = results.load {
            let columns = load.targets.compactMap(\.standardizedBy).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            for by in columns {
                let names = load.targets.filter { $0.standardizedBy == by }.map(\.name)
                let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
                w.end("The targets \(list) were z-scored within each \(by) group (label normalization per group), with the "
                    + "group means and standard deviations fitted on each fold's training rows only; a \(by) group absent from "
                    + "the training rows is standardized with its own mean and sd, and every r for them is on that scale.",
                      topic: "data")
            }
        }
        if let join = results.load?.join {
            w.end("The join matched \(w.int(join.matchedRows)) of the \(w.int(join.leftRows)) \(entity) of `\(join.left)` "
                + "(\(w.percent(join.matchRate))) to a row of `\(join.right)`; the others have no `\(join.right)` features "
                + "and rely on imputed values.", topic: "data")
        }
        if let cluster = results.cluster, let lo = cluster.candidates.map(\.k).min(), let hi = cluster.candidates.map(\.k).max() {
            var text = "KMeans was fitted for k = \(w.int(lo)) to \(w.int(hi)) and the \(cluster.rule) rule chose k = \(w.int(cluster.chosenK))"
            if let chosen = cluster.candidates.first(where: { $0.k == cluster.chosenK }) {
                text += " (silhouette \(w.r(chosen.silhouette)))"
            }
            w.end(text + ".", topic: "clustering")
        }
        guard let evaluation = results.evaluation, let headline = evaluation.headline else { return w.sentences }
        for target in evaluation.targets {
            bestModel(&w, evaluation, headline, target)
        }
        DiscussionGroups.sentences(&w, evaluation)
        leakage(&w, evaluation, entity: entity)
        for other in evaluation.protocolsHeadlineFirst.dropFirst() {
            let parts = evaluation.targets.compactMap { target in
                evaluation.ranked(protocolName: other.name, target: target).first.map {
                    "\($0.model) for \(target) (r = \(w.r($0.pooled.pearson)))"
                }
            }
            if !parts.isEmpty {
                w.end("Under \(other.name) (\(other.description)), the best model is \(parts.joined(separator: " and ")).",
                      topic: "protocols")
            }
        }
        if let reference, let refEvaluation = reference.evaluation {
            compare(&w, evaluation, headline, with: refEvaluation, name: reference.experiment)
        }
        return w.sentences
    }

    private static func bestModel(_ w: inout SentenceWriter, _ e: EvaluationSummary, _ p: ProtocolInfo, _ target: String) {
        let ranked = e.ranked(protocolName: p.name, target: target)
        guard let best = ranked.first else { return }
        w.end("Under \(p.name), the best model for \(target) is \(best.model), with pooled r = \(w.r(best.pooled.pearson)) "
            + "(bootstrap interval \(w.r(best.ciLow)) to \(w.r(best.ciHigh)); fold mean \(w.r(best.foldPearsonMean)) "
            + "± \(w.r(best.foldPearsonSD))).", topic: "models-\(target)")
        if ranked.count > 1 {
            let runner = ranked[1]
            if let c = e.comparison(protocolName: p.name, target: target, best: best.model, other: runner.model), c.ci.count == 2 {
                let excludesZero = c.ci[0] > 0 || c.ci[1] < 0
                let verdict = excludesZero
                    ? "the interval excludes zero, so the lead is real on this data"
                    : "the interval includes zero, so the two cannot be told apart on this data"
                w.end("It leads the runner-up, \(runner.model) (r = \(w.r(runner.pooled.pearson))), by \(w.bound(c.difference)) "
                    + "in a paired bootstrap (interval \(w.bound(c.ci[0])) to \(w.bound(c.ci[1])), two-sided "
                    + "p \(w.pValue(c.pValue))): \(verdict).",
                      topic: "models-\(target)")
            } else {
                w.end("The runner-up is \(runner.model) (r = \(w.r(runner.pooled.pearson))); no paired bootstrap was recorded for this pair.",
                      topic: "models-\(target)")
            }
        }
        guard let benchmarkValue = e.benchmark else { return }
        let benchmark = w.r(benchmarkValue)
        if best.pooled.pearson >= benchmarkValue {
            let rest = best.ciLow > benchmarkValue
                ? "and the whole interval lies above it (lower end \(w.r(best.ciLow)))"
                : "but the lower end of its interval, \(w.r(best.ciLow)), does not"
            w.end("It clears the benchmark r = \(benchmark), \(rest).", topic: "models-\(target)")
        } else {
            let rest = best.ciHigh >= benchmarkValue
                ? "although the top of its interval, \(w.r(best.ciHigh)), reaches it"
                : "and even the top of its interval, \(w.r(best.ciHigh)), falls short"
            w.end("It does not clear the benchmark r = \(benchmark), \(rest).", topic: "models-\(target)")
        }
    }

    private static func leakage(_ w: inout SentenceWriter, _ e: EvaluationSummary, entity: String) {
        guard let random = e.protocolInfo(kind: "kfold"), let grouped = e.protocolInfo(kind: "group_kfold") else { return }
        let column = grouped.column ?? "group"
        let why = "\(entity) with the same \(column) share information, so a random split leaks it between training and "
            + "test, and the grouped figure is the honest estimate for new \(column) values"
        let pairs = e.targets.compactMap { target -> (String, ModelResult, ModelResult)? in
            guard let best = e.ranked(protocolName: random.name, target: target).first,
                  let same = e.result(model: best.model, protocolName: grouped.name, target: target) else { return nil }
            return (target, best, same)
        }
        for (i, (target, best, same)) in pairs.enumerated() {
            let last = i == pairs.count - 1
            let a = best.pooled.pearson, b = same.pooled.pearson
            let change = "\(best.model)'s r for \(target) from \(w.r(a)) (\(random.name)) to \(w.r(b)) (\(grouped.name))"
            if a - b > 0.01 {
                w.end("Grouping folds by \(column) lowers \(change)\(last ? ": \(why)" : "").", topic: "leakage")
            } else {
                w.end("Grouping folds by \(column) barely changes \(change), so little leaks through shared \(column) values.",
                      topic: "leakage")
            }
        }
    }

    private static func compare(_ w: inout SentenceWriter, _ e: EvaluationSummary, _ p: ProtocolInfo,
                                with ref: EvaluationSummary, name: String) {
        guard let refProtocol = ref.protocols.first(where: { $0.name == p.name }) ?? ref.headline else { return }
        for target in e.targets {
            guard let mine = e.ranked(protocolName: p.name, target: target).first,
                  let theirs = ref.ranked(protocolName: refProtocol.name, target: target).first else { continue }
            let relation = mine.pooled.pearson > theirs.pooled.pearson ? "exceeds"
                : mine.pooled.pearson < theirs.pooled.pearson ? "falls short of" : "matches"
            let overlap = mine.ciLow <= theirs.ciHigh && theirs.ciLow <= mine.ciHigh
            let verdict = overlap ? "the intervals overlap, so the difference is within sampling noise"
                                  : "the intervals do not overlap"
            w.end("For \(target), the best model here, \(mine.model) (r = \(w.r(mine.pooled.pearson)), interval "
                + "\(w.r(mine.ciLow)) to \(w.r(mine.ciHigh)) under \(p.name)), \(relation) the best model of the \(name) "
                + "experiment, \(theirs.model) (r = \(w.r(theirs.pooled.pearson)), interval \(w.r(theirs.ciLow)) to "
                + "\(w.r(theirs.ciHigh)) under \(refProtocol.name)): \(verdict).", topic: "reference")
        }
    }
}
