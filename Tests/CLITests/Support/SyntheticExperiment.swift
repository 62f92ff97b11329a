import Foundation
import SyntheticStudy

/// `SyntheticStudy` as a project on disk (labbook.yml, data/, experiments/synthetic.md), for tests that run
/// the binary on it.
enum SyntheticExperiment {
    static let path = "experiments/synthetic.md"

    /// Writes the project into `harness`'s folder.
    static func write(to harness: CLIHarness, prose: String = "Some prose.", components: Int = 2) throws {
        try harness.write("labbook.yml", "data_root: data\nseed: 1\n")
        for (file, text) in SyntheticStudy.dataFiles() { try harness.write("data/" + file, text) }
        try harness.write(path, SyntheticStudy.experiment(components: components, prose: prose))
    }
}
