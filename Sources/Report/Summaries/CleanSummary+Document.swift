import Support
import Results

extension StepSummary {
    /// The clean step's summary: features before and after, the transforms in order, imputed values and reductions.
    public static func clean(_ s: CleanSummary) -> StepSummary {
        let n = NumberFormat.grouped
        var doc = Document()
        doc.table(Table(header: ["features before", "features after", "tags kept"],
                        rows: [[n(s.featuresBefore), n(s.featuresAfter), s.tagsKept.map(n) ?? "–"]], numeric: [0, 1, 2]))
        if !s.transforms.isEmpty {
            doc.table(Table(header: ["#", "transform"], rows: s.transforms.enumerated().map { [String($0.offset + 1), $0.element] },
                            numeric: [0], inlineMarkdown: true))
        }
        if !s.imputed.isEmpty {
            doc.table(Table(header: ["column", "imputed"], rows: s.imputed.map { [$0.name, n($0.count)] }, numeric: [1]))
        }
        if !s.reductions.isEmpty {
            doc.table(Table(header: ["reduction", "method", "inputs", "components", "variance explained", "first components"],
                            rows: s.reductions.map { r in
                let ratios = r.explainedVarianceRatio
                return [r.name, r.method, n(r.inputs), n(r.components), NumberFormat.percent(ratios.reduce(0, +)),
                        ratios.prefix(5).map { NumberFormat.percent($0) }.joined(separator: ", ") + (ratios.count > 5 ? ", …" : "")]
            }, numeric: [2, 3, 4]))
        }
        doc.warnings(s.warnings)
        return StepSummary(step: "clean", title: "Preprocessing", id: "preprocessing", body: doc)
    }
}
