import Support
import Results

extension StepSummary {
    /// The cluster step's summary: the candidates (inertia, silhouette, the chosen k marked) and the chosen clusters,
    /// numbered from 1, with their sizes and target means (`targets` names them, in `targetMeans` order).
    public static func cluster(_ s: ClusterSummary, targets: [String]) -> StepSummary {
        var doc = Document()
        doc.paragraph("KMeans over k = \(s.candidates.map { String($0.k) }.joined(separator: ", ")); "
            + "rule `\(s.rule)` chose **k = \(s.chosenK)**; features: \(s.features.joined(separator: " + ")).")
        doc.table(Table(header: ["k", "inertia", "silhouette"], rows: s.candidates.map { c in
            [c.k == s.chosenK ? "\(c.k) ←" : String(c.k), NumberFormat.fixed(c.inertia, 1), NumberFormat.fixed(c.silhouette, 3)]
        }, numeric: [0, 1, 2]))
        let names = s.targetMeans.indices.map { $0 < targets.count ? targets[$0] : "target \($0 + 1)" }
        doc.table(Table(header: ["cluster", "size"] + names.map { "mean \($0)" }, rows: s.sizes.indices.map { c in
            [String(c + 1), NumberFormat.grouped(s.sizes[c])] + s.targetMeans.map { c < $0.count ? NumberFormat.fixed($0[c], 3) : "" }
        }, numeric: Set(0..<(2 + names.count))))
        doc.warnings(s.warnings)
        return StepSummary(step: "cluster", title: "Clustering", id: "clustering", body: doc)
    }
}
