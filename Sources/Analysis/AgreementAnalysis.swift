import BenefitSharing
import Diagnostics
import PowerFlow
import RegionModel

/// What the briefs show of the model's agreements: the allocation rules compared on the pooled-dispatch
/// agreement, the joint fund's positions and each industry relocation as evaluated — the same evaluations
/// `yrdplan check` runs, computed here once from the model's agreements.
public struct AgreementFigures: Sendable {
    public var allocation: AllocationComparison?
    public var fund: [FundPosition]
    public var relocations: [RelocationDeal]
    /// What each province should do about each agreement.
    public var actions: [DealAction] = []
    /// The pooled-dispatch agreement in full.
    public var pooled: PooledDeal?
}

/// Evaluates the agreements of a `RegionalModel` into brief figures with their provenance.
public enum AgreementAnalysis {
    /// Every agreement of the model evaluated; a pooled-dispatch agreement on the grid dispatches every coalition.
    public static func evaluate(_ model: RegionalModel) throws(AnalysisFailure) -> AgreementFigures {
        var figures = AgreementFigures(allocation: nil, fund: [], relocations: [])
        var diagnostics = DiagnosticEngine()
        for agreement in model.agreements {
            let path = agreement.file
            // The year the agreement's figures describe; the loader requires a year on every figure, so only an
            // agreement without figures (a pooled game on the grid, whose year is the grid scenario's) has none.
            let statedYear = agreement.latestFigureYear
            func year() throws(AnalysisFailure) -> Int {
                guard let statedYear else {
                    throw .badInput(
                        DiagnosticsError([
                            .error(
                                at: agreement.location ?? SourceLocation(file: path), "no figure of the agreement states a year",
                                fix: "give its figures `year:`")
                        ]))
                }
                return statedYear
            }
            do {
                switch agreement {
                case .pooledDispatch(let pooled):
                    guard figures.allocation == nil else { continue }
                    if let scenario = pooled.dispatchScenario, let grid = model.grid {
                        let network: GridNetwork
                        do { network = try grid.network(scenario: scenario) } catch { throw AnalysisFailure.badInput(error) }
                        let checkable = GridPooledDispatch(agreement: pooled, network: network)
                        let outcome = try checkable.evaluate()
                        let allocation = try comparison(
                            outcome, id: pooled.id, path: path,
                            basis: "every coalition dispatched on \(grid.displayRoot), scenario '\(scenario)'",
                            year: grid.effectiveYear(scenario: scenario))
                        figures.allocation = allocation
                        figures.pooled = pooledDeal(
                            outcome, checkable: checkable, id: pooled.id, rule: ruleID(pooled.rule), citation: allocation.provenance
                        ) { model.province($0)?.name.zh ?? $0 }
                        figures.actions += try actions(agreement, checkable: checkable, citation: allocation.provenance)
                    } else {
                        let outcome = try pooled.evaluate()
                        let allocation = try comparison(
                            outcome, id: pooled.id, path: path, basis: "the agreement's coalition cost table", year: try year())
                        figures.allocation = allocation
                        figures.pooled = pooledDeal(
                            outcome, checkable: pooled, id: pooled.id, rule: ruleID(pooled.rule), citation: allocation.provenance
                        ) { model.province($0)?.name.zh ?? $0 }
                        figures.actions += try actions(agreement, checkable: pooled, citation: allocation.provenance)
                    }
                case .jointFund(let joint):
                    figures.fund = positions(try joint.evaluate(), path: path, year: try year())
                    if let citation = figures.fund.first?.contribution.provenance {
                        figures.actions += try actions(agreement, checkable: joint, citation: citation)
                    }
                case .relocation(let relocation):
                    var evaluated = try deal(relocation, path: path, year: try year()) { model.province($0)?.name.zh ?? $0 }
                    evaluated.moves = moves(relocation, path: path)
                    figures.relocations.append(evaluated)
                    if let citation = evaluated.npv.values.first?.provenance {
                        figures.actions += try actions(agreement, checkable: relocation, citation: citation)
                    }
                }
            } catch let failure as AnalysisFailure {
                diagnostics.absorb(failure.diagnostics)
            } catch {
                diagnostics.error(at: agreement.location ?? SourceLocation(file: path), "\(error)", fix: "run yrdplan check \(path)")
            }
        }
        do { try diagnostics.failIfErrors() } catch { throw .badInput(error) }
        return figures
    }

