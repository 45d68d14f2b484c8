/// How a solve ended.
public enum LPStatus: Hashable, Sendable, CustomStringConvertible {
    /// An optimal solution was found.
    case optimal
    /// No point satisfies all constraints and bounds.
    case infeasible
    /// The objective can improve without limit.
    case unbounded
    /// The iteration or time limit stopped the solver before it finished.
    case stoppedOnLimit
    /// The solver stopped on an error; `code` is Clp's problem status (4 = errors, -1 = not solved).
    case failed(code: Int)

    public var description: String {
        switch self {
        case .optimal: "optimal"
        case .infeasible: "infeasible"
        case .unbounded: "unbounded"
        case .stoppedOnLimit: "stopped on iteration or time limit"
        case .failed(let code): "solver failed (Clp status \(code))"
        }
    }
}

/// The result of solving a `LinearProgram`.
///
/// Sign convention (for both senses): `rowDuals[i]` is ∂objective/∂(bound of row i) and
/// `reducedCosts[j]` is ∂objective/∂(bound of variable j), at the active bound. For a minimisation,
/// a binding `≥` demand row has a non-negative dual (more demand costs more), a binding `≤` capacity
/// row a non-positive one.
public struct LPSolution: Sendable {
    public var status: LPStatus
    /// The objective value in the program's own sense (meaningful when `status == .optimal`).
    public var objective: Double
    /// Variable values.
    public var primal: [Double]
    /// Row activities A·x.
    public var rowActivities: [Double]
    /// ∂objective/∂rhs per row (see the type's sign convention).
    public var rowDuals: [Double]
    /// ∂objective/∂bound per variable (see the type's sign convention).
    public var reducedCosts: [Double]
    /// Simplex iterations used.
    public var iterations: Int
    /// The final basis (empty arrays when the solver kept none).
    public var basis = LPBasis(columns: [], rows: [])
}

/// A simplex basis: the status of every variable and row, to start a related LP from (a warm start).
/// Values are Clp's: 0 free, 1 basic, 2 at upper bound, 3 at lower bound, 4 superbasic, 5 fixed.
public struct LPBasis: Sendable, Hashable {
    public var columns: [UInt8]
    public var rows: [UInt8]

    public static let free: UInt8 = 0
    public static let basic: UInt8 = 1
    public static let atUpperBound: UInt8 = 2
    public static let atLowerBound: UInt8 = 3

    public init(columns: [UInt8], rows: [UInt8]) {
        self.columns = columns
        self.rows = rows
    }
}
