import LinearProgramming

// MARK: - Nucleolus, pre-nucleolus and least core by sequential LPs

/// The least core: the smallest ε such that some efficient allocation gives every proper coalition
/// an excess of at most ε, and one such allocation.
public struct LeastCore: Sendable, Equatable {
    /// The least-core value ε₁; the core is non-empty exactly when ε₁ ≤ 0.
    public var epsilon: Double
    /// One allocation in the least core: the vertex the LP solver returned, so which one depends on its
    /// pivoting. For a point that does not, use the pre-nucleolus, which always lies in the least core.
    public var allocation: [Double]
}

/// Facts about a nucleolus run, for benchmarks and tests of the procedure itself.
public struct NucleolusTrace: Sendable, Equatable {
    /// The excess level of each LP solved, in order (a level may repeat).
    public var levels: [Double]
    /// Number of linear programs solved.
    public var linearPrograms: Int
}

extension CoalitionGame {
    /// The nucleolus: the imputation that lexicographically minimises the largest excesses
    /// (Schmeidler 1969). `nil` when the imputation set is empty (`Σ v({i}) > v(N)`).
    public func nucleolus() throws(GameError) -> [Double]? {
        guard hasImputations else { return nil }
        return try sequentialNucleolus(individuallyRational: true).allocation
    }

    /// The pre-nucleolus: as the nucleolus but over all efficient allocations (no individual
    /// rationality bound). It always exists and equals the nucleolus when the core is non-empty.
    public func prenucleolus() throws(GameError) -> [Double] {
        try sequentialNucleolus(individuallyRational: false).allocation
    }

    /// The least core (first LP of the pre-nucleolus).
    public func leastCore() throws(GameError) -> LeastCore {
        if playerCount == 1 { return LeastCore(epsilon: -.infinity, allocation: [grandValue]) }
        var solver = NucleolusSolver(game: self, individuallyRational: false)
        let first = try solver.solveLevel()
        return LeastCore(epsilon: first.epsilon, allocation: first.allocation)
    }

    /// Whether the core is non-empty (the least-core value is at most 0, within tolerance).
    public func coreIsNonEmpty() throws(GameError) -> Bool {
        try leastCore().epsilon <= tolerance
    }

    /// Runs the Maschler–Peleg–Shapley sequence of LPs and reports the levels met.
    public func sequentialNucleolus(individuallyRational: Bool) throws(GameError) -> (allocation: [Double], trace: NucleolusTrace) {
        if playerCount == 1 { return ([grandValue], NucleolusTrace(levels: [], linearPrograms: 0)) }
        var solver = NucleolusSolver(game: self, individuallyRational: individuallyRational)
        var levels: [Double] = []
        while true {
            let level = try solver.solveLevel()
            levels.append(level.epsilon)
            if solver.isDetermined { return (level.allocation, NucleolusTrace(levels: levels, linearPrograms: levels.count)) }
        }
    }
}

/// The state of the sequential LPs: coalitions whose excess is already fixed, the span of their
/// characteristic vectors, and the coalitions still free.
struct NucleolusSolver {
    let game: CoalitionGame
    let individuallyRational: Bool
    /// Coalitions fixed so far with the excess each must keep.
    var fixed: [(mask: Int, excess: Double)] = []
    /// Players whose individual-rationality bound is tight at every optimum.
    var pinnedPlayers: Set<Int> = []
    /// Reduced-row-echelon basis of the span of fixed characteristic vectors (the grand coalition included).
    var basis = SpanBasis()
    /// Coalitions not in the span of the fixed ones: their excess can still change.
    var free: [Int]

    init(game: CoalitionGame, individuallyRational: Bool) {
        self.game = game
        self.individuallyRational = individuallyRational
        let n = game.playerCount
        var span = SpanBasis(dimension: n)
        span.insert(mask: (1 << n) - 1)
        basis = span
        free = Array(1..<((1 << n) - 1)).filter { !span.contains(mask: $0) }
    }

    /// Whether the fixed equalities leave exactly one allocation.
    var isDetermined: Bool { basis.rank == game.playerCount }

