import Support
import Results
import Config
import Frame
import Literate

extension StepFailure {
    /// The failure of step `step`. An error about a line of a data file is printed first as
    /// `DATAPATH:LINE: error: message` (the path resolved under the data root), followed by a note
    /// pointing at the step's block; other errors give one `FILE:LINE:COL: error:` line.
    init(step: String, at location: SourceLocation, error: Error, dataRoot: DataRoot) {
        guard let dataError = error as? DataFileError, !dataError.message.hasPrefix("data file not found") else {
            self.init(diagnostic: Diagnostic(at: location, "step `\(step)` failed: \(error)"))
            return
        }
        let path = (try? dataRoot.resolve(relative: dataError.path).path) ?? dataError.path
        self.init(diagnostic: Diagnostic(at: location, "step `\(step)` failed on this data file"),
                  dataFileError: "\(path)\(dataError.line.map { ":\($0)" } ?? ""): error: \(dataError.message)")
    }
}
