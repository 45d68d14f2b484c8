import Analysis
import ArgumentParser
import Diagnostics
import Foundation
import RegionLoading
import RegionModel
import Studies

/// `yrdplan study`: scenario sweeps as independent, hashed jobs, run on this machine or as a Slurm job array.
struct StudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Scenario sweeps as independent jobs: plan, run (local or Slurm), collect.",
        discussion: """
            A study file (Studies/*.yaml, docs/studies.md) crosses scenarios, grid variants, years, agreements and seeded \
            draws into jobs, each identified by the SHA-256 of its inputs (the model files it reads, its parameters, \
            yrdplan's version). `run` runs the jobs without a result in the store; `collect` aggregates the results \
            into CSV and JSON with deterministic bytes.
            """,
        subcommands: [StudyPlanCommand.self, StudyRunCommand.self, StudyCollectCommand.self, StudyJobCommand.self])
}

/// The study file and the model, shared by every `study` subcommand.
struct StudyOptions: ParsableArguments {
    @Argument(help: "The study file, e.g. Studies/example.yaml.")
    var file: String

    @OptionGroup var regions: RegionOptions

    var fileURL: URL { URL(fileURLWithPath: file).standardizedFileURL }
    var regionsURL: URL { URL(fileURLWithPath: regions.regionsPath).standardizedFileURL }

    /// Reads the study, loads the model and plans the jobs; every problem of the study file and the model at once.
    func plan() throws -> StudyPlan { try load().plan }

    /// The plan and the model it was planned on.
    func load() throws -> (plan: StudyPlan, model: RegionalModel) {
        let definition: StudyDefinition
        do { definition = try StudyFileReader.read(contentsOf: fileURL, displayPath: file) } catch {
            throw CommandFailure.badInput(error)
        }
        let model = try regions.loadModel()
        do { return (try StudyPlanner.plan(definition, model: model, regions: regionsURL), model) } catch {
            throw CommandFailure.badInput(error)
        }
    }

    /// The store named by `--store`, else `<study>.store` beside the study file.
    func store(_ path: String?) -> StudyStore {
        StudyStore(root: path.map { URL(fileURLWithPath: $0) } ?? StudyStore.defaultRoot(forStudyFile: fileURL))
    }
}

/// `yrdplan study plan FILE`: the jobs, each with its hash (deterministic: the same inputs print the same plan).
struct StudyPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "List the study's jobs, each with the SHA-256 of its inputs.")

    @OptionGroup var options: StudyOptions

    @Flag(help: "Print JSON (every job with its parameters and input files) instead of a table.")
    var json = false

    func run() throws {
        let plan = try options.plan()
        if json {
            print(StudyReport.planJSON(plan).rendered(), terminator: "")
            return
        }
        var table = TextTable(headers: ["job", "run", "parameters"])
        for job in plan.jobs {
            table.add([job.hash, job.computation, String(job.label.dropFirst(job.computation.count + 1))])
        }
        print(table.rendered(), terminator: "")
        print("\(plan.jobs.count) jobs (yrdplan \(YrdplanVersion.current))")
    }
}

