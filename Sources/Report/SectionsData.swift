import Support
import Results

/// The Report's data, preprocessing and clustering sections.
enum DataSections {
    static func data(_ load: LoadSummary, evaluation: EvaluationSummary?, entity: String, affectPlane: AffectPlane?) -> Document {
        var doc = Document()
        doc.heading(3, "Data", id: "data")
        doc.paragraph("\(NumberFormat.grouped(load.rows)) rows and \(NumberFormat.grouped(load.columns)) columns after loading"
            + (load.join == nil ? "." : " and joining."))
        doc.table(Table(header: ["source", "files (rows)", "rows", "skipped rows"], rows: load.sources.map { s in
            [s.name, s.files.map { "\($0.name) (\(NumberFormat.grouped($0.count)))" }.joined(separator: ", "),
             NumberFormat.grouped(s.rows), NumberFormat.grouped(s.skippedRows)]
        }, numeric: [2, 3]))
        if !load.splits.isEmpty {
            doc.paragraph("Rows per stacked file" + (load.filter == nil ? "" : " after the row filter") + ": " + load.splits.map { "\($0.name) \(NumberFormat.grouped($0.count))" }.joined(separator: ", ") + ".")
        }
        if let join = load.join {
            let normalize = join.normalize.isEmpty ? "" : " (normalized: \(join.normalize.joined(separator: ", ")))"
            doc.paragraph("Join: \(join.how) join of \(join.left) with \(join.right)\(normalize). "
                + "\(NumberFormat.grouped(join.matchedRows)) of \(NumberFormat.grouped(join.leftRows)) rows matched "
                + "(match rate \(NumberFormat.percent(join.matchRate))); \(NumberFormat.grouped(join.rightDuplicateKeysDropped)) "
                + "duplicate keys on the right were dropped.")
            if let files = join.byFile, files.count > 1 {
                let splits = files.contains { $0.split != nil }
                doc.table(Table(header: ["\(join.left) file"] + (splits ? [join.splitColumn ?? "split"] : []) + ["rows", "matched", "match rate"],
                                rows: files.map { f in
                    [f.file] + (splits ? [f.split ?? ""] : [])
                        + [NumberFormat.grouped(f.rows), NumberFormat.grouped(f.matchedRows), NumberFormat.percent(f.matchRate)]
                }, numeric: splits ? [2, 3, 4] : [1, 2, 3]))
            }
        }
        if let filter = load.filter {
            doc.paragraph("Row filter (where, applied after the join, conditions in order): "
                + "\(NumberFormat.grouped(filter.rowsKept)) of \(NumberFormat.grouped(filter.rowsBefore)) rows kept.")
            doc.table(Table(header: ["column", "condition", "rows dropped"], rows: filter.conditions.map { c in
                [c.column, c.condition, NumberFormat.grouped(c.dropped)]
            }, numeric: [2]))
        }
        for warning in load.warnings ?? [] { doc.paragraph("**Warning:** \(warning).") }
        if !load.missing.isEmpty {
            doc.paragraph("Missing values after the join (columns with none omitted):")
            doc.table(Table(header: ["column", "missing", "share of rows"], rows: load.missing.map { m in
                [m.name, NumberFormat.grouped(m.count), NumberFormat.percent(load.rows > 0 ? Double(m.count) / Double(load.rows) : .nan)]
            }, numeric: [1, 2]))
        }
        if !load.targets.isEmpty {
            let standardized = load.targets.contains { $0.standardizedBy != nil }
            doc.table(Table(header: ["target", "mean", "sd", "min", "max"] + (standardized ? ["standardized within"] : []),
                            rows: load.targets.map { t in
                [t.name] + [t.mean, t.sd, t.min, t.max].map { NumberFormat.fixed($0, 3) } + (standardized ? [t.standardizedBy ?? "-"] : [])
            }, numeric: [1, 2, 3, 4]))
            if standardized {
                doc.paragraph("The statistics above are of the raw values. A target with a \"standardized within\" column is "
                    + "z-scored within each group of that column for training and scoring (label normalization per group), with "
                    + "each group's mean and sd fitted on the training rows of every fold; a group with no training rows is "
                    + "standardized with its own mean and sd. Its r, R² and RMSE are on that scale.")
            }
        }
        doc.list(load.renamed.map { "Renamed \($0.from) to \($0.to) to avoid a name clash." })
        // The plane's axes are the target columns the experiment declares (horizontal, vertical).
        if let plane = affectPlane, let e = evaluation, let v = e.targets.firstIndex(of: plane.valence),
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

    static func preprocessing(_ clean: CleanSummary) -> Document {
        var doc = Document()
        doc.heading(3, "Preprocessing", id: "preprocessing")
        doc.paragraph("\(NumberFormat.grouped(clean.featuresBefore)) input features became \(NumberFormat.grouped(clean.featuresAfter)) model features"
            + (clean.tagsKept.map { "; \(NumberFormat.grouped($0)) tags kept" } ?? "") + ". Transforms, in order:")
        doc.list(clean.transforms)
        for warning in clean.warnings ?? [] { doc.paragraph("**Warning:** \(warning).") }
        if !clean.imputed.isEmpty {
            doc.paragraph("Values imputed: " + clean.imputed.map { "\($0.name) \(NumberFormat.grouped($0.count))" }.joined(separator: ", ") + ".")
        }
        if !clean.reductions.isEmpty {
            doc.table(Table(header: ["reduction", "method", "inputs", "components kept", "variance explained", "first component"],
                            rows: clean.reductions.map { r in
                [r.name, r.method, NumberFormat.grouped(r.inputs), NumberFormat.grouped(r.components),
                 NumberFormat.percent(r.explainedVarianceRatio.reduce(0, +)),
                 NumberFormat.percent(r.explainedVarianceRatio.first ?? .nan)]
            }, numeric: [2, 3, 4, 5]))
        }
        for r in clean.reductions where !r.explainedVarianceRatio.isEmpty {
            let title = "Explained variance of \(r.name) (\(r.method))"
            doc.figure(BarCharts.explainedVariance(r.explainedVarianceRatio, title: title),
                       narrow: BarCharts.explainedVariance(r.explainedVarianceRatio, title: title, width: 360),
                       name: "clean-explained-variance-\(r.name)", step: "clean", caption: "\(r.name): explained variance ratio of each of the \(r.components) \(r.method) components kept "
                        + "and the cumulative share (\(NumberFormat.percent(r.explainedVarianceRatio.reduce(0, +))) in all).")
        }
        return doc
    }

    static func clustering(_ cluster: ClusterSummary, targets: [String]) -> Document {
        var doc = Document()
        doc.heading(3, "Clustering", id: "clustering")
        doc.paragraph("KMeans on \(cluster.features.joined(separator: ", ")); k chosen by the \(cluster.rule) rule: k = \(cluster.chosenK).")
        for warning in cluster.warnings ?? [] { doc.paragraph("**Warning:** \(warning).") }
        doc.table(Table(header: ["k", "inertia", "silhouette", "chosen"], rows: cluster.candidates.map { c in
            [String(c.k), NumberFormat.fixed(c.inertia, 1), NumberFormat.fixed(c.silhouette, 3), c.k == cluster.chosenK ? "yes" : ""]
        }, numeric: [0, 1, 2]))
        let ks = cluster.candidates.map { Double($0.k) }
        doc.figure(LineCharts.lines([LineSeries(name: "inertia", x: ks, y: cluster.candidates.map(\.inertia), markers: true)],
                                    xLabel: "k (clusters)", yLabel: "inertia", title: "KMeans elbow curve",
                                    highlight: Double(cluster.chosenK), highlightLabel: "chosen k = \(cluster.chosenK)", width: 440),
                   name: "cluster-elbow", step: "cluster", caption: "Elbow: within-cluster sum of squares against k.", half: true)
        doc.figure(LineCharts.lines([LineSeries(name: "silhouette", x: ks, y: cluster.candidates.map(\.silhouette), color: 2, markers: true)],
                                    xLabel: "k (clusters)", yLabel: "mean silhouette", title: "KMeans silhouette curve",
                                    highlight: Double(cluster.chosenK), highlightLabel: "chosen k = \(cluster.chosenK)", width: 440),
                   name: "cluster-silhouette", step: "cluster", caption: "Silhouette: mean silhouette coefficient against k (higher is better separated).", half: true)
        let names = targets.count == cluster.targetMeans.count ? targets : cluster.targetMeans.indices.map { "target \($0 + 1)" }
        doc.table(Table(header: ["cluster", "size"] + names.map { "mean \($0)" }, rows: cluster.sizes.indices.map { c in
            [String(c + 1), NumberFormat.grouped(cluster.sizes[c])]
                + cluster.targetMeans.map { c < $0.count ? NumberFormat.fixed($0[c], 3) : "" }
        }, numeric: Set(0..<(2 + names.count))))
        return doc
    }
}
