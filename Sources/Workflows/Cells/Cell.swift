import Steps
import Runner
import Config

/// One unit of work of a sweep or of a set of experiments: an experiment file, its single-valued
/// overrides and the seed, with everything a worker on another machine needs to run it alone.
/// `labbook plan` writes one cell per line of a manifest; `labbook run-cell MANIFEST INDEX` runs one.
public struct Cell: Codable, Sendable, Equatable {
    /// Position in the manifest (and the sequential run's order).
    public var index: Int
    /// Absolute path of the experiment file.
    public var experiment: String
    /// The path as typed, for messages.
    public var display: String
    /// The experiment's name (file name without `.md`).
    public var name: String
    /// This cell's overrides, one value each, in the order given on the command line.
    public var overrides: [CellOverride]
    /// The sweep's overrides with all their values (the sweep table's columns); empty when nothing is swept.
    public var swept: [CellOverride]
    public var seed: UInt64
    /// `entity:` of the project file (what one row is, for the reports' words).
    public var entity: String?
    public var dataRoot: String
    public var projectRoot: String
    public var cacheDir: String
    /// The key the cell's last step is cached under: exact when `cached`, otherwise predicted.
    public var key: String
    /// Every step of the cell was in the cache when the manifest was written.
    public var cached: Bool
    /// Cells that must finish first (their reports are compared with in this cell's report).
    public var after: [Int]

    public init(index: Int, experiment: String, display: String, name: String, overrides: [CellOverride],
                swept: [CellOverride], seed: UInt64, entity: String?, dataRoot: String, projectRoot: String, cacheDir: String,
                key: String, cached: Bool, after: [Int]) {
        self.index = index
        self.experiment = experiment
        self.display = display
        self.name = name
        self.overrides = overrides
        self.swept = swept
        self.seed = seed
        self.entity = entity
        self.dataRoot = dataRoot
        self.projectRoot = projectRoot
        self.cacheDir = cacheDir
        self.key = key
        self.cached = cached
        self.after = after
    }

    /// How the cell's run saves its outputs, exactly as the sequential `labbook run` would.
    public enum Kind: Sendable {
        /// No overrides: reports, model and write-back into the experiment file.
        case plain
        /// Single-valued overrides: reports and model, no write-back.
        case overridden
        /// Part of a sweep: only the sweep table, written when the cells are gathered.
        case sweep
    }

    public var kind: Kind { !swept.isEmpty ? .sweep : overrides.isEmpty ? .plain : .overridden }

    /// The overrides as the planner and runner take them.
    public var parsedOverrides: [Override] { overrides.map(\.override) }

    /// `x.md [train.a=1 train.b=2]`.
    public var label: String {
        overrides.isEmpty ? display : "\(display) [\(parsedOverrides.map(\.text).joined(separator: " "))]"
    }
}

/// An override as stored in a manifest: the step, the key path inside it and the YAML value(s), kept apart
/// so that values with commas survive the round trip.
public struct CellOverride: Codable, Sendable, Equatable {
    public var step: String
    public var path: String
    public var values: [String]

    public init(_ override: Override) {
        step = override.step
        path = override.path
        values = override.values
    }

    public var override: Override { Override(step: step, path: path, values: values) }
}
