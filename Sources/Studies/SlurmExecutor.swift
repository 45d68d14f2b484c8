import Foundation
import RegionModel

/// Runs jobs on a Slurm cluster as ONE job array per attempt: the jobs are cut into chunks (one array task each),
/// listed in `slurm/tasks-<n>.txt`, and `slurm/job.sh` (resources from the study file) runs one line per task with
/// `yrdplan study job`. It polls `squeue` until the array is gone, reads each task's state with `scontrol show job`
/// (no accounting needed), resubmits the jobs of failed tasks up to `retries` times, and leaves the jobs of a
/// cancelled task missing (the next `run` runs them). The array's id is kept in `slurm/active` while it runs, so a
/// `run` started after a killed one waits for that array instead of submitting the same jobs twice.
public struct SlurmExecutor: Sendable {
    /// How jobs are started (the binary path must be valid on the compute nodes).
    public var launcher: JobLauncher
    /// The study's name (the array's job name) and resources.
    public var studyName: String
    /// The Slurm resources.
    public var resources: StudySlurmResources
    /// Seconds between two `squeue` polls.
    public var pollInterval: Double

    /// Creates the executor.
    public init(launcher: JobLauncher, studyName: String, resources: StudySlurmResources, pollInterval: Double = 5) {
        self.launcher = launcher
        self.studyName = studyName
        self.resources = resources
        self.pollInterval = pollInterval
    }

    /// Thrown when Slurm's own commands fail (sbatch refuses the script, squeue cannot reach the controller).
    public struct SlurmError: Error, CustomStringConvertible {
        /// What failed, in words.
        public var description: String
    }

