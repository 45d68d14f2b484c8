// yrdplan-bench: release-build benchmarks. Run `swift run -c release yrdplan-bench [SECTION…]` from the package root.
// Sections: model, games (add --pooled-8760 for the hourly pooled-dispatch game); `power [CASE…]` runs the dispatch benchmarks.
import Foundation

let benchArguments = Array(CommandLine.arguments.dropFirst())
if benchArguments.first == "power" {
    PowerFlowBenchmarks.run(arguments: Array(benchArguments.dropFirst()))
} else {
    let requested = Set(benchArguments.filter { !$0.hasPrefix("--") })
    func wanted(_ name: String) -> Bool { requested.isEmpty || requested.contains(name) }

    print(
        "# yrdplan-bench — \(ProcessInfo.processInfo.processorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB")
    do {
        if wanted("model") { try ModelBenchmarks.run() }
        if wanted("games") { try BenefitSharingBenchmarks.run() }
    } catch {
        FileHandle.standardError.write(Data("bench failed: \(error)\n".utf8))
        exit(3)
    }
}
