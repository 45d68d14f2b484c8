import RegionModel
import SeededRandom

/// The result of one property check on one agreement.
public struct CheckOutcome: Sendable, Equatable {
    public var agreement: String
    public var property: RequiredProperty
    public var held: Bool
    /// For a failure: the coalition or party and the numbers that break the property, as data.
    public var example: Counterexample?
    /// How far the property is broken (0 when it holds), in the agreement's payoff unit.
    public var violation: Double

    /// The counterexample in English with party ids, as the CLI prints it.
    public var counterexample: String? { example?.rendered(in: .en) }
}

/// A check rerun over seeded perturbations of the inputs.
public struct SampledCheckOutcome: Sendable, Equatable {
    /// The check on the inputs as written.
    public var base: CheckOutcome
    public var samples: Int
    /// Samples in which the property held.
    public var heldIn: Int
    /// The sample with the largest violation (1-based) and its counterexample.
    public var worst: (sample: Int, counterexample: String, violation: Double)?
    /// The worst sample's counterexample as data.
    public var worstExample: Counterexample?

    /// Passes when it holds on the inputs and in every sample.
    public var passed: Bool { base.held && heldIn == samples }

    /// The share of samples in which the property held (`heldIn / samples`); nil without samples.
    public var passProbability: Double? { samples > 0 ? Double(heldIn) / Double(samples) : nil }

    public static func == (a: SampledCheckOutcome, b: SampledCheckOutcome) -> Bool {
        a.base == b.base && a.samples == b.samples && a.heldIn == b.heldIn && a.worst?.sample == b.worst?.sample
            && a.worstExample == b.worstExample
    }
}

/// Evaluates the properties an agreement lists, like a test suite.
public enum RuleChecker {
    /// How much a growth test enlarges the total (monotonicity).
    public static let growthFactor = 1.1

    /// Checks every required property on the agreement as written.
    public static func check(_ agreement: some CheckableAgreement) -> [CheckOutcome] {
        let outcome: AgreementOutcome
        do { outcome = try agreement.evaluate() } catch {
            return agreement.requiredProperties.map {
                CheckOutcome(
                    agreement: agreement.agreementID, property: $0, held: false,
                    example: Counterexample(kind: .cannotBeEvaluated, unit: "", reason: "\(error)"), violation: .infinity)
            }
        }
        let grown =
            agreement.requiredProperties.contains(.monotonicity) ? try? agreement.grown(by: growthFactor).evaluate() : nil
        return agreement.requiredProperties.map { property in
            let (violation, example) = evaluate(property, outcome, grown: grown)
            return CheckOutcome(
                agreement: agreement.agreementID, property: property, held: violation == 0,
                example: violation == 0 ? nil : example, violation: violation)
        }
    }

    /// Checks every property on the agreement and on `samples` seeded perturbations of its inputs
    /// (each uncertain input multiplied by `1 + u`, `u` uniform in ±`perturbation`).
    public static func check(_ agreement: some CheckableAgreement, samples: Int, perturbation: Double, seed: UInt64)
        -> [SampledCheckOutcome]
    {
        let base = check(agreement)
        var rng = SplitMix64(seed: seed)
        var held = [Int](repeating: 0, count: base.count)
        var worst: [(sample: Int, example: Counterexample?, violation: Double)?] = Array(repeating: nil, count: base.count)
        for sample in 1...max(samples, 1) where samples > 0 {
            let results = check(agreement.perturbed(by: perturbation, using: &rng))
            for (k, result) in results.enumerated() {
                if result.held {
                    held[k] += 1
                } else if worst[k] == nil || result.violation > worst[k]!.violation {
                    worst[k] = (sample, result.example, result.violation)
                }
            }
        }
        return base.indices.map { k in
            SampledCheckOutcome(
                base: base[k], samples: samples, heldIn: held[k],
                worst: worst[k].map { ($0.sample, $0.example?.rendered(in: .en) ?? "", $0.violation) }, worstExample: worst[k]?.example)
        }
    }

