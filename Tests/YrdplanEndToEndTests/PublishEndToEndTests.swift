import Foundation
import Testing
import YrdplanTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `yrdplan publish` as cron runs it: the real binary, its exit codes, its summary line, and a
/// process killed with SIGKILL in the middle of a publish.
@Suite struct PublishEndToEndTests {
    static var root: URL { ProjectPaths.root }
    static var fixture: String { root.appendingPathComponent("Tests/BriefsTests/Fixtures/brief-input.json").path }

    static func arguments(out: String, input: String = fixture) -> [String] {
        [
            "publish", "--out", out, "--templates", root.appendingPathComponent("Templates").path,
            "--site", root.appendingPathComponent("Reports/site.yaml").path, "--input", input,
        ]
    }

    static func tree(_ directory: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = directory.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: base)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: base + "/" + path)
            }
        }
        return files
    }

    @Test func publishPrintsOneSummaryLineAndExitsZero() throws {
        let dir = try TemporaryDirectory()
        let result = try BinaryRunner.run(
            Self.arguments(out: "_site") + ["--quiet"], in: dir.url, environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(
            lines.first?.hasPrefix("yrdplan publish: published _site: 103 files (102 added, 0 changed, 0 removed), 32 pages, 8 briefs")
                == true)
    }

    @Test func badInputExitsOneAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        var text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"en\": \"Jiangsu\"", with: "\"en\": \"Jiang\\u0007su\"")
        let input = try dir.write(text, to: "bad-input.json")
        let result = try BinaryRunner.run(Self.arguments(out: "_site", input: input.path), in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Tests/BriefsTests/Fixtures/jiangsu: name of 'jiangsu' contains U+0007"))
        #expect(result.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("_site").path))
    }

    @Test func usageErrorExitsTwo() throws {
        let result = try BinaryRunner.run(["publish", "--no-such-option"])
        #expect(result.status == 2)
    }

    @Test func busyLockExitsThreeWithAClearMessage() throws {
        let dir = try TemporaryDirectory()
        let lockPath = dir.url.appendingPathComponent("_site.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }
        let result = try BinaryRunner.run(Self.arguments(out: "_site"), in: dir.url)
        #expect(result.status == 3)
        #expect(result.stderr.contains("another yrdplan publish is running"))
    }

    /// A publish killed with SIGKILL after a step (after staging, too) leaves the old site in place, byte for
    /// byte, and the next `yrdplan publish` recovers and publishes. The killed process is the test-only
    /// yrdplan-publish-probe (the same Publisher, paused through its `afterStep` seam while it blocks on a pipe
    /// this test holds), so the shipped binary carries no pause for tests.
    @Test(arguments: ["validate output", "stage"]) func killedRunLeavesThePreviousSite(_ step: String) throws {
        let dir = try TemporaryDirectory()
        let first = try BinaryRunner.run(Self.arguments(out: "_site"), in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        let site = dir.url.appendingPathComponent("_site")
        let before = Self.tree(site)

        var text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"editionDate\": \"2026-11-01\"", with: "\"editionDate\": \"2026-12-01\"")
        let input = try dir.write(text, to: "next.json")

        let process = Process()
        process.executableURL = BinaryRunner.productsDirectory.appendingPathComponent("yrdplan-publish-probe")
        process.arguments = Array(Self.arguments(out: "_site", input: input.path).dropFirst()) + ["--pause-after", step]
        process.currentDirectoryURL = dir.url
        let output = Pipe()
        let pause = Pipe()
        process.standardOutput = output
        process.standardInput = pause
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { kill(pid, SIGKILL) }
        var seen = ""
        while !seen.contains("paused after \(step)") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        #expect(seen.contains("paused after \(step)"))
        if step == "stage" {
            #expect(FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("_site.staging/index.html").path))
        }
        kill(pid, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        withExtendedLifetime(pause) {}

        #expect(Self.tree(site) == before, "the published site changed under a killed run")

        let recovery = try BinaryRunner.run(Self.arguments(out: "_site", input: input.path), in: dir.url)
        #expect(recovery.status == 0, "\(recovery.stderr)")
        #expect(Self.tree(site) != before)
        #expect(Self.tree(dir.url.appendingPathComponent("_site.previous")) == before)
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("_site.staging").path))
    }

    @Test func dryRunListsChangesAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let result = try BinaryRunner.run(Self.arguments(out: "_site") + ["--dry-run"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("  + en/shanghai.html"))
        #expect(result.stdout.contains("yrdplan publish: would publish _site"))
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("_site").path))
    }
}

/// Two separate processes (each with its own hash seed) publish the shipped data byte for byte alike.
@Suite struct PublishDeterminismTests {
    @Test func twoProcessesPublishIdenticalSitesFromTheModel() throws {
        let dir = try TemporaryDirectory()
        let root = ProjectPaths.root
        for out in ["a", "b"] {
            let result = try BinaryRunner.run(
                [
                    "publish", "--regions", root.appendingPathComponent("Regions").path, "--out", out, "--quiet",
                    "--templates", root.appendingPathComponent("Templates").path,
                    "--site", root.appendingPathComponent("Reports/site.yaml").path,
                ],
                in: dir.url, environment: ["SOURCE_DATE_EPOCH": "1767225600"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let a = PublishEndToEndTests.tree(dir.url.appendingPathComponent("a"))
        let b = PublishEndToEndTests.tree(dir.url.appendingPathComponent("b"))
        #expect(a.count > 30)
        for path in a.keys.sorted() where a[path] != b[path] { Issue.record("\(path) differs between two runs") }
        #expect(a.keys.sorted() == b.keys.sorted())
    }
}
