import Analysis
import ArgumentParser
import BenefitSharing
import RegionModel

extension DesignObjective: ExpressibleByArgument {}

// MARK: - Manipulation by misreported stand-alone values

extension CheckCommand {
    /// The rules a manipulation report covers: the agreement's own, then the standard ones. A split
    /// schedule or a fund's contribution rule does not look at the game, nor do equal or proportional
    /// pooled shares (they use v(N) only, which a misreport of v({i}) leaves alone).
    func manipulationRules(_ agreement: Agreement, outcome: AgreementOutcome) -> [AllocationRule] {
        var agreed = AllocationRule.fixed("agreed", outcome.allocation)
        if case .pooledDispatch(let a) = agreement {
            switch a.rule {
            case .shapley: agreed = AllocationRule(name: "agreed (shapley)", allocate: AllocationRule.shapley.allocate)
            case .nucleolus: agreed = AllocationRule(name: "agreed (nucleolus)", allocate: AllocationRule.nucleolus.allocate)
            case .equal: agreed.name = "agreed (equal)"
            case .proportional: agreed.name = "agreed (proportional)"
            }
        }
        return [agreed] + AllocationRule.standard
    }

    /// Every rule's manipulation result for one agreement; nil when it cannot be evaluated.
    func manipulation(_ checkable: some CheckableAgreement, agreement: Agreement, maximum: Double) -> (
        outcome: AgreementOutcome, results: [ManipulationResult]
    )? {
        guard let outcome = try? checkable.evaluate() else { return nil }
        let results = manipulationRules(agreement, outcome: outcome).map { outcome.game.manipulation(by: $0, maximum: maximum) }
        return (outcome, results)
    }

    /// `#` lines: per rule, what each province gains by misreporting; then the immune rules.
    func printManipulation(_ checkable: some CheckableAgreement, agreement: Agreement, maximum: Double) {
        guard let (outcome, results) = manipulation(checkable, agreement: agreement, maximum: maximum) else {
            print("# manipulation  \(checkable.agreementID): the agreement cannot be evaluated")
            return
        }
        let unit = outcome.unit
        print(
            "# manipulation  \(checkable.agreementID): each province reports v({i}) + δ·|v(N)|, δ on 21 points in ±\(Format.amount(maximum))"
                + " (|v(N)| = \(Format.amount(abs(outcome.game.grandValue))) \(unit)); gain = what the rule then gives it − what it gets for the truth"
        )
        for result in results {
            guard result.defined else {
                print("#   \(result.rule): not defined on this game")
                continue
            }
            if result.immune {
                print("#   \(result.rule): immune")
                continue
            }
            let gains = zip(outcome.parties, zip(result.gains, result.bestMisreport)).filter { $0.1.0 > outcome.game.tolerance }
                .map { "\($0.0) +\(Format.amount($0.1.0)) (δ = \($0.1.1 > 0 ? "+" : "")\(Format.amount($0.1.1)))" }
            print("#   \(result.rule): " + gains.joined(separator: ", ") + " \(unit)")
        }
        print("#   immune: " + results.filter(\.immune).map(\.rule).joined(separator: ", "))
    }
}

// MARK: - `check --json`

extension CheckCommand {
    /// One JSON document: every agreement with its figures, each check with held/counterexample (and the pass
    /// probability over samples with --sample), and the manipulation report with --misreport.
    func printJSON(_ model: RegionalModel, _ agreements: [Agreement]) throws {
        let names = Dictionary(model.provinces.map { ($0.id.rawValue, $0.name) }, uniquingKeysWith: { a, _ in a })
        var passed = 0
        var failed = 0
        var documents: [JSONValue] = []
        for agreement in agreements {
            let checkable = try self.checkable(agreement, model)
            let (document, ok, bad) = agreementJSON(checkable, agreement: agreement, names: names)
            documents.append(document)
            passed += ok
            failed += bad
        }
        let report = JSONValue.object([
            ("agreements", .array(documents)), ("passed", .number(Double(passed))), ("failed", .number(Double(failed))),
        ])
        print(report.rendered(), terminator: "")
        if failed > 0 { throw CommandFailure.checksFailed(count: failed) }
    }

