internal import CClp

/// The simplex variant Clp runs.
public enum SimplexAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// Dual simplex (Clp's `initialDualSolve`): usually fastest for dispatch problems.
    case dual
    /// Primal simplex (Clp's `initialPrimalSolve`).
    case primal
    /// Clp chooses (`initialSolve`).
    case automatic
    /// Interior point with crossover to a basic solution (`initialBarrierSolve`).
    case barrier
}

/// Settings of one Clp solve.
public struct ClpOptions: Sendable, Hashable {
    /// Clp's message level: 0 silent, 1 summary, up to 4 detailed (Clp writes to standard output).
    public var logLevel: Int
    public var algorithm: SimplexAlgorithm
    /// Stop after this many seconds (nil: no limit); the status is then `.stoppedOnLimit`.
    public var timeLimitSeconds: Double?
    /// Stop after this many iterations (nil: no limit); the status is then `.stoppedOnLimit`.
    public var iterationLimit: Int?
    /// Whether Clp simplifies the model before solving (its presolve); on by default.
    public var presolve: Bool = true
    /// Clp's perturbation setting (50 = automatic, 100 = off, 101–102 more); nil keeps Clp's default.
    public var perturbation: Int?
    /// Clp's scaling mode (0 off, 1 equilibrium, 2 geometric, 3 automatic, 4 dynamic); nil keeps Clp's default.
    public var scaling: Int?

    public init(
        logLevel: Int = 0, algorithm: SimplexAlgorithm = .dual, timeLimitSeconds: Double? = nil,
        iterationLimit: Int? = nil
    ) {
        self.logLevel = logLevel
        self.algorithm = algorithm
        self.timeLimitSeconds = timeLimitSeconds
        self.iterationLimit = iterationLimit
    }
}

/// Solves a `LinearProgram` with COIN-OR Clp. Owns one Clp model, freed when the solver is released.
/// Maximisation is solved as minimisation of the negated objective; objective and duals are turned
/// back, so `LPSolution`'s sign convention holds for both senses.
public final class ClpSolver {
    private let model: UnsafeMutableRawPointer

    /// Creates a Clp model (the C library's `Clp_newModel`).
    public init() {
        model = Clp_newModel()!
    }

    deinit {
        Clp_deleteModel(model)
    }

    /// Clp's version string, e.g. `1.17.8`.
    public static var clpVersion: String {
        String(cString: Clp_Version())
    }

    /// Loads `program` into Clp in one call and solves it.
    public func solve(_ program: LinearProgram, options: ClpOptions = ClpOptions()) -> LPSolution {
        load(program)
        return solveLoaded(program: program, options: options)
    }

    /// Loads `program` and solves it starting from `basis` (a warm start): Clp's presolve carries the
    /// basis into the reduced model, so a basis close to the optimum saves most of the iterations.
    public func solve(_ program: LinearProgram, startingFrom basis: LPBasis, options: ClpOptions = ClpOptions()) -> LPSolution {
        precondition(
            basis.columns.count == program.variableCount && basis.rows.count == program.constraintCount,
            "a basis for \(basis.columns.count) variables and \(basis.rows.count) rows")
        load(program)
        Clp_copyinStatus(model, basis.columns + basis.rows)
        return solveLoaded(program: program, options: options)
    }

    /// Writes `program` as a free-format MPS file (Clp's `Clp_writeMps`), so the same LP can be handed to Clp's own
    /// command line, HiGHS or any other solver. A maximisation is written as the minimisation Clp solves (negated
    /// costs). Returns false when Clp cannot write the file.
    public func writeMPS(_ program: LinearProgram, to path: String) -> Bool {
        load(program)
        return Clp_writeMps(model, path, 1, 1, 1) == 0
    }

