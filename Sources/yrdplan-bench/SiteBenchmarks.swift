import Analysis
import Briefs
import Diagnostics
import Foundation
import Site
import YrdplanCLI

/// Issue 5's benchmark: the whole publish pipeline (load Regions/ and templates, project, render, validate,
/// stage, swap) for the delta, and pages per second for a generated 41-region × 10-scenario × 2-language site.
enum SiteBenchmarks {
    static func run() throws {
        Bench.section("Site: yrdplan publish (load → validate → analyse → render → validate output → stage → swap)")
        let root = Bench.projectRoot
        let regions = root.appendingPathComponent("Regions")
        try measure(label: "delta (4 provinces × 3 scenarios × 2 languages)", regions: regions.path, repeats: 5)

        let generated = try ModelBenchmarks.generateCase(regions: 41, scenarios: 10, from: regions)
        defer { try? FileManager.default.removeItem(at: generated) }
        try measure(label: "generated (41 regions × 10 scenarios × 2 languages)", regions: generated.path, repeats: 3)
    }

    /// User + system CPU seconds of this process so far (getrusage), to compare runs on a busy machine.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func measure(label: String, regions: String, repeats: Int) throws {
        let root = Bench.projectRoot
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("yrdplan-bench-site-\(getpid())/_site")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let settings = SiteSettings(baseURL: "https://briefs.example.org/", editionDate: "2026-11-30")
        let request = PublishRequest(
            outDirectory: out, templatesDirectory: root.appendingPathComponent("Templates"), settings: settings,
            sourceDateEpoch: 1_767_225_600)
        let rssBefore = Bench.currentMemoryMiB()
        let cpuBefore = cpuSeconds()
        let publish = try Bench.time(repeats: repeats) { () throws -> PublishSummary in
            let publisher = Publisher(request: request) { () throws(DiagnosticsError) -> BriefInput in
                try SiteInput.make(regions: regions, editionDate: "2026-11-30")
            }
            publisher.log = { _ in }
            return try publisher.run()
        }
        let cpuPerRun = (cpuSeconds() - cpuBefore) / Double(repeats)
        let summary = publish.result
        let perSecond = Double(summary.pages) / publish.seconds
        print(
            "\(label): publish \(Bench.format(publish.seconds)) (best of \(repeats), warm), \(summary.pages) pages "
                + "(\(summary.briefs) XML briefs + their HTML twins and regional pages), \(summary.files) files, "
                + String(format: "%.0f pages/s", perSecond) + String(format: ", %.2f CPU s per run", cpuPerRun)
                + "; RSS before \(String(format: "%.0f", rssBefore)) MiB, "
                + "peak RSS so far \(String(format: "%.0f", Bench.peakMemoryMiB())) MiB")

        // The site alone, as a static-site generator measures it: the model's input computed beforehand.
        let input = try SiteInput.make(regions: regions, editionDate: "2026-11-30")
        let steps = StepClock()
        let siteOnly = try Bench.time(repeats: repeats) { () throws -> PublishSummary in
            let publisher = Publisher(request: request) { () throws(DiagnosticsError) -> BriefInput in input }
            publisher.log = { _ in steps.start() }
            publisher.afterStep = { step throws(PublishError) in steps.stop(step) }
            return try publisher.run()
        }
        print(
            "  site only (templates → validated pages → staged and swapped, model excluded): \(Bench.format(siteOnly.seconds)), "
                + String(format: "%.0f pages/s", Double(siteOnly.result.pages) / siteOnly.seconds))
        print("  per step (last run): " + steps.summary)

        // The same site in memory only (no disk): where the time goes.
        let templates = try TemplateSet.load(from: root.appendingPathComponent("Templates"))
        let builder = SiteBuilder(templates: templates, settings: settings, sourceDateEpoch: 1_767_225_600)
        let plan = try Bench.time(repeats: repeats) { try builder.plan(input) }
        let render = try Bench.time(repeats: repeats) { try builder.build(input, pages: plan.result, previous: nil) }
        let validate = try Bench.time(repeats: repeats) { try builder.validate(render.result, pages: plan.result) }
        _ = validate.result
        print(
            "  in memory: analyse \(Bench.format(plan.seconds)), render \(Bench.format(render.seconds)), "
                + "validate (XSD + HTML parse) \(Bench.format(validate.seconds))")
    }
}

/// Wall time of each publish step, from the publisher's log and after-step hooks.
final class StepClock: @unchecked Sendable {
    private var started = DispatchTime.now().uptimeNanoseconds
    private var durations: [(String, Double)] = []

    func start() { started = DispatchTime.now().uptimeNanoseconds }

    func stop(_ step: String) {
        if step == "load" { durations = [] }
        durations.append((step, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9))
    }

    var summary: String { durations.map { "\($0.0) \(Bench.format($0.1))" }.joined(separator: ", ") }
}
