import Literate
import Support

/// Write-back, once per run: the outputs are written into the file as it is after the steps (`currentDocument`),
/// observers render that text, and the saving phase stores the same bytes (`save`).
extension ExperimentRunner {
    /// The experiment file as it is now (it may have been edited during the run), when the outputs may be written
    /// into it: it parses and its step blocks are the ones that ran.
    func currentDocument(_ plan: ExperimentPlan) throws -> ExperimentDocument {
        let current: ExperimentDocument
        do {
            current = ExperimentDocument(bytes: try FileRead.bytes(plan.fileURL), fileName: plan.document.fileName)
        } catch {
            throw StepFailure(diagnostic: Diagnostic(at: Self.startOfFile(plan), "cannot write the outputs back: \(error)"))
        }
        if let problem = current.diagnostics.first { throw StepFailure(diagnostic: problem) }
        if let changed = WriteBack.changedStep(planned: plan.document, current: current) {
            throw StepFailure(diagnostic: Diagnostic(at: changed, "the file changed during the run (this step's block "
                + "or the step list is no longer what was run), so its outputs were not written back: run it again"))
        }
        return current
    }

    /// Saves `written` over the experiment file (temporary file, then rename) when the file still holds `source`,
    /// the bytes the outputs were written into; returns whether the file changed.
    func save(_ written: ExperimentDocument, over source: [UInt8], plan: ExperimentPlan) throws -> Bool {
        let place = Self.startOfFile(plan)
        do {
            guard try FileRead.bytes(plan.fileURL) == source else {
                throw StepFailure(diagnostic: Diagnostic(at: place, "the file changed while the outputs were being "
                    + "saved, so they were not written back: run it again"))
            }
            return try AtomicFile.write(written.lines.bytes, to: plan.fileURL)
        } catch let failure as StepFailure {
            throw failure
        } catch {
            throw StepFailure(diagnostic: Diagnostic(at: place, "cannot write the outputs back: \(error)"))
        }
    }
}