    /// A relocation agreement as `yrdplan check --details` evaluates it: the split schedule, each party's NPV
    /// (the agreed allocation) and every required property with its counterexample, in English and, with
    /// `chineseName` for the parties, in Chinese.
    public static func deal(
        _ agreement: RelocationAgreement, path: String, year: Int, chineseName: (String) -> String = { $0 }
    ) throws -> RelocationDeal {
        let outcome = try agreement.evaluate()
        let results = RuleChecker.check(agreement)
        let evaluation = Citation(
            sourceKey: "agreement-\(agreement.id)", source: "yrdplan evaluation of \(path) (NPV per province); yrdplan check",
            year: year, confidence: .synthetic,
            note: "Plant figures are synthetic magnitudes and the discount rate an estimate; see the notes in \(path).",
            sourceZh: "yrdplan 对 \(path) 的评估（各省净现值）",
            noteZh: "企业数据为模拟量级，贴现率为估算；详见 \(path) 中的说明。")
        let splitCitation = Citation(
            sourceKey: "agreement-\(agreement.id)-split", source: "split schedule agreed in \(path)",
            year: year, confidence: .estimate,
            note: "Each period cites its own source in the file (e.g. the Liu-Song park's 40:60, bsh-013); later periods are estimates.",
            sourceZh: "\(path) 中约定的分成比例",
            noteZh: "每一时段在文件中注明各自出处（如 bsh-013 所记园区的 40:60）；以后各时段为估算。")
        var rows: [SplitRow] = []
        for (stream, periods) in [
            ("gdp-statistics", agreement.gdpSplit), ("tax", agreement.taxSplit), ("emissions", agreement.emissionsSplit),
        ] {
            var start = 1
            for period in periods where start <= agreement.horizonYears {
                let end = min(period.years.map { start + $0 - 1 } ?? agreement.horizonYears, agreement.horizonYears)
                rows.append(
                    SplitRow(
                        stream: stream, fromYear: start, toYear: end, originShare: period.shares[agreement.origin] ?? 0,
                        destinationShare: period.shares[agreement.destination] ?? 0))
                start = end + 1
            }
        }
        var npv: [String: Figure] = [:]
        for (index, party) in outcome.parties.enumerated() {
            npv[party] = Figure(outcome.allocation[index], unit: outcome.unit, evaluation)
        }
        return RelocationDeal(
            id: agreement.id, title: agreement.title, origin: agreement.origin, destination: agreement.destination,
            horizonYears: agreement.horizonYears, splits: rows, splitProvenance: splitCitation, npv: npv,
            checks: results.map {
                RuleCheckResult(
                    property: $0.property.name, held: $0.held, counterexample: $0.counterexample,
                    counterexampleZh: $0.example?.rendered(in: .zhCN, name: chineseName))
            })
    }

    /// A pooled rule's id as the string tables name rules.
    static func ruleID(_ rule: PooledSharingRule) -> String {
        switch rule {
        case .shapley: "shapley"
        case .nucleolus: "nucleolus"
        case .equal: "equal"
        case .proportional: "proportional"
        }
    }

    /// The pooled deal: the total, each share under the agreed rule and every check with its counterexample.
    static func pooledDeal(
        _ outcome: AgreementOutcome, checkable: some CheckableAgreement, id: String, rule: String, citation: Citation,
        chineseName: (String) -> String
    ) -> PooledDeal {
        var shares: [String: Figure] = [:]
        for (i, party) in outcome.parties.enumerated() { shares[party] = Figure(outcome.allocation[i], unit: outcome.unit, citation) }
        return PooledDeal(
            id: id, rule: rule, total: Figure(outcome.allocation.reduce(0, +), unit: outcome.unit, citation), shares: shares,
            checks: RuleChecker.check(checkable).map {
                RuleCheckResult(
                    property: $0.property.name, held: $0.held, counterexample: $0.counterexample,
                    counterexampleZh: $0.example?.rendered(in: .zhCN, name: chineseName))
            })
    }

    /// The agreed rule beside Shapley, nucleolus, normalised Banzhaf and the equal split of the same game
    /// (the comparison `yrdplan check --details` prints per party).
    public static func comparison(
        _ outcome: AgreementOutcome, id: String, path: String, basis: String, year: Int
    ) throws -> AllocationComparison {
        let rules = try ruleComparison(outcome)
        var shares: [String: [String: Double]] = [:]
        for (rule, values) in rules {
            shares[rule] = Dictionary(uniqueKeysWithValues: zip(outcome.parties, values))
        }
        let citation = Citation(
            sourceKey: "agreement-\(id)",
            source: "yrdplan benefit sharing of \(path) (\(basis)); yrdplan check",
            year: year, confidence: .synthetic,
            note: "The savings game rests on synthetic grid shapes and partly synthetic figures; see the notes in \(path).",
            sourceZh: "yrdplan 对 \(path) 的利益分享计算",
            noteZh: "节约成本博弈基于模拟的电网曲线和部分模拟数据；详见 \(path) 中的说明。")
        return AllocationComparison(benefit: id, rules: rules.map(\.rule), shares: shares, unit: outcome.unit, provenance: citation)
    }

    /// The allocations compared: the agreed rule, Shapley, nucleolus (when it exists), normalised Banzhaf (when
    /// defined) and the equal split, each per party in the outcome's party order.
    public static func ruleComparison(_ outcome: AgreementOutcome) throws -> [(rule: String, values: [Double])] {
        let game = outcome.game
        var rules: [(rule: String, values: [Double])] = [("agreed", outcome.allocation), ("shapley", game.shapleyValue())]
        if let nucleolus = try game.nucleolus() { rules.append(("nucleolus", nucleolus)) }
        if let banzhaf = game.normalizedBanzhafValue() { rules.append(("banzhaf", banzhaf)) }
        rules.append(("equal", SimpleRule.equalSplit(game.grandValue, among: outcome.parties.count)))
        return rules
    }

    /// Each party's contribution to and gross benefit from the joint fund.
    public static func positions(_ outcome: AgreementOutcome, path: String, year: Int) -> [FundPosition] {
        guard let contributions = outcome.contributions, let benefits = outcome.benefits else { return [] }
        let citation = Citation(
            sourceKey: "agreement-joint-fund", source: "yrdplan evaluation of \(path) (portfolio and contribution rule); yrdplan check",
            year: year, confidence: .synthetic,
            note: "Contributions follow sourced 2022 GDP; the candidate projects are synthetic magnitudes (see \(path)).",
            sourceZh: "yrdplan 对 \(path) 的评估（项目组合和出资规则）",
            noteZh: "出资按有出处的2022年GDP计算；候选项目为模拟量级（见 \(path)）。")
        return outcome.parties.indices.map { index in
            FundPosition(
                province: outcome.parties[index],
                contribution: Figure(contributions[index], unit: outcome.contributionUnit ?? outcome.unit, citation),
                benefit: Figure(benefits[index], unit: outcome.benefitUnit ?? outcome.unit, citation))
        }
    }
}
