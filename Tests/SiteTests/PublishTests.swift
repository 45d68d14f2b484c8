import Briefs
import Diagnostics
import Foundation
import Testing
import YrdplanTestSupport

@testable import Site

@Suite struct PublishTests {
    @Test func publishesEveryBriefWithSitemapFeedSchemaAnd404() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("_site")
        let summary = try SiteFixture.publisher(SiteFixture.request(out), input: try SiteFixture.input()).run()
        #expect(summary.briefs == 8)
        let tree = try SiteFixture.tree(out)
        for path in [
            "index.html", "404.html", "sitemap.xml", "feed.xml", "schema/brief-1.xsd", "css/site.css", "manifest.json", "en/shanghai.xml",
            "zh/anhui.html", "en/methods.html",
        ] {
            #expect(tree[path] != nil, "\(path) missing")
        }
        let sitemap = String(decoding: tree["sitemap.xml"]!, as: UTF8.self)
        #expect(sitemap.contains("<loc>https://briefs.example.org/zh/shanghai.html</loc>"))
        let feed = String(decoding: tree["feed.xml"]!, as: UTF8.self)
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 8)
        #expect(feed.contains("<updated>2026-01-01T00:00:00Z</updated>"))
        #expect(!FileManager.default.fileExists(atPath: out.path + ".staging"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let dir = try TemporaryDirectory()
        let input = try SiteFixture.input()
        let a = dir.url.appendingPathComponent("a"), b = dir.url.appendingPathComponent("b")
        _ = try SiteFixture.publisher(SiteFixture.request(a), input: input).run()
        _ = try SiteFixture.publisher(SiteFixture.request(b), input: input).run()
        let treeA = try SiteFixture.tree(a), treeB = try SiteFixture.tree(b)
        #expect(treeA.keys.sorted() == treeB.keys.sorted())
        #expect(treeA == treeB)
    }

    @Test func republishingUnchangedInputChangesNothingEvenWithALaterEpoch() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("_site")
        let input = try SiteFixture.input()
        _ = try SiteFixture.publisher(SiteFixture.request(out, epoch: 1_767_225_600), input: input).run()
        let before = try SiteFixture.tree(out)
        let summary = try SiteFixture.publisher(SiteFixture.request(out, epoch: 1_800_000_000), input: input).run()
        #expect(summary.added.isEmpty && summary.changed.isEmpty && summary.removed.isEmpty)
        #expect(try SiteFixture.tree(out) == before)
        #expect(try SiteFixture.tree(URL(fileURLWithPath: out.path + ".previous")) == before)
    }

    @Test func feedEntryChangesOnlyForTheBriefWhoseContentChanged() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("_site")
        var input = try SiteFixture.input()
        _ = try SiteFixture.publisher(SiteFixture.request(out, epoch: 1_767_225_600), input: input).run()
        input.provinces[3].total.value += 1
        let summary = try SiteFixture.publisher(SiteFixture.request(out, epoch: 1_800_000_000), input: input).run()
        let manifest = try JSONDecoder().decode(SiteManifest.self, from: Data(contentsOf: out.appendingPathComponent("manifest.json")))
        #expect(manifest.briefs["en/anhui.xml"]?.updated == "2027-01-15T08:00:00Z")
        #expect(manifest.briefs["zh/anhui.xml"]?.updated == "2027-01-15T08:00:00Z")
        #expect(manifest.briefs["en/shanghai.xml"]?.updated == "2026-01-01T00:00:00Z")
        #expect(summary.changed.contains("en/anhui.html") && !summary.changed.contains("en/shanghai.html"))
    }

    @Test func injectedFailureBetweenStepsLeavesThePreviousSiteIntact() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("_site")
        var input = try SiteFixture.input()
        _ = try SiteFixture.publisher(SiteFixture.request(out), input: input).run()
        let before = try SiteFixture.tree(out)
        input.provinces[0].total.value = 999
        for step in ["render", "validate output", "stage"] {
            let publisher = SiteFixture.publisher(SiteFixture.request(out), input: input)
            publisher.afterStep = { name throws(PublishError) in
                if name == step { throw .interrupted(step: name, reason: "injected") }
            }
            #expect(publisher.failure() == .interrupted(step: step, reason: "injected"))
            #expect(try SiteFixture.tree(out) == before, "site changed after a failure in \(step)")
        }
        // The next run cleans the stale staging folder and publishes.
        _ = try SiteFixture.publisher(SiteFixture.request(out), input: input).run()
        #expect(try SiteFixture.tree(out) != before)
        #expect(!FileManager.default.fileExists(atPath: out.path + ".staging"))
    }

    @Test func badInputWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("_site")
        var input = try SiteFixture.input()
        input.provinces[0].id = "../escape"
        input.provinces[1].names["en"] = "bell\u{0007}"
        let error = SiteFixture.publisher(SiteFixture.request(out), input: input).failure()
        guard case .badInput(let step, let diagnostics)? = error else {
            Issue.record("expected bad input, got \(String(describing: error))")
            return
        }
        #expect(step == "validate")
        #expect(diagnostics.diagnostics.count >= 2)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(!FileManager.default.fileExists(atPath: out.path + ".staging"))
    }

    @Test func aSecondRunDoesNotInterleave() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("_site")
        let request = SiteFixture.request(out)
        let held = try PublishLock(path: request.lockFile.path, timeout: 0)
        let error = SiteFixture.publisher(request, input: try SiteFixture.input()).failure()
        guard case .io(let step, .locked(let file, let holder))? = error else {
            Issue.record("expected the lock to refuse, got \(String(describing: error))")
            return
        }
        #expect(step == "lock" && file == request.lockFile.path)
        #expect(holder == String(getpid()))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        withExtendedLifetime(held) {}
    }

    /// The waiting run starts its first step only after the holder lets go: the events arrive in that order
    /// whatever the timing (a run that ignored the lock would log its steps before the release).
    @Test func aWaitingRunProceedsWhenTheLockIsReleased() throws {
        final class Events: @unchecked Sendable {
            private let lock = NSLock()
            private var list: [String] = []
            var lockHeld: PublishLock?
            func append(_ event: String) { lock.withLock { list.append(event) } }
            var all: [String] { lock.withLock { list } }
        }
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("_site")
        let request = SiteFixture.request(out, wait: 20)
        let events = Events()
        events.lockHeld = try PublishLock(path: request.lockFile.path, timeout: 0)
        let publisher = SiteFixture.publisher(request, input: try SiteFixture.input())
        publisher.log = { events.append($0) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.4) {
            events.append("released")
            events.lockHeld = nil
        }
        _ = try publisher.run()
        #expect(events.all.first == "released", "\(events.all)")
        #expect(events.all.dropFirst().first == "[1/7] load", "\(events.all)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
    }

    @Test func dryRunListsChangesAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("_site")
        var input = try SiteFixture.input()
        _ = try SiteFixture.publisher(SiteFixture.request(out), input: input).run()
        let before = try SiteFixture.tree(out)
        input.fund = []
        var lines: [String] = []
        let publisher = SiteFixture.publisher(SiteFixture.request(out, dryRun: true), input: input)
        publisher.log = { lines.append($0) }
        let summary = try publisher.run()
        #expect(summary.removed.contains("en/fund.html") && summary.removed.contains("zh/fund.html"))
        #expect(lines.contains("  - en/fund.html"))
        #expect(lines.first == "[1/6] load")
        #expect(try SiteFixture.tree(out) == before)
    }

    @Test func rollbackRestoresThePreviousSite() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("_site")
        var input = try SiteFixture.input()
        _ = try SiteFixture.publisher(SiteFixture.request(out), input: input).run()
        let first = try SiteFixture.tree(out)
        input.provinces[0].total.value = 190
        _ = try SiteFixture.publisher(SiteFixture.request(out), input: input).run()
        let second = try SiteFixture.tree(out)
        #expect(first != second)
        try SiteFixture.publisher(SiteFixture.request(out), input: input).rollback()
        #expect(try SiteFixture.tree(out) == first)
        #expect(try SiteFixture.tree(URL(fileURLWithPath: out.path + ".previous")) == second)
    }

    @Test func stepsAreLoggedInOrder() throws {
        let dir = try TemporaryDirectory()
        var lines: [String] = []
        let publisher = SiteFixture.publisher(SiteFixture.request(dir.url.appendingPathComponent("s")), input: try SiteFixture.input())
        publisher.log = { lines.append($0) }
        _ = try publisher.run()
        #expect(
            lines == [
                "[1/7] load", "[2/7] validate", "[3/7] analyse", "[4/7] render", "[5/7] validate output", "[6/7] stage", "[7/7] swap",
            ])
    }
}

