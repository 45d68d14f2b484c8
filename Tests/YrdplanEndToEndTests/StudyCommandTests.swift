import Foundation
import Testing
import YrdplanTestSupport

/// `yrdplan study` with the local executor, run as a user would: a deterministic plan, resuming that reruns only
/// jobs whose inputs changed, and bad study files reported at `file:line` with nothing written.
@Suite struct StudyCommandTests {
    /// A small study: 2 typical-day dispatches and 2 projections (draws 0 and 1 of each).
    static let study = """
        name: small
        title: "two dispatches, two projections"
        runs: [dispatch, projection]
        axes:
          grid_variants: [baseline]
          scenarios: [policy]
        draws: {count: 2, seed: 11, demand_spread: 0.05, lever_spread: 0.1}
        retries: 1
        slurm: {partition: debug, chunk_size: 2, max_parallel: 1, time: "00:05:00"}

        """

    /// A temporary folder with a copy of Regions/ and the study file `Studies/small.yaml`.
    static func workspace() throws -> (dir: TemporaryDirectory, regions: URL, study: URL) {
        let dir = try TemporaryDirectory(prefix: "study")
        let regions = try dir.copy(ProjectPaths.regions, as: "Regions")
        let study = try dir.write(Self.study, to: "Studies/small.yaml")
        return (dir, regions, study)
    }

