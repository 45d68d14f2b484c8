import Foundation

/// How an executor starts jobs: the `yrdplan` binary and the `study job` command line for a list of hashes. Executors
/// only start processes; the job itself reads the study and the model, computes and writes its result.
public struct JobLauncher: Sendable {
    /// The `yrdplan` executable (on a cluster: its path on the compute nodes).
    public var executable: String
    /// The study file (absolute).
    public var studyFile: String
    /// The regions folder (absolute).
    public var regions: String
    /// The store (absolute).
    public var store: String

    /// Creates the launcher from absolute paths.
    public init(executable: String, studyFile: String, regions: String, store: String) {
        self.executable = executable
        self.studyFile = studyFile
        self.regions = regions
        self.store = store
    }

    /// The arguments of `yrdplan study job` for everything but the hashes.
    public var baseArguments: [String] { ["study", "job", studyFile, "--regions", regions, "--store", store] }

    /// `--hash H` for each hash.
    public static func hashArguments(_ hashes: [String]) -> [String] { hashes.flatMap { ["--hash", $0] } }

    /// The path of the running executable (on Linux `/proc/self/exe`), for executors that start this same yrdplan.
    public static var currentExecutable: String {
        let link = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        if link != "/proc/self/exe", FileManager.default.isExecutableFile(atPath: link) { return link }
        return Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
    }
}

/// What an executor did: the jobs it ran to a result, those that failed after their retries and those that are
/// missing because their Slurm task was cancelled.
public struct ExecutionReport: Sendable, Equatable {
    /// Jobs that now have a result.
    public var succeeded: [String] = []
    /// Jobs that failed every attempt (their `failures/<hash>.json` says why).
    public var failed: [String] = []
    /// Jobs whose task was cancelled (`scancel`); the next `run` runs them.
    public var cancelled: [String] = []

    /// An empty report.
    public init() {}
}

/// Runs a program to its end and returns its exit status and standard output (standard error is inherited).
enum Subprocess {
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// How a process ended, in words: `exit 1` or `signal 9`.
    static func ending(_ process: Process) -> String {
        process.terminationReason == .uncaughtSignal ? "signal \(process.terminationStatus)" : "exit \(process.terminationStatus)"
    }
}
