import Foundation

/// The files `labbook init` writes: project settings, a `.gitignore`, a small synthetic CSV and a
/// starter experiment on it. Everything is generated here (deterministically), nothing is copied.
enum StarterProject {
    /// The starter experiment's name (`experiments/NAME.md`).
    static let experimentName = "example"
    /// The synthetic CSV, relative to the data folder.
    static let dataFile = "example.csv"

    /// Paths relative to the project folder, in the order they are created; folders end with `/`.
    static let folders = ["data/", "experiments/", "reports/"]

    /// `labbook.yml` with every setting, the ones in effect uncommented.
    static let settings = """
        # labbook project settings. Paths are relative to this file.

        # Where experiments find their data files (`files:` and `file:` in a load step are relative to it).
        # Overridden by `labbook run --data DIR`. Data paths may not climb out of this folder.
        data_root: data

        # The random seed of every run (folds, bootstrap, model initialisation). Overridden by --seed.
        # seed: 0

        # What one row of the data is, in the plural, in every report (default: rows).
        # An experiment's `report.entity` wins.
        # entity: rows

        # Where the step cache lives (default .labbook/cache here). The LABBOOK_CACHE environment
        # variable wins. Put it on a shared filesystem to share it between machines.
        # cache_dir: .labbook/cache

        # The step cache's size limit in MB; least recently used entries are evicted after each run.
        # cache_limit_mb: 1024

        """

    static let gitignore = """
        # labbook's step cache and sweep folders: recomputed when missing.
        .labbook/

        """

    /// A small regression problem with a known answer: growth rises with temperature and rainfall,
    /// peaks at a soil pH of 6.5, depends on the fertilizer, and each site adds its own offset.
    /// A fixed linear congruential generator makes the file the same on every machine.
    static func syntheticCSV(rows: Int = 300) -> String {
        var state: UInt64 = 0x5eed
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let sites = ["north", "south", "east", "west", "hill"]
        let siteOffset = [0.4, -0.3, 0.1, -0.5, 0.3]
        let fertilizers = ["none", "low", "high"]
        let fertilizerEffect = [0.0, 0.5, 0.9]
        var text = "sample_id,site,temperature,rainfall,soil_ph,fertilizer,growth\n"
        for row in 0..<rows {
            let site = Int(uniform() * Double(sites.count))
            let temperature = 10 + 20 * uniform()
            let rainfall = 200 + 600 * uniform()
            let ph = 5 + 3 * uniform()
            let fertilizer = Int(uniform() * Double(fertilizers.count))
            let noise = (0..<4).map { _ in uniform() }.reduce(0, +) - 2
            let growth = 0.08 * temperature + 0.003 * rainfall - 0.6 * (ph - 6.5) * (ph - 6.5)
                + fertilizerEffect[fertilizer] + siteOffset[site] + 0.5 * noise
            // Every tenth soil reading is missing, as field data often is: the clean step imputes it.
            let phField = row % 10 == 7 ? "" : String(format: "%.2f", ph)
            text += "s\(String(format: "%03d", row + 1)),\(sites[site]),\(String(format: "%.1f", temperature)),"
                + "\(String(format: "%.0f", rainfall)),\(phField),\(fertilizers[fertilizer]),"
                + "\(String(format: "%.3f", growth))\n"
        }
        return text
    }

    /// The starter experiment: the `labbook new` template filled in for the synthetic CSV.
    static func experiment() throws -> String {
        let columns = try DataColumns.read(text: syntheticCSV(), path: dataFile)
        return ExperimentTemplate.text(name: experimentName, data: columns, entity: "samples", prose: """
            Does a sample's growth follow from its site's weather, soil and fertilizer? This starter
            experiment runs on `data/example.csv`, a synthetic table that `labbook init` generated (300
            samples from five sites). Run it with `labbook run`, open `reports/example.html`, then change a
            step below and run again: only the changed step and the ones after it rerun.
            """)
    }
}
