import Support
import Results

/// The steps' Report sections: each summary with its figures, drawn from the run's results. The Report shows the
/// figures in the step's section; the experiment file links them under the step's output block.
enum StepSections {
    /// Each step's summary with its figures, in step order: the built-in steps', then those of steps outside the
    /// built-in results schema (`RunResults.sections`).
    static func sections(_ results: RunResults) -> [(summary: StepSummary, figures: Document)] {
        var all: [(summary: StepSummary, figures: Document)] = []
        if let load = results.load { all.append((.load(load), self.load(results))) }
        if let clean = results.clean { all.append((.clean(clean), self.clean(clean))) }
        if let cluster = results.cluster {
            let targets = results.load?.targets.map(\.name) ?? results.evaluation?.targets ?? []
            all.append((.cluster(cluster, targets: targets), self.cluster(cluster)))
        }
        return all + (results.sections ?? []).map { (StepSummary($0), Document()) }
    }

    /// The data on the plane of the two targets `report.affect_plane` declares.
    static func load(_ results: RunResults) -> Document {
        var doc = Document()
        let entity = results.entity ?? "rows"
        // The plane's axes are the target columns the experiment declares (horizontal, vertical).
        if let plane = results.affectPlane, let e = results.evaluation, let v = e.targets.firstIndex(of: plane.valence),
           let a = e.targets.firstIndex(of: plane.arousal), max(v, a) < e.targetValues.count {
            let (horizontal, vertical) = (e.targets[v], e.targets[a])
            let center = plane.center.count == 2 ? plane.center : [0, 0]
            doc.figure(ScatterCharts.circumplex(x: e.targetValues[v], y: e.targetValues[a], xName: horizontal,
                                                yName: vertical, center: (center[0], center[1]), entity: entity),
                       name: "load-affect-plane", step: "load", caption: "The data on the \(horizontal)–\(vertical) plane (circumplex model of affect, declared by "
                        + "`report.affect_plane`): a 2-D histogram of the \(entity), quadrants split at (\(NumberFormat.fixed(center[0], 2)), "
                        + "\(NumberFormat.fixed(center[1], 2))) and named after their typical moods.")
        }
        return doc
    }

    /// The explained variance of each reduction.
    static func clean(_ clean: CleanSummary) -> Document {
        var doc = Document()
        for r in clean.reductions where !r.explainedVarianceRatio.isEmpty {
            let title = "Explained variance of \(r.name) (\(r.method))"
            doc.figure(BarCharts.explainedVariance(r.explainedVarianceRatio, title: title),
                       narrow: BarCharts.explainedVariance(r.explainedVarianceRatio, title: title, width: 360),
                       name: "clean-explained-variance-\(r.name)", step: "clean", caption: "\(r.name): explained variance ratio of each of the \(r.components) \(r.method) components kept "
                        + "and the cumulative share (\(NumberFormat.percent(r.explainedVarianceRatio.reduce(0, +))) in all).")
        }
        return doc
    }

    /// The elbow and silhouette curves of the candidate k.
    static func cluster(_ cluster: ClusterSummary) -> Document {
        var doc = Document()
        let ks = cluster.candidates.map { Double($0.k) }
        doc.figure(LineCharts.lines([LineSeries(name: "inertia", x: ks, y: cluster.candidates.map(\.inertia), markers: true)],
                                    xLabel: "k (clusters)", yLabel: "inertia", title: "KMeans elbow curve",
                                    highlight: Double(cluster.chosenK), highlightLabel: "chosen k = \(cluster.chosenK)", width: 440),
                   name: "cluster-elbow", step: "cluster", caption: "Elbow: within-cluster sum of squares against k.", half: true)
        doc.figure(LineCharts.lines([LineSeries(name: "silhouette", x: ks, y: cluster.candidates.map(\.silhouette), color: 2, markers: true)],
                                    xLabel: "k (clusters)", yLabel: "mean silhouette", title: "KMeans silhouette curve",
                                    highlight: Double(cluster.chosenK), highlightLabel: "chosen k = \(cluster.chosenK)", width: 440),
                   name: "cluster-silhouette", step: "cluster", caption: "Silhouette: mean silhouette coefficient against k (higher is better separated).", half: true)
        return doc
    }
}
