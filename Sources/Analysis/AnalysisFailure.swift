import Diagnostics
import LinearProgramming
import PowerFlow

/// Why an analysis of the model could not produce its figures: bad input (every problem as `file:line`) or a
/// solver that stopped without an optimum. The CLI maps the first to exit 1 and the second to exit 3.
public enum AnalysisFailure: Error, Equatable, Sendable {
    /// The data or the network built from it has problems; every one is listed.
    case badInput(DiagnosticsError)
    /// Clp stopped without an optimum on the named network (limit reached, numerical failure).
    case solverFailed(network: String, status: LPStatus)

    /// The one mapping of a dispatch failure: invalid and infeasible networks are bad input, a solver stop is not.
    /// `file` names where the network comes from (for an infeasible one, which has no line of its own).
    public init(_ failure: DispatchFailure, network: String, file: String?, infeasibleFix: String? = nil) {
        switch failure {
        case .invalidNetwork(let diagnostics): self = .badInput(diagnostics)
        case .infeasible(let message):
            self = .badInput(DiagnosticsError([.error(at: file.map { SourceLocation(file: $0) }, message, fix: infeasibleFix)]))
        case .solverFailed(let status): self = .solverFailed(network: network, status: status)
        }
    }

    /// The problems as diagnostics (a solver stop becomes one, naming the network).
    public var diagnostics: DiagnosticsError {
        switch self {
        case .badInput(let error): error
        case .solverFailed(let network, let status):
            DiagnosticsError([
                .error(
                    at: nil, "Clp did not reach an optimum for '\(network)': \(status)",
                    fix: "try yrdplan dispatch --algorithm primal or barrier")
            ])
        }
    }
}