/// `yrdplan study run FILE`: runs the jobs without a result, locally or through Slurm; resumes by default.
struct StudyRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the jobs that have no result yet (locally or as a Slurm job array).",
        discussion: """
            Each job writes results/<hash>.json into the store as a whole file; a job whose inputs changed has a new \
            hash and runs again, one whose inputs did not is skipped. A failing job is retried (`retries` in the study \
            file) and then leaves failures/<hash>.json with its stderr. Exit 0 when every job has a result, 1 when some \
            failed or their Slurm task was cancelled (run again to finish them).
            """)

    /// Where the jobs run.
    enum Executor: String, ExpressibleByArgument, CaseIterable {
        case local, slurm
    }

    @OptionGroup var options: StudyOptions

    @Option(help: "local (a pool of processes on this machine) or slurm (one job array; needs sbatch, squeue, scontrol).")
    var executor: Executor = .local

    @Option(help: "Jobs at once with the local executor (default: the core count).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "The result store (default: <study>.store beside the study file).")
    var store: String?

    @Option(help: "The yrdplan binary the jobs run (default: this one; on a cluster it must exist on the compute nodes).")
    var yrdplan: String?

    @Option(help: "Seconds between squeue polls (slurm executor).")
    var poll: Double = 5

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard poll > 0 else { throw ValidationError("--poll must be positive") }
    }

    func run() throws {
        let plan = try options.plan()
        let store = options.store(store)
        do { try store.create() } catch {
            throw CommandFailure.internalFailure("cannot create the store \(store.root.path): \(error.localizedDescription)")
        }
        let todo = plan.jobs.filter { !store.hasResult($0.hash) }
        let stale = StudyReport.staleResults(plan, store: store)
        progress(
            "\(plan.definition.name): \(plan.jobs.count) jobs, \(plan.jobs.count - todo.count) done, \(todo.count) to run"
                + (todo.isEmpty ? "" : " (\(executor.rawValue)\(executor == .local ? ", \(min(jobs, todo.count)) at a time" : ""))")
                + (stale > 0 ? "; \(stale) older result(s) in the store belong to no job of this plan and are kept" : ""))
        guard !todo.isEmpty else { return }
        let launcher = JobLauncher(
            executable: yrdplan ?? JobLauncher.currentExecutable, studyFile: options.fileURL.path, regions: options.regionsURL.path,
            store: store.root.path)
        let report: ExecutionReport
        switch executor {
        case .local:
            report = LocalExecutor(workers: jobs, launcher: launcher).run(
                todo, store: store, retries: plan.definition.retries, progress: progress)
        case .slurm:
            do {
                report = try SlurmExecutor(
                    launcher: launcher, studyName: plan.definition.name, resources: plan.definition.slurm, pollInterval: poll
                ).run(todo, store: store, retries: plan.definition.retries, progress: progress)
            } catch {
                throw CommandFailure.internalFailure("\(error)")
            }
        }
        let done = plan.jobs.filter { store.hasResult($0.hash) }.count
        progress("\(done) of \(plan.jobs.count) jobs have a result")
        if !report.failed.isEmpty || !report.cancelled.isEmpty || done < plan.jobs.count {
            if !report.failed.isEmpty {
                StandardError.write("error: \(report.failed.count) job(s) failed after their retries; see \(store.root.path)/failures/\n")
            }
            if !report.cancelled.isEmpty {
                StandardError.write(
                    "error: \(report.cancelled.count) job(s) were cancelled (scancel); run the same command again to finish them\n")
            }
            throw ExitCode(1)
        }
    }

    private func progress(_ line: String) { StandardError.write("[study] \(line)\n") }
}

/// `yrdplan study collect FILE --out DIR`: the results aggregated into CSV and JSON with deterministic bytes.
struct StudyCollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect", abstract: "Aggregate the results into CSV and JSON (sorted, fixed decimals, no time stamps).")

    @OptionGroup var options: StudyOptions

    @Option(help: "The result store (default: <study>.store beside the study file).")
    var store: String?

    @Option(help: "The folder to write the tables into (created if needed; each file replaced whole).")
    var out: String

    func run() throws {
        let plan = try options.plan()
        let store = options.store(store)
        let tables: [CollectedTable]
        do { tables = try StudyCollector.collect(plan, store: store) } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(1)
        }
        let folder = URL(fileURLWithPath: out).standardizedFileURL
        let writer = StudyStore(root: folder.appendingPathComponent(".collect", isDirectory: true))
        do {
            for table in tables {
                try writer.writeAtomically(Data(table.csv().utf8), to: folder.appendingPathComponent("\(table.name).csv"))
            }
            try writer.writeAtomically(
                Data(StudyReport.collectedJSON(tables, plan: plan).rendered().utf8), to: folder.appendingPathComponent("study.json"))
            try? FileManager.default.removeItem(at: writer.root)
        } catch {
            throw CommandFailure.internalFailure("cannot write into \(out): \(error.localizedDescription)")
        }
        for table in tables { print("\(out)/\(table.name).csv  \(table.rows.count) rows") }
        print("\(out)/study.json  \(plan.jobs.count) jobs")
    }
}

