import Analysis
import Foundation
import Pathways
import RegionLoading
import RegionModel

/// Issue 2's benchmark: load + validate + project every scenario, for the delta and a generated 41 × 100 case.
enum ModelBenchmarks {
    static func run() throws {
        Bench.section("Shared model: load + validate + project all scenarios")
        let regions = Bench.projectRoot.appendingPathComponent("Regions")
        try measure(label: "delta (4 provinces × 3 scenarios)", regions: regions, repeats: 5)

        let generated = try generateCase(regions: 41, scenarios: 100, from: regions)
        defer { try? FileManager.default.removeItem(at: generated) }
        try measure(label: "generated (41 regions × 100 scenarios)", regions: generated, repeats: 1)

        try measureUncertainty(regions: regions)
    }

    /// Issue 9's target: 1,000 Monte Carlo draws × 4 provinces × 3 scenarios in under 2 s (release). Prints wall and
    /// CPU time and the load average, since the machine may be shared.
    static func measureUncertainty(regions: URL) throws {
        Bench.section("Monte Carlo: 1,000 draws × every province × every scenario (project --draws 1000)")
        let model = try RegionLoader.load(from: regions)
        let cpuBefore = cpuSeconds()
        let run = try Bench.time(repeats: 3) {
            try UncertaintyAnalysis.run(model, scenarios: model.scenarios, draws: 1_000, seed: 1)
        }
        let cpu = (cpuSeconds() - cpuBefore) / 3
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ")
        print(
            "1000 draws × \(model.provinces.count) provinces × \(model.scenarios.count) scenarios: "
                + "\(Bench.format(run.seconds)) wall (best of 3), \(Bench.format(cpu)) CPU per run, "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(load ?? "?"); "
                + "peak RSS so far \(String(format: "%.0f", Bench.peakMemoryMiB())) MiB")
    }

    /// User + system CPU seconds of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func measure(label: String, regions: URL, repeats: Int) throws {
        let load = try Bench.time(repeats: repeats) { try RegionLoader.load(from: regions) }
        let model = load.result
        let project = try Bench.time(repeats: repeats) {
            try model.scenarios.map { try RegionalOutlook(model: model, scenario: $0) }
        }
        let trajectories = project.result.reduce(0) { $0 + $1.provinces.count + 1 }
        print(
            "\(label): load+validate \(Bench.format(load.seconds)), project \(Bench.format(project.seconds)) "
                + "(\(trajectories) trajectories), total \(Bench.format(load.seconds + project.seconds)); "
                + "peak RSS so far \(String(format: "%.0f", Bench.peakMemoryMiB())) MiB")
    }

    /// Writes `regions` province files (copies of the shipped provinces under new ids) and `scenarios` scenario
    /// files (the shipped region-wide levers, shifted) into a temporary folder.
    static func generateCase(regions count: Int, scenarios: Int, from source: URL) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "yrdplan-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: source.appendingPathComponent("sources.yaml"), to: folder.appendingPathComponent("sources.yaml"))
        let templates = try RegionLoader.load(from: source).provinces.map(\.id.rawValue)
        for i in 0..<count {
            let template = templates[i % templates.count]
            var text = try String(contentsOf: source.appendingPathComponent("\(template).yaml"), encoding: .utf8)
            let id = String(format: "city-%02d", i + 1)
            text = text.replacingOccurrences(of: "id: \(template)", with: "id: \(id)")
            text = text.replacingOccurrences(of: #"(?m)^code: .*$"#, with: "code: C\(i + 1)", options: .regularExpression)
            try text.write(to: folder.appendingPathComponent("\(id).yaml"), atomically: false, encoding: .utf8)
        }
        let policy = try String(contentsOf: source.appendingPathComponent("scenarios/policy.yaml"), encoding: .utf8)
        let regionWide = policy.components(separatedBy: "\nprovinces:")[0]
        for i in 0..<scenarios {
            let name = String(format: "variant-%03d", i + 1)
            let text = regionWide.replacingOccurrences(of: "name: policy", with: "name: \(name)")
                .replacingOccurrences(of: "{2021: 6.0,", with: "{2021: \(String(format: "%.2f", 4.0 + Double(i) * 0.03)),")
            try text.write(to: folder.appendingPathComponent("scenarios/\(name).yaml"), atomically: false, encoding: .utf8)
        }
        return folder
    }
}