@Suite struct SitePrimitiveTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256Vectors(_ text: String, _ digest: String) { #expect(SHA256.hex(text) == digest) }

    @Test func timestamps() {
        #expect(Timestamp.rfc3339(epochSeconds: 0) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.rfc3339(epochSeconds: 1_767_225_600) == "2026-01-01T00:00:00Z")
        #expect(Timestamp.rfc3339(epochSeconds: 951_782_400) == "2000-02-29T00:00:00Z")
        #expect(Timestamp.rfc3339(epochSeconds: 1_800_000_000) == "2027-01-15T08:00:00Z")
    }

    @Test(arguments: ["index.html", "en/shanghai.xml", "schema/brief-1.xsd", "data/results.csv"])
    func safePaths(_ path: String) { #expect(SitePath.isSafe(path)) }

    @Test(arguments: ["../x.html", "/etc/passwd", "en/../../x", "a//b", "en/a.b.c", "en/.hidden", "", "en/", "A.html"])
    func unsafePaths(_ path: String) { #expect(!SitePath.isSafe(path)) }

    @Test func settingsBasePath() {
        #expect(SiteSettings(baseURL: "https://a.example/").basePath == "/")
        #expect(SiteSettings(baseURL: "https://a.example/briefs").basePath == "/briefs/")
    }
}
