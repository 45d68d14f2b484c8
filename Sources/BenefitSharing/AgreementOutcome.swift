import RegionModel
import SeededRandom

/// What an agreement gives each party, together with the cooperative game it is judged against.
public struct AgreementOutcome: Sendable {
    /// Party ids in game order.
    public var parties: [String]
    /// The game: `v(S)` is what the parties in S can secure together without the others.
    public var game: CoalitionGame
    /// What the agreed rule gives each party, in `unit`.
    public var allocation: [Double]
    /// The payoff unit, e.g. `亿元 NPV`.
    public var unit: String
    /// Contribution per party (joint fund), for benefit/contribution checks.
    public var contributions: [Double]?
    /// Gross benefit per party (joint fund).
    public var benefits: [Double]?
    /// The unit of `contributions` (joint fund: `亿元` paid in, not an NPV).
    public var contributionUnit: String? = nil
    /// The unit of `benefits` (joint fund: `亿元 NPV`, discounted over the horizon).
    public var benefitUnit: String? = nil
    /// Further named figures per party for reports (GDP statistics counted, CO2 counted…).
    public var details: [(name: String, unit: String, perParty: [Double])]
    /// Lines that describe the outcome (chosen projects, …) for reports.
    public var notes: [String]
}

/// Why an agreement could not be evaluated.
public enum AgreementError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Mandatory projects cost more than the budget.
    case infeasibleBudget(budget: Double, mandatoryCost: Double)
    /// Too many candidate projects to search all portfolios exactly.
    case tooManyProjects(count: Int, limit: Int)
    /// A game could not be built or solved.
    case game(GameError)
    /// A split schedule or weight rule is malformed.
    case rule(RuleError)
    /// A coalition cost is missing from a pooled-dispatch table.
    case missingCoalitionCost(String)
    /// A coalition dispatch failed.
    case dispatch(String)

    public var description: String {
        switch self {
        case .infeasibleBudget(let budget, let cost):
            "mandatory projects cost \(Format.amount(cost)) 亿元, more than the budget of \(Format.amount(budget)) 亿元"
        case .tooManyProjects(let count, let limit):
            "\(count) candidate projects; the exact portfolio search handles at most \(limit)"
        case .game(let error): error.description
        case .rule(let error): error.description
        case .missingCoalitionCost(let key): "no dispatch cost for coalition \(key)"
        case .dispatch(let why): why
        }
    }
}

/// An agreement that can be evaluated, perturbed and grown for rule checks.
public protocol CheckableAgreement: Sendable {
    /// The agreement id (file stem).
    var agreementID: String { get }
    /// The properties its rule must keep.
    var requiredProperties: [RequiredProperty] { get }
    /// Applies the agreed rule and builds the game to judge it against.
    func evaluate() throws(AgreementError) -> AgreementOutcome
    /// A copy whose uncertain inputs are each multiplied by `1 + u`, `u` uniform in ±`fraction`.
    func perturbed(by fraction: Double, using rng: inout SplitMix64) -> Self
    /// A copy in which the total to be shared is larger by `factor` − 1 (for monotonicity).
    func grown(by factor: Double) -> Self
}

/// Number formatting without Foundation, stable across platforms.
public enum Format {
    /// `x` with `decimals` decimals, e.g. `-12.35`.
    public static func amount(_ x: Double, decimals: Int = 2) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (abs(x) * scale).rounded()
        let negative = x < 0 && rounded != 0
        let integer = (rounded / scale).rounded(.down)
        let fraction = Int(rounded - integer * scale)
        var text = String(Int(integer))
        if decimals > 0 {
            var digits = String(fraction)
            while digits.count < decimals { digits = "0" + digits }
            text += "." + digits
        }
        return negative ? "-" + text : text
    }
}

extension AgreementFigure {
    /// Multiplies the value by `1 + u`, u uniform in ±`fraction`.
    func perturbed(_ fraction: Double, _ rng: inout SplitMix64) -> AgreementFigure {
        with(value: value * (1 + rng.uniform(-fraction, fraction)))
    }
}
