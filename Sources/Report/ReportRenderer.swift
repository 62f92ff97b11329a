import Support
import Foundation
import Literate
import Results

/// What a report is rendered from.
public struct ReportInput: Sendable {
    /// The run's results (`reports/NAME.results.json`).
    public var results: RunResults
    /// The experiment after write-back, as Literate parsed it: the workspace (prose, step configs and outputs).
    public var experiment: ExperimentDocument
    /// Another experiment's results to compare with (the regression experiment, for the deep-learning one).
    public var reference: RunResults?

    public init(results: RunResults, experiment: ExperimentDocument, reference: RunResults? = nil) {
        self.results = results
        self.experiment = experiment
        self.reference = reference
    }

    public init(results: RunResults, experimentMarkdown: String, reference: RunResults? = nil) {
        self.init(results: results, experiment: ExperimentDocument(bytes: Array(experimentMarkdown.utf8), fileName: ""),
                  reference: reference)
    }

    /// The experiment's Markdown; setting it parses the new text.
    public var experimentMarkdown: String {
        get { String(decoding: experiment.lines.bytes, as: UTF8.self) }
        set { experiment = ExperimentDocument(bytes: Array(newValue.utf8), fileName: experiment.fileName) }
    }
}

/// Renders reports: `reports/NAME.md`, `reports/NAME.html` and `reports/index.html`.
///
/// Output is a pure function of the input: the same results and Markdown give the same bytes, except the
/// run line in the Reproducibility section (timestamp and durations, taken from `results.provenance`).
public enum ReportRenderer {
    /// The Markdown report: the workspace (its figure links pointing at `NAME/…svg` next to the report), then the
    /// Report section (figures already under a step's output are not repeated).
    public static func markdown(_ input: ReportInput) -> String {
        let (workspace, report, links) = parts(input)
        var doc = Document()
        if workspace.title == nil { doc.heading(1, input.results.title, id: "title") }
        doc.markdown(links.localized(workspace.markdown))
        doc.append(report)
        return MarkdownWriter.render(doc, figureFolder: "\(input.results.experiment)/")
    }

    /// The workspace, the Report section without what the workspace already shows, and the figure links.
    private static func parts(_ input: ReportInput) -> (Workspace, Document, FigureLinks) {
        let workspace = Workspace(input.experiment)
        let all = figures(input)
        let links = FigureLinks(experiment: input.results.experiment, figures: all)
        let linked = links.shown(inMarkdown: workspace.markdown)
        // A step's section moves out of the Report when its output block and all its figures are in the workspace.
        let shown = workspace.stepsWithOutput.filter { step in all.allSatisfy { $0.step != step || linked.contains($0.name) } }
        var report = reportSection(input, authorDiscussion: workspace.authorDiscussion, shownSteps: shown)
        report.removeFigures(linked)
        return (workspace, report, links)
    }

    /// The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external resources); each
    /// figure linked under a step's output is drawn there, inline.
    public static func html(_ input: ReportInput) -> String {
        let (workspace, report, links) = parts(input)
        let r = input.results
        let space = WorkspaceHTML(workspace.segmentsWithoutTitle)
        var toc = ["<li><a href=\"#workspace\">Workspace</a></li>"]
        for heading in space.headings where heading.level <= 3 {
            toc.append("<li class=\"l\(heading.level <= 2 ? 3 : 4)\"><a href=\"#\(heading.id)\">\(heading.textHTML)</a></li>")
        }
        for entry in report.outline(maxLevel: 3) {
            toc.append("<li class=\"l\(entry.level)\"><a href=\"#\(HTMLWriter.escape(entry.id))\">\(HTMLWriter.escape(entry.text))</a></li>")
        }
        let subtitle = "labbook report · experiment \(r.experiment) · seed \(r.provenance.seed) · labbook \(r.provenance.labbookVersion)"
        return HTMLPage.render(title: r.title, subtitle: subtitle, nav: toc.joined(separator: "\n"), body: """
            <section id="workspace">
            <h2 class="part">Workspace</h2>
            \(links.inlined(space.html))
            </section>
            <section id="report-section">
            \(HTMLWriter.render(report).trimmingTrailingNewlines())
            </section>
            """)
    }

    /// The index page: every experiment with its headline figures and links to its reports.
    public static func index(_ all: [RunResults], unreadable: [String] = []) -> String {
        IndexPage.render(all, unreadable: unreadable)
    }

    /// Every figure of the report, in order, with the step that made it.
    public static func figures(_ input: ReportInput) -> [Figure] {
        reportSection(input, authorDiscussion: nil).figures
    }

