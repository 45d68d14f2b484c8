// yrdplan-bench: release-build benchmarks (filled in by each analysis).
let benchArguments = Array(CommandLine.arguments.dropFirst())
if benchArguments.first == "power" {
    PowerFlowBenchmarks.run(arguments: Array(benchArguments.dropFirst()))
} else if benchArguments.first == "games" {
    try BenefitSharingBenchmarks.run()
} else {
    print("yrdplan-bench")
    print("usage: yrdplan-bench power [CASE…] [--repeat N] [--shared DIR] | yrdplan-bench games")
}
