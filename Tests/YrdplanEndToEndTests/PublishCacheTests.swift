import Analysis
import Foundation
import Testing
import YrdplanTestSupport

/// The analysis cache of `yrdplan publish` (`DIR.cache/`), through the real binary on copies of the shipped data: an
/// unchanged publish takes the Monte Carlo figures from the cache and publishes exactly what a run without the cache
/// publishes; changed data misses; a corrupt entry is computed again.
@Suite struct PublishCacheTests {
    static let note = "Monte Carlo figures from _site.cache"

    static func publish(_ regions: URL, out: String, in dir: URL, _ extra: [String] = []) throws -> ProcessResult {
        let root = ProjectPaths.root
        return try BinaryRunner.run(
            [
                "publish", "--regions", regions.path, "--out", out, "--quiet", "--templates", root.appendingPathComponent("Templates").path,
                "--site", root.appendingPathComponent("Reports/site.yaml").path,
            ] + extra,
            in: dir, environment: ["SOURCE_DATE_EPOCH": "1767225600"])
    }

    /// The entries of a cache folder (not the temporary files of a write).
    static func entries(_ cache: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .sorted()
    }

    /// The whole published tree of two folders holds the same files with the same bytes.
    static func expectSameSite(_ a: URL, _ b: URL) {
        let left = PublishEndToEndTests.tree(a), right = PublishEndToEndTests.tree(b)
        #expect(!left.isEmpty && left.keys.sorted() == right.keys.sorted())
        for path in left.keys.sorted() where left[path] != right[path] { Issue.record("\(path) differs") }
    }

    @Test func anUnchangedPublishUsesTheCacheAndACorruptEntryIsComputedAgain() throws {
        let dir = try TemporaryDirectory()
        let regions = try dir.copy(ProjectPaths.regions, as: "Regions")
        let cache = dir.url.appendingPathComponent("_site.cache")

        let first = try Self.publish(regions, out: "_site", in: dir.url)
        try #require(first.status == 0, "\(first.stderr)")
        #expect(!first.stdout.contains(Self.note), "\(first.stdout)")
        let stored = Self.entries(cache)
        try #require(stored.count == 1, "\(stored)")
        // The entry is the JSON the analysis round-trips: its figures carry the shipped goal and a spread per scenario.
        let entryURL = cache.appendingPathComponent(stored[0])
        let entry = try JSONDecoder().decode(AnalysisCacheEntry.self, from: Data(contentsOf: entryURL))
        #expect(entry.key + ".json" == stored[0] && entry.figures.goal?.toward == "accelerated")
        #expect(Set(entry.figures.spreads.keys) == ["baseline", "policy", "accelerated"])

        let second = try Self.publish(regions, out: "_site", in: dir.url)
        try #require(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.hasPrefix("yrdplan publish: unchanged") && second.stdout.contains(Self.note), "\(second.stdout)")

        // Without the cache, into another folder: the same bytes everywhere, and no cache written.
        let fresh = try Self.publish(regions, out: "_fresh", in: dir.url, ["--no-cache"])
        try #require(fresh.status == 0, "\(fresh.stderr)")
        #expect(!fresh.stdout.contains("from _fresh.cache"))
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("_fresh.cache").path))
        Self.expectSameSite(dir.url.appendingPathComponent("_site"), dir.url.appendingPathComponent("_fresh"))

        // A corrupt entry (a write cut short) is a miss: computed again, overwritten, exit 0, the same site.
        let valid = try Data(contentsOf: entryURL)
        try Data(valid.prefix(valid.count / 2)).write(to: entryURL)
        let third = try Self.publish(regions, out: "_site", in: dir.url)
        try #require(third.status == 0, "\(third.stderr)")
        #expect(!third.stdout.contains(Self.note) && third.stderr.isEmpty, "\(third.stdout)\(third.stderr)")
        #expect(try Data(contentsOf: entryURL) == valid, "the entry is written again whole")
        Self.expectSameSite(dir.url.appendingPathComponent("_site"), dir.url.appendingPathComponent("_fresh"))
    }

    @Test func changedDataMissesTheCache() throws {
        let dir = try TemporaryDirectory()
        let regions = try dir.copy(ProjectPaths.regions, as: "Regions")
        let cache = dir.url.appendingPathComponent("_site.cache")
        let first = try Self.publish(regions, out: "_site", in: dir.url)
        try #require(first.status == 0, "\(first.stderr)")
        let before = PublishEndToEndTests.tree(dir.url.appendingPathComponent("_site"))

        // Zhejiang's announced coal-power cap in 2030: 0.95 → 0.85 of 2020 (a number every Monte Carlo draw of the
        // policy scenario reads).
        let file = regions.appendingPathComponent("scenarios/policy.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)
        let changed = original.replacingOccurrences(
            of: "coal_power_cap: {unit: ratio, values: {2020: 1.0, 2025: 0.95, 2030: 0.95, 2060: 0.4}, source: zj_saving14",
            with: "coal_power_cap: {unit: ratio, values: {2020: 1.0, 2025: 0.95, 2030: 0.85, 2060: 0.4}, source: zj_saving14")
        try #require(changed != original)
        try changed.write(to: file, atomically: true, encoding: .utf8)

        let second = try Self.publish(regions, out: "_site", in: dir.url)
        try #require(second.status == 0, "\(second.stderr)")
        #expect(!second.stdout.contains(Self.note) && second.stdout.hasPrefix("yrdplan publish: published"), "\(second.stdout)")
        #expect(Self.entries(cache).count == 2, "the new figures are stored beside the old")
        let after = PublishEndToEndTests.tree(dir.url.appendingPathComponent("_site"))
        #expect(after["en/zhejiang.xml"] != before["en/zhejiang.xml"], "Zhejiang's brief changes with its plan")

        // What the miss published is what a run without any cache publishes from the changed data.
        let fresh = try Self.publish(regions, out: "_fresh", in: dir.url, ["--no-cache"])
        try #require(fresh.status == 0, "\(fresh.stderr)")
        Self.expectSameSite(dir.url.appendingPathComponent("_site"), dir.url.appendingPathComponent("_fresh"))
    }
}

/// A cache entry as `yrdplan publish` writes it (docs/publishing.md): the format, the key and the figures.
struct AnalysisCacheEntry: Decodable {
    var format: Int
    var key: String
    var figures: EditionMonteCarlo
}
