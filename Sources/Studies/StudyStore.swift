import Foundation

/// Why a job did not produce its result, as `failures/<hash>.json` holds it.
public struct JobFailure: Sendable, Codable, Equatable {
    /// The job's hash.
    public var hash: String
    /// The job's parameters in one line.
    public var label: String
    /// How many times it was tried in the run that gave up on it.
    public var attempts: Int
    /// How it ended: an exit status (`exit 1`), a signal or a Slurm state (`FAILED`, `TIMEOUT`).
    public var ending: String
    /// Its standard error.
    public var stderr: String

    /// Creates the record.
    public init(hash: String, label: String, attempts: Int, ending: String, stderr: String) {
        self.hash = hash
        self.label = label
        self.attempts = attempts
        self.ending = ending
        self.stderr = stderr
    }
}

/// A study's result store: `results/<hash>.json` (whole files only: written to `tmp/`, then renamed),
/// `failures/<hash>.json`, `logs/` of running jobs and `slurm/` (job script, task lists, array logs).
public struct StudyStore: Sendable {
    /// The store folder (absolute).
    public let root: URL

    /// The store at `root`.
    public init(root: URL) { self.root = root.standardizedFileURL }

    /// The default store of a study file: `<folder>/<file name without .yaml>.store` beside it.
    public static func defaultRoot(forStudyFile file: URL) -> URL {
        let name = file.deletingPathExtension().lastPathComponent
        return file.deletingLastPathComponent().appendingPathComponent("\(name).store", isDirectory: true)
    }

    var results: URL { root.appendingPathComponent("results", isDirectory: true) }
    var failures: URL { root.appendingPathComponent("failures", isDirectory: true) }
    var temporary: URL { root.appendingPathComponent("tmp", isDirectory: true) }
    /// Standard error of jobs the local executor runs.
    public var logs: URL { root.appendingPathComponent("logs", isDirectory: true) }
    /// The Slurm job script, task lists, array logs and the id of the array in flight.
    public var slurm: URL { root.appendingPathComponent("slurm", isDirectory: true) }

    /// Creates the store's folders.
    public func create() throws {
        for folder in [results, failures, temporary, logs, slurm.appendingPathComponent("logs")] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }

    /// The result file of `hash`.
    public func resultURL(_ hash: String) -> URL { results.appendingPathComponent("\(hash).json") }
    /// The failure file of `hash`.
    public func failureURL(_ hash: String) -> URL { failures.appendingPathComponent("\(hash).json") }

    /// Whether the job's result is in the store.
    public func hasResult(_ hash: String) -> Bool { FileManager.default.fileExists(atPath: resultURL(hash).path) }

    /// The job's result.
    public func result(_ hash: String) throws -> JobResult { try JobResult.decode(Data(contentsOf: resultURL(hash))) }

    /// The job's recorded failure, if any.
    public func failure(_ hash: String) -> JobFailure? {
        guard let data = FileManager.default.contents(atPath: failureURL(hash).path) else { return nil }
        return try? JSONDecoder().decode(JobFailure.self, from: data)
    }

    /// Writes the result as a whole file (temporary file, then rename) and drops the job's failure record.
    public func write(_ result: JobResult) throws {
        try writeAtomically(result.encoded(), to: resultURL(result.job.hash))
        try? FileManager.default.removeItem(at: failureURL(result.job.hash))
    }

    /// Records why a job failed (a whole file too).
    public func write(_ failure: JobFailure) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try writeAtomically(encoder.encode(failure), to: failureURL(failure.hash))
    }

    /// Writes `data` into `tmp/`, then renames it over `destination` (same file system), so that readers and a killed
    /// writer only ever leave whole files behind.
    public func writeAtomically(_ data: Data, to destination: URL) throws {
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let staging = temporary.appendingPathComponent("\(destination.lastPathComponent).\(getpid()).\(UUID().uuidString)")
        try data.write(to: staging)
        guard rename(staging.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: staging)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot rename into \(destination.path): \(reason)"])
        }
    }
}