/// `yrdplan study job FILE --hash H --store DIR` (hidden): runs jobs of the plan and writes their results; what
/// executors start, locally and in every Slurm array task.
struct StudyJobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job", abstract: "Run jobs of a study by hash (started by the executors).", shouldDisplay: false)

    @OptionGroup var options: StudyOptions

    @Option(name: .customLong("hash"), help: "A job's hash (repeat for several; they run one after another).")
    var hashes: [String]

    @Option(help: "The result store.")
    var store: String

    func validate() throws {
        guard !hashes.isEmpty else { throw ValidationError("give at least one --hash") }
    }

    func run() throws {
        let (plan, model) = try options.load()
        let store = StudyStore(root: URL(fileURLWithPath: store))
        var failed = 0
        for id in hashes {
            guard let job = plan.job(id) else {
                StandardError.write(
                    "error: job \(id) is not in the plan of \(options.file) — its inputs changed since it was planned; run the study again\n"
                )
                failed += 1
                continue
            }
            if store.hasResult(id) { continue }
            do {
                let result = try StudyJobRunner.runForCLI(job, model: model)
                try store.write(result)
            } catch let failure as AnalysisFailureBox {
                failed += 1
                StandardError.write("error: job \(id) (\(job.label)):\n\(failure.text)\n")
                try? store.write(JobFailure(hash: id, label: job.label, attempts: 1, ending: "exit 1", stderr: failure.text))
            } catch {
                failed += 1
                StandardError.write("error: job \(id) (\(job.label)): \(error)\n")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

/// An analysis failure as text (the job's stderr and its failure record).
struct AnalysisFailureBox: Error {
    var text: String
}

extension StudyJobRunner {
    /// `run` with the failure turned into its diagnostics text.
    static func runForCLI(_ job: StudyJob, model: RegionalModel) throws -> JobResult {
        do { return try run(job, model: model) } catch { throw AnalysisFailureBox(text: error.diagnostics.description) }
    }
}

/// The `study plan --json` document and store bookkeeping.
enum StudyReport {
    /// Every job with its hash, parameters and input files.
    static func planJSON(_ plan: StudyPlan) -> JSONValue {
        .object([
            ("study", .string(plan.definition.name)),
            ("yrdplan_version", .string(YrdplanVersion.current)),
            (
                "jobs",
                .array(
                    plan.jobs.map { job in
                        var fields: [(String, JSONValue)] = [("hash", .string(job.hash)), ("run", .string(job.computation))]
                        if let scenario = job.scenario { fields.append(("scenario", .string(scenario))) }
                        if let variant = job.gridVariant { fields.append(("grid_variant", .string(variant))) }
                        if let year = job.year { fields.append(("year", .number(Double(year)))) }
                        if let agreement = job.agreement { fields.append(("agreement", .string(agreement))) }
                        fields.append(("draw", .number(Double(job.draw))))
                        if let seed = job.seed { fields.append(("seed", .string(String(seed)))) }
                        if let spread = job.spread { fields.append(("spread", .number(spread))) }
                        fields.append(("inputs", .object(job.inputs.map { ($0.path, .string($0.sha256)) })))
                        return .object(fields)
                    })
            ),
        ])
    }

    /// `study.json`: the study's name, version and job count, and every collected table as a list of objects (numbers
    /// rounded to the table's decimals).
    static func collectedJSON(_ tables: [CollectedTable], plan: StudyPlan) -> JSONValue {
        func value(_ cell: TableCell) -> JSONValue {
            switch cell {
            case .text(let text): .string(text)
            case .integer(let number): .number(Double(number))
            case .flag(let flag): .bool(flag)
            case .number(let number, let decimals): .rounded(number, decimals)
            }
        }
        return .object([
            ("study", .string(plan.definition.name)),
            ("title", .string(plan.definition.title)),
            ("yrdplan_version", .string(YrdplanVersion.current)),
            ("jobs", .number(Double(plan.jobs.count))),
            (
                "tables",
                .object(
                    tables.map { table in
                        (table.name, .array(table.rows.map { row in .object(zip(table.columns, row.map(value)).map { ($0, $1) }) }))
                    })
            ),
        ])
    }

    /// How many result files belong to no job of the plan (results of changed inputs, kept for reference).
    static func staleResults(_ plan: StudyPlan, store: StudyStore) -> Int {
        let hashes = Set(plan.jobs.map(\.hash))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: store.root.appendingPathComponent("results").path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !hashes.contains(String($0.dropLast(5))) }.count
    }
}
