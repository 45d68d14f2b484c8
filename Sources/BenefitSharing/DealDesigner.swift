import LinearProgramming
import RegionModel

// MARK: - Designing a split that passes the checks

/// What the deal designer aims at among the splits that pass every check.
public enum DesignObjective: String, Sendable, CaseIterable {
    /// The least total change of shares from the proposal.
    case closest
    /// As near as the shares allow to an equal gain over the stand-alone value for every party, then the
    /// least change of shares.
    case equalGain = "equal-gain"
    /// As near as the shares allow to gains over the stand-alone value in proportion to each party's
    /// separable contribution `v(N) − v(N∖i) − v({i})` (equal gains when those are all zero), then the least change.
    case proportional
}

/// An allocation that is linear in some design variables (the shares of a split schedule):
/// `x(θ) = base + Σ_k θ_k · columns[k]`, each `θ_k` in `lower[k]...upper[k]`. `grownBase`/`grownColumns`
/// give the same for the agreement with a larger total, so monotonicity is a linear constraint too.
public struct LinearAllocation: Sendable, Equatable {
    /// The allocation at θ = 0 (the proposal).
    public var base: [Double]
    /// Per design variable, how each party's payoff changes per unit.
    public var columns: [[Double]]
    /// The grown agreement's allocation at θ = 0 (nil when the agreement does not check monotonicity).
    public var grownBase: [Double]?
    /// The grown agreement's columns.
    public var grownColumns: [[Double]]?
    /// Lowest change allowed per variable (e.g. `−share` so a share stays ≥ 0).
    public var lower: [Double]
    /// Highest change allowed per variable (e.g. `1 − share`).
    public var upper: [Double]

    /// An allocation model from its parts.
    public init(base: [Double], columns: [[Double]], grownBase: [Double]?, grownColumns: [[Double]]?, lower: [Double], upper: [Double]) {
        self.base = base
        self.columns = columns
        self.grownBase = grownBase
        self.grownColumns = grownColumns
        self.lower = lower
        self.upper = upper
    }

    /// The allocation at `theta`.
    public func allocation(at theta: [Double]) -> [Double] {
        var x = base
        for (k, column) in columns.enumerated() { for i in x.indices { x[i] += theta[k] * column[i] } }
        return x
    }
}

/// The smallest payment that makes an allocation pass: transfers between the parties, and money from
/// outside the agreement when no transfer between them is enough (an empty core, floors above the total).
public struct SidePayment: Sendable, Equatable {
    /// Per party: what it receives (positive) or pays (negative), in the agreement's payoff unit.
    public var transfers: [Double]
    /// The part paid in from outside the agreement (≥ 0).
    public var fromOutside: Double
    /// The design variables used alongside the payment (shares moved as far as they help).
    public var theta: [Double]

    /// What the recipients receive in all (paid by the other parties and from outside).
    public var total: Double { transfers.filter { $0 > 0 }.reduce(0, +) }
}

/// Builds and solves the split-design LPs: the allocation must pass the agreement's checks, each
/// written as a linear constraint on `x(θ)`.
public enum DealDesigner {
    /// The θ that passes every check with `margin` to spare on each inequality and best meets `objective`;
    /// nil when no θ within the bounds passes. Symmetry and null-player become equalities, efficiency an
    /// equality on the total, monotonicity `grown x_i(θ) ≥ x_i(θ)`; a benefit/contribution gap is not an
    /// allocation constraint and is left to the caller.
    public static func design(
        _ model: LinearAllocation, game: CoalitionGame, parties: [String], properties: [RequiredProperty],
        objective: DesignObjective, margin: Double
    ) throws(GameError) -> [Double]? {
        var problem = DesignProblem(model: model, game: game, transfers: false)
        guard problem.requireChecks(properties, parties: parties, margin: margin) else { return nil }
        if objective == .closest {
            problem.minimiseShareChange()
            return try problem.solve(step: "split design")?.theta
        }
        let target = targetAllocation(game, objective)
        let deviation = problem.addDeviation(from: target)
        guard let first = try problem.solve(step: "split design (\(objective.rawValue))") else { return nil }
        problem.keepDeviation(deviation, atMost: first.objective + 1e-9 * max(1, abs(game.grandValue)))
        problem.minimiseShareChange()
        return try problem.solve(step: "split design (least change)")?.theta
    }

    /// The smallest side payment that, with the shares moved as far as they help, passes every
    /// allocation check: first the least money from outside the agreement, then the least paid between
    /// the parties. Nil when even that cannot pass (efficiency broken by the total itself, or a gap check).
    public static func smallestSidePayment(
        _ model: LinearAllocation, game: CoalitionGame, parties: [String], properties: [RequiredProperty]
    ) throws(GameError) -> SidePayment? {
        var problem = DesignProblem(model: model, game: game, transfers: true)
        guard problem.requireChecks(properties, parties: parties, margin: 0) else { return nil }
        problem.minimiseOutside()
        guard let first = try problem.solve(step: "side payment (outside money)") else { return nil }
        problem.keepOutside(atMost: first.objective + 1e-9 * max(1, abs(game.grandValue)))
        problem.minimiseTransfers()
        guard let second = try problem.solve(step: "side payment (transfers)") else { return nil }
        return SidePayment(transfers: second.transfers, fromOutside: second.outside, theta: second.theta)
    }

