import Analysis
import ArgumentParser
import Diagnostics
import Foundation

/// The `yrdplan` root command: a Yangtze River Delta regional coordination planner.
public struct Yrdplan: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "yrdplan",
        abstract: "Yangtze River Delta (长三角) regional coordination planner.",
        discussion: """
            One shared model of Shanghai, Jiangsu, Zhejiang and Anhui: base-year emissions, carbon-peak \
            projections, interprovincial power flows, benefit sharing and policy briefs.
            Exit codes: 0 success, 1 bad input or failed check, 2 usage, 3 internal failure.
            """,
        subcommands: YrdplanSubcommands.all
    )

    public init() {}

    /// Runs the command line and exits with the contract's codes (usage errors 2, not 64).
    public static func runAndExit(_ arguments: [String]? = nil) -> Never {
        let code: ExitStatus
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            code = .success
        } catch let failure as CommandFailure {
            failure.report()
            code = failure.exitStatus
        } catch {
            code = ExitStatus(argumentParserCode: exitCode(for: error).rawValue)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success {
                    print(message)
                } else {
                    StandardError.write(message + "\n")
                }
            }
        }
        Foundation.exit(code.rawValue)
    }
}

/// The process exit codes of the CLI contract (DESIGN.md).
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// Bad input data or a failed allocation-rule check.
    case badInput = 1
    /// The command line itself was wrong.
    case usage = 2
    /// Something failed inside yrdplan or a library it uses.
    case internalFailure = 3

    init(argumentParserCode: Int32) {
        switch argumentParserCode {
        case 0: self = .success
        case 64: self = .usage
        case 1: self = .badInput
        default: self = .internalFailure
        }
    }
}

/// Why a command stopped, mapped to an exit status and a message on standard error.
public enum CommandFailure: Error, Equatable {
    /// Input data had problems: every one is printed as `file:line: what — fix`.
    case badInput(DiagnosticsError)
    /// Checks ran and some failed; their report was already printed.
    case checksFailed(count: Int)
    /// Something went wrong that is not the user's input.
    case internalFailure(String)

    /// An analysis failure: bad input exits 1, a solver stop is an internal failure (exit 3) with Clp's status.
    init(_ failure: AnalysisFailure) {
        switch failure {
        case .badInput(let error): self = .badInput(error)
        case .solverFailed(let network, let status):
            self = .internalFailure("Clp did not reach an optimum for '\(network)': \(status) — try --algorithm primal or barrier")
        }
    }

    var exitStatus: ExitStatus {
        switch self {
        case .badInput, .checksFailed: .badInput
        case .internalFailure: .internalFailure
        }
    }

    func report() {
        switch self {
        case .badInput(let error):
            let errors = error.diagnostics.filter { $0.severity == .error }.count
            StandardError.write(error.description + "\n")
            StandardError.write("error: \(errors) problem\(errors == 1 ? "" : "s") found; nothing was written.\n")
        case .checksFailed(let count):
            StandardError.write("error: \(count) check\(count == 1 ? "" : "s") failed.\n")
        case .internalFailure(let message):
            StandardError.write("internal error: \(message)\n")
        }
    }
}

/// Writes to standard error without buffering surprises.
enum StandardError {
    static func write(_ text: String) {
        fflush(nil)  // what was printed to standard output comes first, also when both go to one log
        FileHandle.standardError.write(Data(text.utf8))
    }
}
