// yrdplan-bench: release-build benchmarks. Run `swift run -c release yrdplan-bench [SECTION…]` from the package root.
// `yrdplan-bench power [CASE…] [--algorithm A] [--repeat N] [--bounds-as-rows]` runs the dispatch cases alone;
// `yrdplan-bench games [--pooled-8760]` the cooperative-game engine and the pooled-dispatch game.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "power" {
    PowerFlowBenchmarks.run(arguments: Array(arguments.dropFirst()))
    exit(0)
}
let requested = Set(arguments.filter { !$0.hasPrefix("--") })
func wanted(_ name: String) -> Bool { requested.isEmpty || requested.contains(name) }

print("# yrdplan-bench — \(ProcessInfo.processInfo.processorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB")
do {
    if wanted("model") { try ModelBenchmarks.run() }
    if wanted("games") { try BenefitSharingBenchmarks.run() }
    if wanted("site") { try SiteBenchmarks.run() }
} catch {
    FileHandle.standardError.write(Data("bench failed: \(error)\n".utf8))
    exit(3)
}
if wanted("power") { PowerFlowBenchmarks.run(arguments: []) }
