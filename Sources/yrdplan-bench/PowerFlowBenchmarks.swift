import Foundation
import LinearProgramming
import PowerFlow
import RegionLoading
import RegionModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Dispatch benchmarks on the PyPSA reference cases (Tests/Fixtures/cases; city41-8760 from ../shared/cases):
/// load / build / solve / read back, peak memory.
/// `yrdplan-bench power [CASE…] [--repeat N] [--shared DIR] [--algorithm A] [--blocks N] [--write-mps DIR]`
/// (`--blocks`: time blocks as `yrdplan dispatch --time-blocks`, default the same automatic choice, 0 for none); run one case per
/// process to get its own peak memory (ru_maxrss only grows). Cases `regions-8760` and `regions-8760-transport` are
/// the delta's own grid over a year (`RegionsHourlyCase`).
enum PowerFlowBenchmarks {
    /// city41-8760 takes about ten minutes: name it to run it.
    static let defaultCases = ["yrd-typical-days", "yrd-8760"]

    static func run(arguments: [String]) {
        var cases: [String] = []
        var repeats = 1
        var options = ClpOptions()
        var boundsAsRows = false
        var shared: URL?
        var mpsFolder: URL?
        var blocks: Int?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--repeat", index + 1 < arguments.count {
                repeats = max(1, Int(arguments[index + 1]) ?? 1)
                index += 1
            } else if argument == "--algorithm", index + 1 < arguments.count,
                let chosen = SimplexAlgorithm(rawValue: arguments[index + 1])
            {
                options.algorithm = chosen
                index += 1
            } else if argument == "--scaling", index + 1 < arguments.count {
                options.scaling = Int(arguments[index + 1])
                index += 1
            } else if argument == "--bounds-as-rows" {
                boundsAsRows = true
            } else if argument == "--no-presolve" {
                options.presolve = false
            } else if argument == "--perturbation", index + 1 < arguments.count {
                options.perturbation = Int(arguments[index + 1])
                index += 1
            } else if argument == "--blocks", index + 1 < arguments.count {
                blocks = Int(arguments[index + 1])
                index += 1
            } else if argument == "--write-mps", index + 1 < arguments.count {
                mpsFolder = URL(fileURLWithPath: arguments[index + 1])
                index += 1
            } else if argument == "--shared", index + 1 < arguments.count {
                shared = URL(fileURLWithPath: arguments[index + 1])
                index += 1
            } else {
                cases.append(argument)
            }
            index += 1
        }
        if cases.isEmpty { cases = defaultCases }
        print(
            "power flow: Clp \(ClpSolver.clpVersion) (\(options.algorithm)), \(ProcessInfo.processInfo.activeProcessorCount) cores, medians of \(repeats)"
        )
        print(
            "case                      rows    cols      nnz  load s  build s  solve s  read s  total s  build/solve  peak RSS MB  CPU s  objective"
        )
        for name in cases {
            let loader: () throws -> GridNetwork =
                RegionsHourlyCase.names.contains(name)
                ? { try RegionsHourlyCase.network(name) }
                : { [folder = Bench.referenceCase(name, shared: shared)] in try PyPSAImport.load(folder: folder) }
            var samples: [Sample] = []
            for _ in 0..<repeats {
                do {
                    let mps = mpsFolder?.appendingPathComponent(name + (boundsAsRows ? "-bounds-as-rows" : "") + ".mps")
                    samples.append(try measure(loader, options: options, boundsAsRows: boundsAsRows, blocks: blocks, writingMPS: mps))
                } catch {
                    print("\(name): \(error)")
                    break
                }
            }
            guard !samples.isEmpty else { continue }
            func median(_ key: KeyPath<Sample, Double>) -> Double {
                let values = samples.map { $0[keyPath: key] }.sorted()
                return values[values.count / 2]
            }
            let s = samples[0]
            let line = [
                name.padding(toLength: 22, withPad: " ", startingAt: 0),
                String(format: "%7d %7d %8d", s.rows, s.columns, s.nonZeros),
                String(
                    format: "%7.2f %8.3f %8.2f %7.2f %8.2f", median(\.load), median(\.build), median(\.solve), median(\.readBack),
                    median(\.total)),
                String(
                    format: "%11.1f%% %12.0f %6.1f", 100 * median(\.build) / max(1e-9, median(\.solve)), peakResidentMegabytes(),
                    cpuSeconds()),
                String(format: "  %.2f  %d iterations", s.objective, s.iterations),
            ]
            print(line.joined(separator: " "))
        }
    }

    struct Sample {
        var load, build, solve, readBack, total, objective: Double
        var rows, columns, nonZeros, iterations: Int
    }

    /// One load, build, solve and read-back; with `writingMPS` the LP is also written there (not timed).
    static func measure(
        _ load: () throws -> GridNetwork, options: ClpOptions, boundsAsRows: Bool = false, blocks requested: Int? = nil,
        writingMPS mps: URL? = nil
    ) throws -> Sample {
        let clock = ContinuousClock()
        let start = clock.now
        let network = try load()
        let loaded = clock.now
        let problem = try DispatchProblem(network: network)
        let program = boundsAsRows ? pypsaStyle(problem.program) : problem.program
        let built = clock.now
        let solution =
            boundsAsRows
            ? ClpSolver().solve(program, options: options)
            : PowerDispatch.solveProgram(of: problem, options: options, timeBlocks: requested) { print("  " + $0) }
        let solved = clock.now
        _ = problem.readBack(solution)
        let done = clock.now
        if let mps, !ClpSolver().writeMPS(program, to: mps.path) { print("could not write \(mps.path)") }
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        return Sample(
            load: seconds(loaded - start), build: seconds(built - loaded), solve: seconds(solved - built),
            readBack: seconds(done - solved), total: seconds(done - start), objective: solution.objective,
            rows: program.constraintCount, columns: program.variableCount, nonZeros: program.nonZeroCount,
            iterations: solution.iterations)
    }

    /// The same LP written the way PyPSA writes it: free variables, every finite bound as its own row
    /// (x ≥ lower, x ≤ upper). For a same-machine comparison of Clp on both formulations.
    static func pypsaStyle(_ program: LinearProgram) -> LinearProgram {
        var lp = LinearProgram(sense: program.sense)
        let matrix = program.compressedColumns()
        for row in 0..<program.constraintCount {
            lp.addConstraint(lower: program.rowLower[row], upper: program.rowUpper[row])
        }
        var boundRows: [(lower: Int?, upper: Int?)] = []
        for column in 0..<program.variableCount {
            let lower = program.columnLower[column].isFinite ? lp.addConstraint(lower: program.columnLower[column], upper: .infinity) : nil
            let upper = program.columnUpper[column].isFinite ? lp.addConstraint(lower: -.infinity, upper: program.columnUpper[column]) : nil
            boundRows.append((lower, upper))
        }
        for column in 0..<program.variableCount {
            for k in Int(matrix.starts[column])..<Int(matrix.starts[column + 1]) {
                lp.appendColumnEntry(row: Int(matrix.rowIndices[k]), coefficient: matrix.values[k])
            }
            if let row = boundRows[column].lower { lp.appendColumnEntry(row: row, coefficient: 1) }
            if let row = boundRows[column].upper { lp.appendColumnEntry(row: row, coefficient: 1) }
            lp.addVariable(lower: -.infinity, upper: .infinity, cost: program.cost[column])
        }
        return lp
    }

    /// CPU seconds (user + system) of this process so far: a fair measure on a busy machine.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
        return user + system
    }

    /// Peak resident memory of this process so far, MB (getrusage; kilobytes on Linux).
    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_maxrss) / 1024
        #else
            getrusage(RUSAGE_SELF, &usage)
            return Double(usage.ru_maxrss) / 1_048_576
        #endif
    }
}
