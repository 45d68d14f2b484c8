// yrdplan-bench: release-build benchmarks. Run `swift run -c release yrdplan-bench [SECTION…]` from the package root.
import Foundation

let requested = Set(CommandLine.arguments.dropFirst())
func wanted(_ name: String) -> Bool { requested.isEmpty || requested.contains(name) }

print("# yrdplan-bench — \(ProcessInfo.processInfo.processorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB")
do {
    if wanted("model") { try ModelBenchmarks.run() }
    if wanted("site") { try SiteBenchmarks.run() }
} catch {
    FileHandle.standardError.write(Data("bench failed: \(error)\n".utf8))
    exit(3)
}