    /// The violation (0 if none) and a counterexample for one property.
    static func evaluate(_ property: RequiredProperty, _ o: AgreementOutcome, grown: AgreementOutcome?) -> (Double, Counterexample?) {
        let g = o.game
        let x = o.allocation
        let tol = g.tolerance * 1000
        let names = o.parties
        func example(_ kind: Counterexample.Kind, _ parties: [String], _ amounts: [Double]) -> Counterexample {
            Counterexample(kind: kind, parties: parties, amounts: amounts, unit: o.unit)
        }
        switch property {
        case .efficiency:
            let gap = x.reduce(0, +) - g.grandValue
            return abs(gap) <= tol ? (0, nil) : (abs(gap), example(.sharesDoNotAddUp, [], [x.reduce(0, +), g.grandValue]))
        case .individualRationality:
            var worst: (Double, Counterexample?) = (0, nil)
            for i in 0..<g.playerCount {
                let alone = g.value(of: Coalition([i]))
                if alone - x[i] > tol && alone - x[i] > worst.0 {
                    worst = (alone - x[i], example(.belowStandAlone, [names[i]], [x[i], alone]))
                }
            }
            return worst
        case .coreMembership:
            // A proper coalition that can do better is the most telling counterexample; failing that,
            // shares that do not add up to v(N).
            let blocking = g.mostBlockingCoalition(at: x)
            let gap = x.reduce(0, +) - g.grandValue
            guard blocking.excess > tol else {
                if abs(gap) > tol { return (abs(gap), example(.notEfficient, [], [x.reduce(0, +), g.grandValue])) }
                return (0, nil)
            }
            let s = blocking.coalition
            let got = s.members.reduce(0) { $0 + x[$1] }
            return (
                blocking.excess,
                example(.blockingCoalition, s.members.map { names[$0] }, [got, g.value(of: s), blocking.excess])
            )
        case .symmetry:
            var worst: (Double, Counterexample?) = (0, nil)
            for i in 0..<g.playerCount {
                for j in (i + 1)..<max(g.playerCount, i + 1) where areSymmetric(g, i, j) {
                    let d = abs(x[i] - x[j])
                    if d > tol && d > worst.0 { worst = (d, example(.unequalTreatment, [names[i], names[j]], [x[i], x[j]])) }
                }
            }
            return worst
        case .nullPlayer:
            var worst: (Double, Counterexample?) = (0, nil)
            for i in 0..<g.playerCount where isNull(g, i) && abs(x[i]) > tol && abs(x[i]) > worst.0 {
                worst = (abs(x[i]), example(.paidNullPlayer, [names[i]], [x[i]]))
            }
            return worst
        case .monotonicity:
            guard let grown else {
                return (.infinity, example(.grownCannotBeEvaluated, [], [((growthFactor - 1) * 100).rounded()]))
            }
            guard grown.game.grandValue >= g.grandValue - tol else { return (0, nil) }
            var worst: (Double, Counterexample?) = (0, nil)
            for i in 0..<g.playerCount where x[i] - grown.allocation[i] > tol && x[i] - grown.allocation[i] > worst.0 {
                worst = (
                    x[i] - grown.allocation[i],
                    example(.fallsWhenTotalGrows, [names[i]], [g.grandValue, grown.game.grandValue, x[i], grown.allocation[i]])
                )
            }
            return worst
        case .floor(let floors):
            var worst: (Double, Counterexample?) = (0, nil)
            for (i, name) in names.enumerated() {
                guard let floor = floors[name] else { continue }
                if floor - x[i] > tol && floor - x[i] > worst.0 { worst = (floor - x[i], example(.belowFloor, [name], [x[i], floor])) }
            }
            return worst
        case .maxBenefitContributionGap(let limit):
            guard let b = o.benefits, let c = o.contributions else {
                return (.infinity, Counterexample(kind: .noContributions, unit: o.unit))
            }
            let ratios = zip(b, c).map { $1 > 0 ? $0 / $1 : ($0 > 0 ? Double.infinity : 0) }
            let hi = ratios.indices.max { ratios[$0] < ratios[$1] }!
            let lo = ratios.indices.min { ratios[$0] < ratios[$1] }!
            let gap = ratios[hi] - ratios[lo]
            guard gap > limit + 1e-9 else { return (0, nil) }
            return (
                gap - limit,
                Counterexample(
                    kind: .benefitContributionGap, parties: [names[hi], names[lo]], amounts: [ratios[hi], ratios[lo], gap, limit],
                    unit: "ratio")
            )
        }
    }

    static func areSymmetric(_ g: CoalitionGame, _ i: Int, _ j: Int) -> Bool {
        let bi = 1 << i, bj = 1 << j
        for s in 0..<(g.coalitionCount) where s & bi == 0 && s & bj == 0 {
            if abs(g.values[s | bi] - g.values[s | bj]) > g.tolerance { return false }
        }
        return true
    }

    static func isNull(_ g: CoalitionGame, _ i: Int) -> Bool {
        let bi = 1 << i
        for s in 0..<(g.coalitionCount) where s & bi == 0 {
            if abs(g.values[s | bi] - g.values[s]) > g.tolerance { return false }
        }
        return true
    }
}