    func agreementJSON(_ checkable: some CheckableAgreement, agreement: Agreement, names: [String: LocalizedName]) -> (
        JSONValue, Int, Int
    ) {
        func perParty(_ parties: [String], _ values: [Double]) -> JSONValue {
            .object(zip(parties, values).map { ($0, JSONValue.rounded($1, 6)) })
        }
        func exampleJSON(_ example: Counterexample?) -> JSONValue {
            guard let example else { return .null }
            return .object([
                ("kind", .string(example.kind.rawValue)), ("parties", .array(example.parties.map { .string($0) })),
                ("amounts", .array(example.amounts.map { JSONValue.rounded($0, 6) })), ("unit", .string(example.unit)),
                ("en", .string(example.rendered(in: .en) { names[$0]?.en ?? $0 })),
                ("zh-CN", .string(example.rendered(in: .zhCN) { names[$0]?.zh ?? $0 })),
            ])
        }
        var fields: [(String, JSONValue)] = [
            ("id", .string(checkable.agreementID)), ("kind", .string(kind(agreement))), ("file", .string(agreement.file)),
        ]
        let outcome = try? checkable.evaluate()
        if let outcome {
            let game = outcome.game
            fields += [
                (
                    "parties",
                    .array(
                        outcome.parties.map { id in
                            .object([
                                ("id", .string(id)), ("en", .string(names[id]?.en ?? id)), ("zh-CN", .string(names[id]?.zh ?? id)),
                            ])
                        })
                ),
                ("unit", .string(outcome.unit)), ("allocation", perParty(outcome.parties, outcome.allocation)),
                ("grand_value", JSONValue.rounded(game.grandValue, 6)),
                ("stand_alone", perParty(outcome.parties, (0..<game.playerCount).map { game.value(of: Coalition([$0])) })),
                ("shapley", perParty(outcome.parties, game.shapleyValue())),
                ("least_core_epsilon", (try? game.leastCore().epsilon).map { JSONValue.rounded($0, 6) } ?? .null),
            ]
        }
        var passed = 0
        var failed = 0
        var checks: [JSONValue] = []
        if sample == 0 {
            for r in RuleChecker.check(checkable) {
                if r.held { passed += 1 } else { failed += 1 }
                checks.append(
                    .object([
                        ("property", .string(r.property.name)), ("description", .string(r.property.description)), ("held", .bool(r.held)),
                        ("violation", JSONValue.rounded(r.violation, 6)), ("counterexample", exampleJSON(r.example)),
                    ]))
            }
        } else {
            for r in RuleChecker.check(checkable, samples: sample, perturbation: perturb, seed: seed) {
                if r.passed { passed += 1 } else { failed += 1 }
                checks.append(
                    .object([
                        ("property", .string(r.base.property.name)), ("description", .string(r.base.property.description)),
                        ("held", .bool(r.base.held)), ("violation", JSONValue.rounded(r.base.violation, 6)),
                        ("counterexample", exampleJSON(r.base.example)), ("samples", .number(Double(r.samples))),
                        ("held_in", .number(Double(r.heldIn))),
                        ("pass_probability", r.passProbability.map { JSONValue.rounded($0, 6) } ?? .null),
                        ("passed", .bool(r.passed)),
                        (
                            "worst",
                            r.worst.map { worst in
                                .object([
                                    ("sample", .number(Double(worst.sample))), ("violation", JSONValue.rounded(worst.violation, 6)),
                                    ("counterexample", exampleJSON(r.worstExample)),
                                ])
                            } ?? .null
                        ),
                    ]))
            }
        }
        fields.append(("checks", .array(checks)))
        if sample > 0 {
            fields.append(
                (
                    "perturbation",
                    .object([("samples", .number(Double(sample))), ("perturb", .number(perturb)), ("seed", .number(Double(seed)))])
                ))
        }
        if let misreport, let (outcome, results) = manipulation(checkable, agreement: agreement, maximum: misreport) {
            let grid = CoalitionGame.misreportGrid(maximum: misreport)
            fields.append(
                (
                    "manipulation",
                    .object([
                        (
                            "misreported",
                            .string("v({i}) as the rule sees it: v({i}) + δ·|v(N)|; the payoff is what the rule then allocates i")
                        ),
                        ("max_fraction", .number(misreport)), ("scale", JSONValue.rounded(abs(outcome.game.grandValue), 6)),
                        ("grid_points", .number(Double(grid.count))),
                        (
                            "rules",
                            .array(
                                results.map { result in
                                    .object([
                                        ("rule", .string(result.rule)), ("defined", .bool(result.defined)),
                                        ("immune", result.defined ? .bool(result.immune) : .null),
                                        ("gain", result.defined ? perParty(outcome.parties, result.gains) : .null),
                                        ("best_misreport", result.defined ? perParty(outcome.parties, result.bestMisreport) : .null),
                                    ])
                                })
                        ),
                        ("immune_rules", .array(results.filter(\.immune).map { .string($0.rule) })),
                    ])
                ))
        }
        return (.object(fields), passed, failed)
    }

    func kind(_ agreement: Agreement) -> String {
        switch agreement {
        case .relocation: "relocation"
        case .jointFund: "joint-fund"
        case .pooledDispatch: "pooled-dispatch"
        }
    }
}
