import Support
import Results

/// The Report's discussion and reproducibility sections.
enum RunSections {
    static func discussion(_ results: RunResults, reference: RunResults?, authorProse: String?) -> Document {
        var doc = Document()
        doc.heading(3, "Discussion", id: "discussion")
        if let authorProse { doc.markdown(authorProse) }
        let sentences = Discussion.sentences(results, reference: reference)
        if authorProse != nil && !sentences.isEmpty {
            doc.paragraph("What the numbers of this run say (generated from the results):")
        }
        var paragraph: [String] = []
        var topic: String? = nil
        for sentence in sentences {
            if sentence.topic != topic, !paragraph.isEmpty {
                doc.paragraph(paragraph.joined(separator: " "))
                paragraph = []
            }
            topic = sentence.topic
            paragraph.append(sentence.text)
        }
        if !paragraph.isEmpty { doc.paragraph(paragraph.joined(separator: " ")) }
        return doc
    }

    static func reproducibility(_ p: Provenance) -> Document {
        var doc = Document()
        doc.heading(3, "Reproducibility", id: "reproducibility")
        doc.table(Table(header: ["item", "value"], rows: [
            ["labbook version", p.labbookVersion],
            ["seed", String(p.seed)],
            ["machine", "\(p.cores) \(p.cores == 1 ? "core" : "cores")"],
            ["overrides", p.overrides.isEmpty ? "none" : p.overrides.joined(separator: " ")],
        ]))
        if !p.dataFiles.isEmpty {
            doc.table(Table(header: ["data file", "bytes", "SHA-256"], rows: p.dataFiles.map {
                [$0.path, NumberFormat.grouped($0.bytes), $0.sha256]
            }, numeric: [1]))
        }
        doc.paragraph(runLine(p))
        return doc
    }

    /// The one line allowed to differ between two runs with the same inputs: when the run happened, at which
    /// commit of the experiment file (it changes whenever the written-back file is committed), and how long it took.
    static func runLine(_ p: Provenance) -> String {
        let steps = p.stepDurations.map { "\($0.step) \(NumberFormat.seconds($0.seconds))\($0.cached ? " (cached)" : "")" }
        let commit = p.gitCommit.map { " at experiment commit \($0)" } ?? ""
        return "Run \(p.timestamp)\(commit): total \(NumberFormat.seconds(p.totalSeconds))"
            + (steps.isEmpty ? "." : "; steps: \(steps.joined(separator: ", ")).")
    }
}
