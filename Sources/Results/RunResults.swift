/// Everything one run of one experiment produced: the content of `reports/NAME.results.json`.
///
/// Plain data with no behaviour. The report, `compare`, and other tools read it; it is written with
/// sorted keys so the file is byte-stable. Optional sections are absent when the experiment has no such step.
public struct RunResults: Codable, Sendable, Equatable {
    /// The experiment's name (its file name without `.md`).
    public var experiment: String
    /// The experiment's first heading.
    public var title: String
    public var provenance: Provenance
    public var load: LoadSummary?
    public var clean: CleanSummary?
    public var cluster: ClusterSummary?
    public var evaluation: EvaluationSummary?
    /// What one row is, in the plural (`entity:` in the report step or `labbook.yml`, e.g. `songs`); nil: rows.
    public var entity: String?
    /// The two targets declared as valence and arousal (`report.affect_plane`), for the affect-plane plot.
    public var affectPlane: AffectPlane?
    /// The results of steps outside the built-in schema (a step added in its own folder), in the order they ran;
    /// absent when there are none.
    public var sections: [ResultsSection]?

    /// Sets `section` as the results of its step, replacing what that step set before.
    public mutating func setSection(_ section: ResultsSection) {
        var all = (sections ?? []).filter { $0.step != section.step }
        all.append(section)
        sections = all
    }

    public init(experiment: String, title: String, provenance: Provenance,
                load: LoadSummary? = nil, clean: CleanSummary? = nil,
                cluster: ClusterSummary? = nil, evaluation: EvaluationSummary? = nil) {
        self.experiment = experiment
        self.title = title
        self.provenance = provenance
        self.load = load
        self.clean = clean
        self.cluster = cluster
        self.evaluation = evaluation
    }
}

/// The results of a step outside the built-in schema: its summary as Markdown, which is both the step's output block
/// and, under `title`, its section of the Report.
public struct ResultsSection: Codable, Sendable, Equatable {
    /// The step's name (`yaml NAME`).
    public var step: String
    /// The heading of its Report section.
    public var title: String
    public var markdown: String
    public init(step: String, title: String, markdown: String) {
        self.step = step
        self.title = title
        self.markdown = markdown
    }
}

/// Two targets declared as the valence (x) and arousal (y) of the circumplex model of affect.
public struct AffectPlane: Codable, Sendable, Equatable {
    public var valence: String
    public var arousal: String
    /// The neutral point that separates the quadrants, in the targets' own units (default 0, 0).
    public var center: [Double]
    public init(valence: String, arousal: String, center: [Double] = [0, 0]) {
        self.valence = valence
        self.arousal = arousal
        self.center = center
    }
}

/// How the run can be reproduced.
public struct Provenance: Codable, Sendable, Equatable {
    public var labbookVersion: String
    public var seed: UInt64
    /// The git commit of the experiment file, when it is in a git checkout.
    public var gitCommit: String?
    public var dataFiles: [DataFileHash]
    /// `--set` overrides, as `key=value` strings, in the order given.
    public var overrides: [String]
    public var stepDurations: [StepDuration]
    public var cores: Int
    /// The run's wall time in seconds.
    public var totalSeconds: Double
    /// The one line allowed to differ between two runs with the same inputs.
    public var timestamp: String
    /// Each step's configuration as the author wrote it (YAML text), by step name.
    public var configs: [String: String]

    public init(labbookVersion: String, seed: UInt64, gitCommit: String?, dataFiles: [DataFileHash],
                overrides: [String], stepDurations: [StepDuration], cores: Int, totalSeconds: Double,
                timestamp: String, configs: [String: String]) {
        self.labbookVersion = labbookVersion
        self.seed = seed
        self.gitCommit = gitCommit
        self.dataFiles = dataFiles
        self.overrides = overrides
        self.stepDurations = stepDurations
        self.cores = cores
        self.totalSeconds = totalSeconds
        self.timestamp = timestamp
        self.configs = configs
    }
}

/// A data file a run read: its SHA-256 and size. Hashed once per run; recorded in the step cache (to tell whether
/// the file changed) and in the provenance of the results.
public struct DataFileHash: Codable, Sendable, Equatable {
    /// The path relative to the data root.
    public var path: String
    public var sha256: String
    public var bytes: Int
    public init(path: String, sha256: String, bytes: Int) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }
}

public struct StepDuration: Codable, Sendable, Equatable {
    public var step: String
    public var seconds: Double
    /// True when the step's result came from the cache.
    public var cached: Bool
    public init(step: String, seconds: Double, cached: Bool) {
        self.step = step
        self.seconds = seconds
        self.cached = cached
    }
}