    /// Solves one LP `min ε` subject to `x(S) + ε ≥ v(S)` for free S, the fixed equalities and
    /// efficiency; then fixes the free coalitions whose excess equals ε at EVERY optimum: exactly those
    /// with a positive dual (strict complementary slackness is not needed: a positive dual in one dual
    /// optimum proves tightness in all primal optima). Coalitions tight only at the returned vertex stay free,
    /// so the next LP may meet the same level again.
    mutating func solveLevel() throws(GameError) -> (epsilon: Double, allocation: [Double]) {
        let n = game.playerCount
        let v = game.values
        // The LP is solved in its dual form, which has only n + 1 rows (one per player, one for ε)
        // and one column per coalition, so the simplex basis stays small:
        //   max Σ_free y_S v(S) + Σ_fixed z_T (v(T) − e_T) + Σ_i w_i v({i})
        //   s.t. Σ_{S∋i} y_S + Σ_{T∋i} z_T + w_i = 0 for each player i,  Σ_free y_S = 1,
        //        y ≥ 0, z free, w ≥ 0 (free once the bound is pinned).
        // The allocation x and the level ε are the duals of these rows; y_S > 0 proves S tight.
        var lp = LinearProgram(sense: .maximize)
        let fixedTargets = [((1 << n) - 1, game.grandValue)] + fixed.map { ($0.mask, v[$0.mask] - $0.excess) }
        let columns = free.count + fixedTargets.count + (individuallyRational ? n : 0)
        lp.reserveCapacity(variables: columns, constraints: n + 1, nonZeros: columns * (n + 1))
        for _ in 0..<n { lp.addConstraint([LinearTerm](), lower: 0, upper: 0) }
        let epsilonRow = lp.addConstraint([LinearTerm](), lower: 1, upper: 1)
        var scratch: [LinearTerm] = []
        scratch.reserveCapacity(n + 1)
        func entries(_ mask: Int, epsilon: Bool) -> [LinearTerm] {
            scratch.removeAll(keepingCapacity: true)
            var m = mask
            while m != 0 {
                scratch.append(LinearTerm(m.trailingZeroBitCount, 1))
                m &= m - 1
            }
            if epsilon { scratch.append(LinearTerm(epsilonRow, 1)) }
            return scratch
        }
        var freeColumns: [Int] = []
        freeColumns.reserveCapacity(free.count)
        for mask in free {
            freeColumns.append(lp.addVariable(lower: 0, upper: .infinity, cost: v[mask], entries: entries(mask, epsilon: true)))
        }
        for (mask, target) in fixedTargets {
            lp.addVariable(lower: -.infinity, upper: .infinity, cost: target, entries: entries(mask, epsilon: false))
        }
        var boundColumns: [Int] = []
        if individuallyRational {
            for i in 0..<n {
                let pinned = pinnedPlayers.contains(i)
                boundColumns.append(
                    lp.addVariable(lower: pinned ? -.infinity : 0, upper: .infinity, cost: v[1 << i], entries: [LinearTerm(i, 1)]))
            }
        }
        // Primal simplex without presolve: the dual form has few rows and many columns, and presolve
        // would cost more than the solve on these small dense LPs (see docs/benefit-sharing.md).
        var options = ClpOptions(algorithm: .primal)
        options.presolve = false
        let solution = ClpSolver().solve(lp, options: options)
        guard solution.status == .optimal else {
            throw .linearProgramFailed(step: "nucleolus level \(fixed.count + 1)", status: solution.status.description)
        }
        let level = solution.rowDuals[epsilonRow]
        let allocation = Array(solution.rowDuals[0..<n])

        // Coalitions with a positive weight y_S are tight at every optimum: fix them at this level.
        var newlyFixed: [Int] = []
        var largest = (row: -1, weight: 0.0)
        for (k, column) in freeColumns.enumerated() {
            let weight = solution.primal[column]
            if weight > largest.weight { largest = (k, weight) }
            if weight > 1e-9 { newlyFixed.append(k) }
        }
        if newlyFixed.isEmpty && largest.row >= 0 { newlyFixed = [largest.row] }
        for k in newlyFixed {
            fixed.append((free[k], level))
            basis.insert(mask: free[k])
        }
        // Individual-rationality bounds with a positive weight hold with equality at every optimum.
        if individuallyRational {
            for i in 0..<n where !pinnedPlayers.contains(i) && solution.primal[boundColumns[i]] > 1e-9 {
                pinnedPlayers.insert(i)
                basis.insert(mask: 1 << i)
            }
        }
        // Coalitions now in the span have a constant excess on what is left: they no longer matter.
        free = free.filter { !basis.contains(mask: $0) }
        return (level, allocation)
    }

    static func terms(of mask: Int) -> [LinearTerm] {
        var out: [LinearTerm] = []
        var m = mask
        while m != 0 {
            out.append(LinearTerm(m.trailingZeroBitCount, 1))
            m &= m - 1
        }
        return out
    }
}

/// The linear span of some 0/1 coalition vectors, kept in reduced row-echelon form in one flat
/// buffer; membership tests reduce in a stack buffer, so the per-coalition checks do not allocate.
struct SpanBasis {
    var dimension = 0
    /// `rank × dimension` entries, row after row.
    var rows: [Double] = []
    var pivots: [Int] = []
    var rank: Int { pivots.count }

    init() {}
    init(dimension: Int) { self.dimension = dimension }

    /// Reduces the 0/1 vector of `mask` against the basis into `v`.
    func reduce(mask: Int, into v: UnsafeMutableBufferPointer<Double>) {
        for j in 0..<dimension { v[j] = mask & (1 << j) != 0 ? 1 : 0 }
        rows.withUnsafeBufferPointer { r in
            for (k, pivot) in pivots.enumerated() where v[pivot] != 0 {
                let f = v[pivot]
                let base = k * dimension
                for j in 0..<dimension { v[j] -= f * r[base + j] }
            }
        }
    }

    func contains(mask: Int) -> Bool {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(dimension, 1)) { v in
            reduce(mask: mask, into: v)
            for j in 0..<dimension where abs(v[j]) > 1e-9 { return false }
            return true
        }
    }

    mutating func insert(mask: Int) {
        var v = [Double](repeating: 0, count: dimension)
        v.withUnsafeMutableBufferPointer { reduce(mask: mask, into: $0) }
        guard let pivot = (0..<dimension).max(by: { abs(v[$0]) < abs(v[$1]) }), abs(v[pivot]) > 1e-9 else { return }
        let p = v[pivot]
        for j in 0..<dimension { v[j] /= p }
        for k in 0..<rank {
            let f = rows[k * dimension + pivot]
            if f != 0 { for j in 0..<dimension { rows[k * dimension + j] -= f * v[j] } }
        }
        rows.append(contentsOf: v)
        pivots.append(pivot)
    }
}