    /// The allocation an objective aims at: equal gains over `v({i})`, or gains in proportion to the
    /// separable contributions.
    public static func targetAllocation(_ game: CoalitionGame, _ objective: DesignObjective) -> [Double] {
        let n = game.playerCount
        let alone = (0..<n).map { game.value(of: Coalition([$0])) }
        let surplus = game.grandValue - alone.reduce(0, +)
        var weights = [Double](repeating: 1, count: n)
        if objective == .proportional {
            let separable = (0..<n).map { i in
                max(0, game.grandValue - game.value(of: Coalition([i]).complement(in: n)) - alone[i])
            }
            if separable.reduce(0, +) > game.tolerance { weights = separable }
        }
        let total = weights.reduce(0, +)
        return (0..<n).map { alone[$0] + surplus * weights[$0] / total }
    }
}

/// One design LP: variables `θ_k = plus_k − minus_k`, optionally transfers `t_i = in_i − out_i` and money
/// from outside; constraints from the checks.
struct DesignProblem {
    let model: LinearAllocation
    let game: CoalitionGame
    var lp = LinearProgram(sense: .minimize)
    var plus: [Int] = []
    var minus: [Int] = []
    var transferIn: [Int] = []
    var transferOut: [Int] = []
    var outside: Int?
    var efficiencyRequired = false

    init(model: LinearAllocation, game: CoalitionGame, transfers: Bool) {
        self.model = model
        self.game = game
        for k in model.columns.indices {
            plus.append(lp.addVariable(lower: 0, upper: max(0, model.upper[k])))
            minus.append(lp.addVariable(lower: 0, upper: max(0, -model.lower[k])))
        }
        if transfers {
            for _ in 0..<game.playerCount {
                transferIn.append(lp.addVariable())
                transferOut.append(lp.addVariable())
            }
            outside = lp.addVariable()
            // Transfers between the parties and from outside: Σ t_i = outside money.
            var terms = transferIn.map { LinearTerm($0, 1) } + transferOut.map { LinearTerm($0, -1) }
            terms.append(LinearTerm(outside!, -1))
            lp.addConstraint(terms, lower: 0, upper: 0)
        }
    }

    /// `x_i(θ) + t_i − base_i` as terms.
    func change(of i: Int, columns: [[Double]]? = nil, withTransfers: Bool = true) -> [LinearTerm] {
        var terms: [LinearTerm] = []
        for (k, column) in (columns ?? model.columns).enumerated() where column[i] != 0 {
            terms.append(LinearTerm(plus[k], column[i]))
            terms.append(LinearTerm(minus[k], -column[i]))
        }
        if withTransfers && !transferIn.isEmpty {
            terms.append(LinearTerm(transferIn[i], 1))
            terms.append(LinearTerm(transferOut[i], -1))
        }
        return terms
    }

    /// `x(S) ≥ bound` for the members of a coalition.
    mutating func requireAtLeast(_ members: [Int], _ bound: Double) -> Bool {
        let base = members.reduce(0) { $0 + model.base[$1] }
        return constrain(members.flatMap { change(of: $0) }, lower: bound - base, upper: .infinity)
    }

    /// Adds `lower ≤ Σ terms ≤ upper` with repeated variables merged; when no variable is left, only
    /// says whether 0 lies within the bounds (to the checks' tolerance).
    mutating func constrain(_ terms: [LinearTerm], lower: Double, upper: Double) -> Bool {
        var merged: [Int: Double] = [:]
        for term in terms { merged[term.index, default: 0] += term.coefficient }
        let kept = merged.keys.sorted().compactMap { merged[$0] != 0 ? LinearTerm($0, merged[$0]!) : nil }
        let tol = game.tolerance * 1000
        if kept.isEmpty { return lower <= tol && upper >= -tol }
        lp.addConstraint(kept, lower: lower, upper: upper)
        return true
    }

