import Results

/// A step's summary, built once as a `Document` from its results: written under the step in the experiment file
/// (`markdown`, the step's output block) and, when the workspace does not show that block, as the step's section
/// of the Report (`section`: a heading, the same blocks, then the step's figures). One renderer, so the two never
/// disagree on a number.
public struct StepSummary {
    /// The step that made it (`load`, `clean`, …): its output block is where the summary goes.
    public let step: String
    /// The Report section's heading and HTML anchor.
    let title: String, id: String
    var body: Document

    /// The summary as the step's output block.
    public var markdown: String { MarkdownWriter.render(body, figureFolder: "") }

    /// The output block with `note` (what a later step does with this result) after the summary.
    public func markdown(followedBy note: String) -> String { markdown.trimmingTrailingNewlines() + "\n\n" + note }

    /// The Report section: heading, summary, then `figures` (drawn from the whole run, e.g. the affect plane).
    func section(figures: Document = Document()) -> Document {
        var doc = Document()
        doc.heading(3, title, id: id)
        doc.append(body)
        doc.append(figures)
        return doc
    }

    /// The summary of a step outside the built-in results schema: its `ResultsSection`, the Markdown it stored.
    init(_ stored: ResultsSection) {
        step = stored.step
        title = stored.title
        id = "step-" + stored.step
        body = Document()
        body.markdown(stored.markdown)
    }

    init(step: String, title: String, id: String, body: Document) {
        self.step = step
        self.title = title
        self.id = id
        self.body = body
    }
}