    /// Copies the matrix, bounds and objective into Clp (`Clp_loadProblem` with CSC arrays).
    private func load(_ program: LinearProgram) {
        let matrix = program.compressedColumns()
        let columns = program.variableCount
        let rows = program.constraintCount
        let flip = program.sense == .maximize ? -1.0 : 1.0
        let objective = flip == 1 ? program.cost : program.cost.map { -$0 }
        let colLower = program.columnLower.map(Self.clpBound)
        let colUpper = program.columnUpper.map(Self.clpBound)
        let rowLower = program.rowLower.map(Self.clpBound)
        let rowUpper = program.rowUpper.map(Self.clpBound)
        let starts = matrix.starts.map { CoinBigIndex($0) }
        Clp_setLogLevel(model, 0)
        Clp_loadProblem(
            model, Int32(columns), Int32(rows), starts, matrix.rowIndices, matrix.values,
            colLower, colUpper, objective, rowLower, rowUpper)
    }

    /// Clp treats anything beyond ±1e30 as infinite; pass its own infinity.
    private static func clpBound(_ value: Double) -> Double {
        if value == .infinity { return Double.greatestFiniteMagnitude }
        if value == -.infinity { return -Double.greatestFiniteMagnitude }
        return value
    }

    private func configure(_ options: ClpOptions) {
        Clp_setLogLevel(model, Int32(options.logLevel))
        Clp_setMaximumSeconds(model, options.timeLimitSeconds ?? -1)
        Clp_setMaximumIterations(model, Int32(clamping: options.iterationLimit ?? Int(Int32.max)))
        Clp_setOptimizationDirection(model, 1)
        if let perturbation = options.perturbation { Clp_setPerturbation(model, Int32(perturbation)) }
        if let scaling = options.scaling { Clp_scaling(model, Int32(scaling)) }
    }

    private func solveLoaded(program: LinearProgram, options: ClpOptions) -> LPSolution {
        configure(options)
        let settings = ClpSolve_new()
        defer { ClpSolve_delete(settings) }
        // ClpSolve's SolveType: 0 dual, 1 primal, 3 barrier, 5 automatic; PresolveType: 0 on, 1 off.
        let method: Int32
        switch options.algorithm {
        case .dual: method = 0
        case .primal: method = 1
        case .automatic: method = 5
        case .barrier: method = 3
        }
        ClpSolve_setSolveType(settings, method, -1)
        ClpSolve_setPresolveType(settings, options.presolve ? 0 : 1, -1)
        _ = Clp_initialSolveWithOptions(model, settings)
        return readSolution(program: program)
    }

    private func readSolution(program: LinearProgram) -> LPSolution {
        let status: LPStatus
        switch Clp_status(model) {
        case 0: status = .optimal
        case 1: status = .infeasible
        case 2: status = .unbounded
        case 3: status = .stoppedOnLimit
        case let code: status = .failed(code: Int(code))
        }
        let columns = program.variableCount
        let rows = program.constraintCount
        let flip = program.sense == .maximize ? -1.0 : 1.0
        let primal = Self.copy(Clp_primalColumnSolution(model), count: columns, scale: 1)
        let activities = Self.copy(Clp_primalRowSolution(model), count: rows, scale: 1)
        let duals = Self.copy(Clp_dualRowSolution(model), count: rows, scale: flip)
        let reduced = Self.copy(Clp_dualColumnSolution(model), count: columns, scale: flip)
        return LPSolution(
            status: status,
            objective: flip * Clp_objectiveValue(model),
            primal: primal,
            rowActivities: activities,
            rowDuals: duals,
            reducedCosts: reduced,
            iterations: Int(Clp_numberIterations(model)),
            basis: currentBasis(columns: columns, rows: rows))
    }

    /// Clp's status array (columns, then rows), status bits only.
    private func currentBasis(columns: Int, rows: Int) -> LPBasis {
        guard Clp_statusExists(model) != 0, let status = Clp_statusArray(model) else {
            return LPBasis(columns: [], rows: [])
        }
        let all = UnsafeBufferPointer(start: status, count: columns + rows).map { $0 & 7 }
        return LPBasis(columns: Array(all[..<columns]), rows: Array(all[columns...]))
    }

    private static func copy(_ pointer: UnsafeMutablePointer<Double>?, count: Int, scale: Double) -> [Double] {
        guard let pointer, count > 0 else { return [Double](repeating: 0, count: count) }
        let buffer = UnsafeBufferPointer(start: pointer, count: count)
        return scale == 1 ? Array(buffer) : buffer.map { $0 * scale }
    }
}
