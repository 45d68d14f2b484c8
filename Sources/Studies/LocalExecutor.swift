import Foundation
import Synchronization

/// Runs jobs as processes on this machine, at most `workers` at a time; a failing job is retried up to `retries`
/// times, then its stderr is kept in `failures/<hash>.json`. Each process runs one job and writes its own result.
public struct LocalExecutor: Sendable {
    /// How many jobs run at once.
    public var workers: Int
    /// How jobs are started.
    public var launcher: JobLauncher

    /// An executor with `workers` processes at a time.
    public init(workers: Int, launcher: JobLauncher) {
        self.workers = max(1, workers)
        self.launcher = launcher
    }

    /// Runs `jobs` (those without a result) and reports how each ended; `progress` gets one line per finished job.
    public func run(
        _ jobs: [StudyJob], store: StudyStore, retries: Int, progress: @escaping @Sendable (String) -> Void
    ) -> ExecutionReport {
        let queue = Mutex(WorkQueue(pending: jobs.map { ($0, 1) }, total: jobs.count))
        let group = DispatchGroup()
        for _ in 0..<min(workers, jobs.count) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while let (job, attempt) = queue.withLock({ $0.next() }) {
                    let (ok, ending, stderr) = runOne(job, store: store)
                    let line: String? = queue.withLock { state in
                        if ok {
                            state.report.succeeded.append(job.hash)
                            return "\(state.finished) of \(state.total) done: \(job.label)"
                        }
                        if attempt <= retries {
                            state.pending.append((job, attempt + 1))
                            return "job \(job.label) failed (\(ending)); retry \(attempt) of \(retries)"
                        }
                        state.report.failed.append(job.hash)
                        try? store.write(JobFailure(hash: job.hash, label: job.label, attempts: attempt, ending: ending, stderr: stderr))
                        return "job \(job.label) failed \(attempt) time(s) (\(ending)); see failures/\(job.hash).json"
                    }
                    if let line { progress(line) }
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        var report = queue.withLock { $0.report }
        report.succeeded.sort()
        report.failed.sort()
        return report
    }

    /// Runs one job process with its stderr in `logs/<hash>.err`; ok when it exits 0 and its result exists.
    func runOne(_ job: StudyJob, store: StudyStore) -> (ok: Bool, ending: String, stderr: String) {
        let log = store.logs.appendingPathComponent("\(job.hash).err")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: launcher.executable)
        process.arguments = launcher.baseArguments + JobLauncher.hashArguments([job.hash])
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let handle = FileHandle(forWritingAtPath: log.path)
        process.standardError = handle ?? FileHandle.nullDevice
        var ending: String
        do {
            try process.run()
            process.waitUntilExit()
            ending = Subprocess.ending(process)
        } catch {
            ending = "cannot start \(launcher.executable): \(error.localizedDescription)"
        }
        try? handle?.close()
        let stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: log)
        let ok = ending == "exit 0" && store.hasResult(job.hash)
        if ending == "exit 0" && !ok { ending = "exit 0 without a result file" }
        return (ok, ending, stderr)
    }
}

/// The jobs still to run (each with its attempt number) and what has ended so far.
struct WorkQueue: Sendable {
    var pending: [(StudyJob, Int)]
    let total: Int
    var report = ExecutionReport()
    var cursor = 0

    var finished: Int { report.succeeded.count + report.failed.count }

    mutating func next() -> (StudyJob, Int)? {
        guard cursor < pending.count else { return nil }
        defer { cursor += 1 }
        return pending[cursor]
    }
}