    /// Adds the checks as constraints; false when one can never hold whatever the variables.
    mutating func requireChecks(_ properties: [RequiredProperty], parties: [String], margin: Double) -> Bool {
        let n = game.playerCount
        var ok = true
        for property in properties {
            switch property {
            case .efficiency, .coreMembership:
                if !efficiencyRequired {
                    efficiencyRequired = true
                    ok = requireEfficiency() && ok
                }
                if case .coreMembership = property {
                    for mask in 1..<(game.coalitionCount - 1) {
                        let s = Coalition(mask: UInt64(mask))
                        ok = requireAtLeast(s.members, game.value(of: s) + margin) && ok
                    }
                }
            case .individualRationality:
                for i in 0..<n { ok = requireAtLeast([i], game.value(of: Coalition([i])) + margin) && ok }
            case .floor(let floors):
                for (i, party) in parties.enumerated() {
                    if let floor = floors[party] { ok = requireAtLeast([i], floor + margin) && ok }
                }
            case .symmetry:
                for i in 0..<n {
                    for j in (i + 1)..<max(n, i + 1) where RuleChecker.areSymmetric(game, i, j) {
                        ok =
                            requireEqual(
                                change(of: i) + change(of: j).map { LinearTerm($0.index, -$0.coefficient) },
                                model.base[j] - model.base[i]) && ok
                    }
                }
            case .nullPlayer:
                for i in 0..<n where RuleChecker.isNull(game, i) { ok = requireEqual(change(of: i), -model.base[i]) && ok }
            case .monotonicity:
                guard let grownBase = model.grownBase, let grownColumns = model.grownColumns else {
                    ok = false
                    break
                }
                // grown x_i(θ) − x_i(θ) ≥ 0; a side payment is the same money in both, so it cancels.
                for i in 0..<n {
                    let terms =
                        change(of: i, columns: grownColumns, withTransfers: false)
                        + change(of: i, withTransfers: false).map { LinearTerm($0.index, -$0.coefficient) }
                    ok = constrain(terms, lower: model.base[i] - grownBase[i], upper: .infinity) && ok
                }
            case .maxBenefitContributionGap:
                // Not a constraint on the allocation: shares of a tax split and side payments move neither
                // benefits nor contributions, so the check holds or fails as proposed; callers report it.
                break
            }
        }
        return ok
    }

    /// `Σ x_i(θ) = v(N)` (with outside money: `Σ (x_i + t_i) = v(N) + outside`, the same thing).
    mutating func requireEfficiency() -> Bool {
        var terms = (0..<game.playerCount).flatMap { change(of: $0) }
        if let outside { terms.append(LinearTerm(outside, -1)) }
        let gap = game.grandValue - model.base.reduce(0, +)
        return constrain(terms, lower: gap, upper: gap)
    }

    mutating func requireEqual(_ terms: [LinearTerm], _ value: Double) -> Bool {
        constrain(terms, lower: value, upper: value)
    }

    mutating func clearCosts() { for j in 0..<lp.variableCount { lp.setCost(ofVariable: j, to: 0) } }

    /// Objective: Σ_k |θ_k|, the total change of shares.
    mutating func minimiseShareChange() {
        clearCosts()
        for j in plus + minus { lp.setCost(ofVariable: j, to: 1) }
    }

    /// Adds `d_i ≥ |x_i(θ) − target_i|` and minimises Σ d_i; returns the deviation variables.
    mutating func addDeviation(from target: [Double]) -> [Int] {
        clearCosts()
        var deviation: [Int] = []
        for i in 0..<game.playerCount {
            let d = lp.addVariable(lower: 0, upper: .infinity, cost: 1)
            let offset = target[i] - model.base[i]
            lp.addConstraint(change(of: i) + [LinearTerm(d, 1)], lower: offset, upper: .infinity)
            lp.addConstraint(change(of: i) + [LinearTerm(d, -1)], lower: -.infinity, upper: offset)
            deviation.append(d)
        }
        return deviation
    }

    mutating func keepDeviation(_ deviation: [Int], atMost limit: Double) {
        lp.addConstraint(deviation.map { LinearTerm($0, 1) }, lower: -.infinity, upper: limit)
    }

    mutating func minimiseOutside() {
        clearCosts()
        if let outside { lp.setCost(ofVariable: outside, to: 1) }
    }

    mutating func keepOutside(atMost limit: Double) {
        if let outside { lp.setBounds(ofVariable: outside, lower: 0, upper: max(0, limit)) }
    }

    /// Objective: the least paid between the parties, then (a thousandth as much) the least change of shares.
    mutating func minimiseTransfers() {
        clearCosts()
        for j in transferIn { lp.setCost(ofVariable: j, to: 1) }
        for j in transferOut { lp.setCost(ofVariable: j, to: 1) }
        for j in plus + minus { lp.setCost(ofVariable: j, to: 1e-3) }
    }

    /// Solves; nil when infeasible, an error when the solver fails otherwise.
    func solve(step: String) throws(GameError) -> (theta: [Double], transfers: [Double], outside: Double, objective: Double)? {
        var options = ClpOptions()
        options.logLevel = 0
        let solution = ClpSolver().solve(lp, options: options)
        switch solution.status {
        case .optimal: break
        case .infeasible: return nil
        default: throw .linearProgramFailed(step: step, status: solution.status.description)
        }
        let x = solution.primal
        let theta = plus.indices.map { x[plus[$0]] - x[minus[$0]] }
        let transfers = transferIn.indices.map { x[transferIn[$0]] - x[transferOut[$0]] }
        return (theta, transfers, outside.map { x[$0] } ?? 0, solution.objective)
    }
}
