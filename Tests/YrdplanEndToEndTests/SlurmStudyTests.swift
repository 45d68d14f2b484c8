import Foundation
import Testing
import YrdplanTestSupport

/// The Slurm executor on a real cluster (`make test-slurm` starts one with scripts/slurm-local.sh): a study runs as a
/// job array, one task is cancelled with `scancel` midway, `run` resumes the missing jobs, and the collected tables
/// are byte-identical to the local executor's.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["YRDPLAN_SLURM"] == "1",
        "needs a Slurm cluster: run `make test-slurm` (sets YRDPLAN_SLURM=1 and SLURM_CONF)"))
struct SlurmStudyTests {
    static func shell(_ command: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func wait(upTo seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return condition()
    }

    @Test func cancelledTaskIsResumedAndTheOutputMatchesTheLocalExecutor() throws {
        let (dir, regions, study) = try StudyCommandTests.workspace()
        let slurmStore = dir.url.appendingPathComponent("slurm.store")
        let arguments = [
            "study", "run", study.path, "--regions", regions.path, "--executor", "slurm", "--store", slurmStore.path, "--poll", "0.5",
        ]

        // 4 jobs in 2 tasks of 2 that run one at a time (max_parallel 1): cancel the second as soon as the array exists.
        let run = Process()
        run.executableURL = BinaryRunner.productsDirectory.appendingPathComponent("yrdplan")
        run.arguments = arguments
        run.currentDirectoryURL = dir.url
        let stderr = dir.url.appendingPathComponent("run.err")
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        run.standardError = try FileHandle(forWritingTo: stderr)
        run.standardOutput = FileHandle.nullDevice
        try run.run()
        let active = slurmStore.appendingPathComponent("slurm/active")
        try #require(Self.wait(upTo: 60) { FileManager.default.fileExists(atPath: active.path) }, "no array was submitted")
        let arrayID = try String(contentsOf: active, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let cancel = try Self.shell("scancel \(arrayID)_1")
        #expect(cancel.status == 0)
        run.waitUntilExit()
        let log = try String(contentsOf: stderr, encoding: .utf8)
        #expect(run.terminationStatus == 1, "\(log)")
        #expect(log.contains("task \(arrayID)_1 was cancelled: 2 job(s) left for the next run"), "\(log)")
        let partial = try FileManager.default.contentsOfDirectory(atPath: slurmStore.appendingPathComponent("results").path)
        #expect(partial.filter { $0.hasSuffix(".json") }.count == 2)
        #expect(try Self.shell("squeue -h -j \(arrayID)").output.isEmpty, "the array is still queued")

        // Resume: only the two missing jobs run, in a new array.
        let resumed = try BinaryRunner.run(arguments, in: dir.url)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("4 jobs, 2 done, 2 to run"), "\(resumed.stderr)")

        // The local executor on the same study gives byte-identical tables.
        let localStore = dir.url.appendingPathComponent("local.store")
        let local = try BinaryRunner.run(
            ["study", "run", study.path, "--regions", regions.path, "--store", localStore.path, "--jobs", "2"], in: dir.url)
        #expect(local.status == 0, "\(local.stderr)")
        var outputs: [[String: Data]] = []
        for store in [slurmStore, localStore] {
            let out = dir.url.appendingPathComponent("out-\(store.lastPathComponent)")
            let collect = try BinaryRunner.run(
                ["study", "collect", study.path, "--regions", regions.path, "--store", store.path, "--out", out.path], in: dir.url)
            #expect(collect.status == 0, "\(collect.stderr)")
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
                files[name] = try Data(contentsOf: out.appendingPathComponent(name))
            }
            outputs.append(files)
        }
        #expect(outputs[0].keys.sorted() == ["dispatch-summary.csv", "dispatch.csv", "peak-years.csv", "projection.csv", "study.json"])
        #expect(outputs[0] == outputs[1], "the Slurm and local executors collected different bytes")
    }

    /// Tasks that fail are resubmitted as a new array up to `retries` times; then their jobs' failures are recorded
    /// with the task's stderr.
    @Test func failedTasksAreResubmittedThenRecorded() throws {
        let (dir, regions, study) = try StudyCommandTests.workspace()
        let store = dir.url.appendingPathComponent("failing.store")
        let run = try BinaryRunner.run(
            [
                "study", "run", study.path, "--regions", regions.path, "--executor", "slurm", "--store", store.path, "--poll", "0.5",
                "--yrdplan", "/bin/sh",
            ], in: dir.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("(attempt 2)"), "\(run.stderr)")
        #expect(!run.stderr.contains("(attempt 3)"))
        #expect(run.stderr.contains("4 job(s) failed after their retries"), "\(run.stderr)")
        let failures = store.appendingPathComponent("failures")
        let names = try FileManager.default.contentsOfDirectory(atPath: failures.path)
        #expect(names.count == 4)
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: failures.appendingPathComponent(names[0]))) as? [String: Any])
        #expect((record["ending"] as? String)?.contains("FAILED") == true, "\(record)")
        #expect(record["attempts"] as? Int == 2)
    }
}