    static func results(_ store: URL) throws -> [String: Date] {
        let folder = store.appendingPathComponent("results")
        var dates: [String: Date] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".json") {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            dates[String(name.dropLast(5))] = attributes[.modificationDate] as? Date
        }
        return dates
    }

    @Test func planIsDeterministic() throws {
        let (dir, regions, study) = try Self.workspace()
        let first = try BinaryRunner.run(["study", "plan", study.path, "--regions", regions.path], in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try BinaryRunner.run(["study", "plan", study.path, "--regions", regions.path, "--json"], in: dir.url)
        let again = try BinaryRunner.run(["study", "plan", study.path, "--regions", regions.path, "--json"], in: dir.url)
        #expect(second.stdout == again.stdout)
        #expect(first.stdout.hasSuffix("4 jobs (yrdplan 0.13.0)\n"))
        // The hashes do not depend on where the regions folder is: the shipped one gives the same plan.
        let shipped = try BinaryRunner.run(["study", "plan", study.path, "--regions", ProjectPaths.regions.path])
        #expect(shipped.stdout == first.stdout)
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("Studies/small.store").path))
    }

    @Test func rerunRunsOnlyJobsWhoseInputsChanged() throws {
        let (dir, regions, study) = try Self.workspace()
        let store = dir.url.appendingPathComponent("Studies/small.store")
        let run = ["study", "run", study.path, "--regions", regions.path, "--jobs", "2"]
        let first = try BinaryRunner.run(run, in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("4 jobs, 0 done, 4 to run"))
        let before = try Self.results(store)
        #expect(before.count == 4)

        let resumed = try BinaryRunner.run(run, in: dir.url)
        #expect(resumed.status == 0)
        #expect(resumed.stderr.contains("4 jobs, 4 done, 0 to run"), "\(resumed.stderr)")

        // Change the policy scenario: its projection jobs (2 draws) get new hashes and run; the dispatches do not.
        let scenario = regions.appendingPathComponent("scenarios/policy.yaml")
        let text = try String(contentsOf: scenario, encoding: .utf8)
        try text.replacingOccurrences(of: "horizon: 2060", with: "horizon: 2059").write(to: scenario, atomically: true, encoding: .utf8)
        #expect(try String(contentsOf: scenario, encoding: .utf8) != text)
        let changed = try BinaryRunner.run(run, in: dir.url)
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stderr.contains("4 jobs, 2 done, 2 to run"), "\(changed.stderr)")
        #expect(changed.stderr.contains("2 older result(s) in the store belong to no job of this plan"))
        let after = try Self.results(store)
        #expect(after.count == 6)
        for (hash, date) in before { #expect(after[hash] == date, "result \(hash) was rewritten") }

        let out = dir.url.appendingPathComponent("out")
        let collect = try BinaryRunner.run(
            ["study", "collect", study.path, "--regions", regions.path, "--out", out.path], in: dir.url)
        #expect(collect.status == 0, "\(collect.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["dispatch-summary.csv", "dispatch.csv", "peak-years.csv", "projection.csv", "study.json"])
    }

    /// Killing `run` midway leaves only whole result files; the next `run` finishes the rest.
    @Test func killedRunLeavesAConsistentStore() throws {
        let (dir, regions, study) = try Self.workspace()
        let store = dir.url.appendingPathComponent("Studies/small.store")
        let arguments = ["study", "run", study.path, "--regions", regions.path, "--jobs", "1"]
        let run = Process()
        run.executableURL = BinaryRunner.productsDirectory.appendingPathComponent("yrdplan")
        run.arguments = arguments
        run.standardError = FileHandle.nullDevice
        run.standardOutput = FileHandle.nullDevice
        try run.run()
        let results = store.appendingPathComponent("results")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, ((try? FileManager.default.contentsOfDirectory(atPath: results.path)) ?? []).isEmpty {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(run.processIdentifier, SIGKILL)
        run.waitUntilExit()
        let written = try FileManager.default.contentsOfDirectory(atPath: results.path)
        #expect(!written.isEmpty && written.count < 4)
        for name in written {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: results.appendingPathComponent(name)))
            #expect((object as? [String: Any])?["job"] != nil, "\(name) is not a whole result")
        }
        Thread.sleep(forTimeInterval: 3)  // a job process that outlived its parent ends and writes whole too
        let resumed = try BinaryRunner.run(arguments, in: dir.url)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: results.path).count == 4)
    }

    /// A job that keeps failing is retried `retries` times, then leaves `failures/<hash>.json` with its stderr.
    @Test func failingJobsAreRetriedThenRecorded() throws {
        let (dir, regions, study) = try Self.workspace()
        // /bin/sh cannot open a script named `study`: every job exits non-zero with a message on stderr.
        let run = try BinaryRunner.run(
            ["study", "run", study.path, "--regions", regions.path, "--jobs", "2", "--yrdplan", "/bin/sh"], in: dir.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("4 job(s) failed after their retries"), "\(run.stderr)")
        #expect(run.stderr.contains("retry 1 of 1"))
        let failures = dir.url.appendingPathComponent("Studies/small.store/failures")
        let names = try FileManager.default.contentsOfDirectory(atPath: failures.path)
        #expect(names.count == 4)
        for name in names {
            let record = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: failures.appendingPathComponent(name))) as? [String: Any])
            #expect(record["attempts"] as? Int == 2)
            #expect((record["ending"] as? String)?.hasPrefix("exit ") == true)
            #expect((record["stderr"] as? String)?.contains("study") == true, "\(record)")
        }
        // The real yrdplan then runs them, and their failure records go.
        let rerun = try BinaryRunner.run(["study", "run", study.path, "--regions", regions.path, "--jobs", "2"], in: dir.url)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: failures.path).isEmpty)
    }

    @Test func collectRefusesWhileJobsAreMissing() throws {
        let (dir, regions, study) = try Self.workspace()
        let out = dir.url.appendingPathComponent("out")
        let collect = try BinaryRunner.run(["study", "collect", study.path, "--regions", regions.path, "--out", out.path], in: dir.url)
        #expect(collect.status == 1)
        #expect(collect.stderr.contains("4 job(s) have no result yet"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func badStudyFilesReportFileLineAndWriteNothing() throws {
        let (dir, regions, _) = try Self.workspace()
        let bad = try dir.write(
            Self.study.replacingOccurrences(of: "scenarios: [policy]", with: "scenarios: [polcy]")
                .replacingOccurrences(of: "count: 2", with: "count: -1"), to: "Studies/bad.yaml")
        let run = try BinaryRunner.run(["study", "run", "Studies/bad.yaml", "--regions", regions.path], in: dir.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Studies/bad.yaml:7:"), "\(run.stderr)")
        #expect(run.stderr.contains("nothing was written"))
        // The names are checked against the model once the file itself is valid.
        try Self.study.replacingOccurrences(of: "scenarios: [policy]", with: "scenarios: [polcy]")
            .write(to: bad, atomically: true, encoding: .utf8)
        let planned = try BinaryRunner.run(["study", "run", "Studies/bad.yaml", "--regions", regions.path], in: dir.url)
        #expect(planned.status == 1)
        #expect(planned.stderr.contains("Studies/bad.yaml:6: there is no scenario 'polcy'"), "\(planned.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("Studies/bad.store").path))
    }
}