    /// The figures grouped by the step that made them, steps in order of their first figure.
    public static func figuresByStep(_ input: ReportInput) -> [(step: String, figures: [Figure])] {
        var groups: [(step: String, figures: [Figure])] = []
        for figure in figures(input) {
            if let i = groups.firstIndex(where: { $0.step == figure.step }) { groups[i].figures.append(figure) }
            else { groups.append((figure.step, [figure])) }
        }
        return groups
    }

    /// Each step's output Markdown (by step name) followed by the images of the figures that step made, their files
    /// in `folder` (the path from the experiment file to `reports/NAME/`, ending in `/`).
    public static func outputsWithFigures(_ outputs: [String: String], of input: ReportInput, folder: String) -> [String: String] {
        var outputs = outputs
        for (step, figures) in figuresByStep(input) {
            guard let output = outputs[step] else { continue }
            outputs[step] = output.trimmingTrailingNewlines() + "\n\n" + figureImages(figures, folder: folder)
        }
        return outputs
    }

    /// Markdown images of `figures`, their files in `folder` (ending in `/`): half-width figures side by side in
    /// one paragraph, the others one per paragraph.
    public static func figureImages(_ figures: [Figure], folder: String) -> String {
        var paragraphs: [[String]] = []
        var lastHalf = false
        for figure in figures {
            if figure.half && lastHalf { paragraphs[paragraphs.count - 1].append(figure.markdownImage(folder: folder)) }
            else { paragraphs.append([figure.markdownImage(folder: folder)]) }
            lastHalf = figure.half
        }
        return paragraphs.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
    }

    /// Writes `NAME.md`, `NAME.html` and every figure as `NAME/FIGURE.svg` into `folder` (each atomically), and
    /// removes the SVG files of figures this run no longer draws; returns the written file URLs.
    @discardableResult
    public static func write(_ input: ReportInput, to folder: URL) throws -> [URL] {
        let name = input.results.experiment
        let figureFolder = folder.appendingPathComponent(name, isDirectory: true)
        let figures = self.figures(input)
        var written: [URL] = []
        if !figures.isEmpty { try AtomicFile.createFolder(figureFolder) }
        for figure in figures {
            let url = figureFolder.appendingPathComponent(figure.name)
            try AtomicFile.write(figure.svg + "\n", to: url)
            written.append(url)
        }
        let md = folder.appendingPathComponent("\(name).md"), html = folder.appendingPathComponent("\(name).html")
        try AtomicFile.createFolder(folder)
        try AtomicFile.write(markdown(input), to: md)
        try AtomicFile.write(self.html(input), to: html)
        try removeStaleFigures(in: figureFolder, keeping: Set(figures.map(\.name)))
        return written + [md, html]
    }

    /// Deletes the `.svg` files of `folder` that are not in `keeping` (other files are never touched).
    static func removeStaleFigures(in folder: URL, keeping: Set<String>) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: folder.path) else { return }
        for file in try manager.contentsOfDirectory(atPath: folder.path)
            where file.hasSuffix(".svg") && !keeping.contains(file) {
            try manager.removeItem(at: folder.appendingPathComponent(file))
        }
    }

    /// Writes `index.html` into `folder` (atomically).
    public static func writeIndex(_ all: [RunResults], unreadable: [String] = [], to folder: URL) throws {
        try AtomicFile.createFolder(folder)
        try AtomicFile.write(index(all, unreadable: unreadable), to: folder.appendingPathComponent("index.html"))
    }

    /// The Report section. The tables and figures of a step whose output block is in `shownSteps` are not repeated
    /// here: they sit under that step in the workspace. What spans steps stays (models under the headline, protocols
    /// side by side, paired comparisons, discussion, reproducibility).
    static func reportSection(_ input: ReportInput, authorDiscussion: String?, shownSteps: Set<String> = []) -> Document {
        let r = input.results
        var doc = Document()
        doc.heading(2, "Report", id: "report")
        doc.paragraph("Generated by labbook from this run's results: what spans the steps above. Every number and plot in this report is computed, not written by hand.")
        for (summary, figures) in StepSections.sections(r) where !shownSteps.contains(summary.step) {
            doc.append(summary.section(figures: figures))
        }
        if let evaluation = r.evaluation {
            doc.append(EvaluationSections.models(evaluation, entity: r.entity ?? "rows"))
            doc.append(EvaluationSections.protocols(evaluation))
        }
        doc.append(RunSections.discussion(r, reference: input.reference, authorProse: authorDiscussion))
        doc.append(RunSections.reproducibility(r.provenance))
        return doc
    }
}