    /// Runs `jobs` on the cluster and reports how each ended; `progress` gets a line per event.
    public func run(
        _ jobs: [StudyJob], store: StudyStore, retries: Int, progress: @escaping @Sendable (String) -> Void
    ) throws -> ExecutionReport {
        var report = ExecutionReport()
        let active = store.slurm.appendingPathComponent("active")
        if let previous = try? String(contentsOf: active, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
            !previous.isEmpty
        {
            if try !queued(previous).isEmpty {
                progress("array \(previous) of an earlier run is still queued; waiting for it")
                try wait(for: previous, jobs: jobs, store: store, progress: progress)
            }
            try? FileManager.default.removeItem(at: active)
        }
        var attempts: [String: Int] = [:]
        var attempt = 0
        while true {
            let pending = jobs.filter { !store.hasResult($0.hash) && !report.cancelled.contains($0.hash) }
            if pending.isEmpty { break }
            let retriable = pending.filter { (attempts[$0.hash] ?? 0) <= retries }
            if retriable.isEmpty {
                report.failed = pending.map(\.hash).sorted()
                break
            }
            attempt += 1
            let chunks = stride(from: 0, to: retriable.count, by: resources.chunkSize).map {
                Array(retriable[$0..<min($0 + resources.chunkSize, retriable.count)])
            }
            let arrayID = try submit(chunks, attempt: attempt, store: store)
            try Data((arrayID + "\n").utf8).write(to: active)
            progress("submitted array \(arrayID): \(chunks.count) task(s) for \(retriable.count) job(s) (attempt \(attempt))")
            try wait(for: arrayID, jobs: retriable, store: store, progress: progress)
            let states = taskStates(arrayID)
            for (task, chunk) in chunks.enumerated() {
                let missing = chunk.filter { !store.hasResult($0.hash) }
                guard !missing.isEmpty else { continue }
                let log = store.slurm.appendingPathComponent("logs/\(arrayID)_\(task).err")
                let started = FileManager.default.fileExists(atPath: log.path)
                // A pending task cancelled before the array was split has no record of its own afterwards (Slurm
                // 22.05): a task that is gone from the queue without ever starting can only have been cancelled.
                let state = states[task] ?? (started ? "UNKNOWN" : "CANCELLED (before it started)")
                if state.hasPrefix("CANCELLED") {
                    report.cancelled += missing.map(\.hash)
                    progress("task \(arrayID)_\(task) was cancelled: \(missing.count) job(s) left for the next run")
                    continue
                }
                let stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                for job in missing {
                    attempts[job.hash, default: 0] += 1
                    let failure = JobFailure(
                        hash: job.hash, label: job.label, attempts: attempts[job.hash]!, ending: "Slurm task \(arrayID)_\(task) \(state)",
                        stderr: stderr)
                    try? store.write(failure)
                }
                progress("task \(arrayID)_\(task) ended \(state) with \(missing.count) job(s) unfinished")
            }
            try? FileManager.default.removeItem(at: active)
        }
        report.succeeded = jobs.filter { store.hasResult($0.hash) }.map(\.hash).sorted()
        report.cancelled.sort()
        return report
    }

    /// The job script: resources from the study file, one array task per line of the task list given as `$1`.
    public func jobScript(store: StudyStore) -> String {
        var lines = ["#!/bin/sh", "# Written by yrdplan study run: one array task runs the jobs on one line of the task list ($1)."]
        lines.append("#SBATCH --job-name=yrdplan-\(studyName)")
        if let partition = resources.partition { lines.append("#SBATCH --partition=\(partition)") }
        lines.append("#SBATCH --cpus-per-task=\(resources.cpusPerTask)")
        if let memory = resources.memory { lines.append("#SBATCH --mem=\(memory)") }
        if let time = resources.time { lines.append("#SBATCH --time=\(time)") }
        lines.append("#SBATCH --output=\(store.slurm.path)/logs/%A_%a.out")
        lines.append("#SBATCH --error=\(store.slurm.path)/logs/%A_%a.err")
        lines.append("set -eu")
        lines.append("hashes=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" \"$1\")")
        lines.append("exec \(launcher.baseArguments.reduce(Self.quote(launcher.executable)) { $0 + " " + Self.quote($1) }) $hashes")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the task list and the script, submits the array and returns its id.
    func submit(_ chunks: [[StudyJob]], attempt: Int, store: StudyStore) throws -> String {
        let script = store.slurm.appendingPathComponent("job.sh")
        try store.writeAtomically(Data(jobScript(store: store).utf8), to: script)
        let tasks = store.slurm.appendingPathComponent("tasks-\(attempt).txt")
        let list = chunks.map { JobLauncher.hashArguments($0.map(\.hash)).joined(separator: " ") }.joined(separator: "\n") + "\n"
        try store.writeAtomically(Data(list.utf8), to: tasks)
        var array = "0-\(chunks.count - 1)"
        if let limit = resources.maxParallel { array += "%\(limit)" }
        let (status, output) = try Subprocess.run("sbatch", ["--parsable", "--array=\(array)", script.path, tasks.path])
        let id = output.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        guard status == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw SlurmError(description: "sbatch failed (exit \(status)): \(output) — is SLURM_CONF set and the partition right?")
        }
        return id
    }

    /// The array's tasks still in the queue (pending or running), as `squeue` lists them.
    func queued(_ arrayID: String) throws -> [String] {
        let (status, output) = try Subprocess.run("squeue", ["-h", "-r", "-j", arrayID, "-o", "%K %T"])
        // squeue exits 1 for an id the controller has already forgotten: nothing is queued.
        guard status == 0 else { return [] }
        return output.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    /// Polls until no task of the array is queued, reporting new results as they land.
    func wait(for arrayID: String, jobs: [StudyJob], store: StudyStore, progress: @Sendable (String) -> Void) throws {
        var reported = -1
        while true {
            let queue = try queued(arrayID)
            let done = jobs.filter { store.hasResult($0.hash) }.count
            if done != reported {
                progress("array \(arrayID): \(done) of \(jobs.count) job(s) done, \(queue.count) task(s) queued")
                reported = done
            }
            if queue.isEmpty { return }
            Thread.sleep(forTimeInterval: pollInterval)
        }
    }

    /// Each array task's state from `scontrol show job` (kept for `MinJobAge` after the end; no accounting needed).
    func taskStates(_ arrayID: String) -> [Int: String] {
        guard let (status, output) = try? Subprocess.run("scontrol", ["show", "job", arrayID]), status == 0 else { return [:] }
        return Self.parseTaskStates(output)
    }

    /// Parses `scontrol show job` records (blank-line separated) into task id → `JobState`.
    public static func parseTaskStates(_ text: String) -> [Int: String] {
        var states: [Int: String] = [:]
        for record in text.components(separatedBy: "\n\n") {
            let fields = record.split(whereSeparator: { $0 == " " || $0 == "\n" })
            let task = fields.first { $0.hasPrefix("ArrayTaskId=") }.flatMap { Int($0.dropFirst("ArrayTaskId=".count)) }
            let state = fields.first { $0.hasPrefix("JobState=") }.map { String($0.dropFirst("JobState=".count)) }
            if let task, let state { states[task] = state }
        }
        return states
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
