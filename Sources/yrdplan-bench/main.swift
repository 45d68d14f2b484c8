// yrdplan-bench: release-build benchmarks (filled in by each analysis).
print("yrdplan-bench")
try BenefitSharingBenchmarks.run()
