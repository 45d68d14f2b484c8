import BenefitSharing
import Briefs
import Diagnostics
import Foundation
import RegionLoading
import RegionModel

/// The benefit-sharing side of a brief: the allocation rules compared on the pooled-dispatch agreement and the
/// joint fund's contributions and benefits, from `Regions/agreements/` (the same evaluations `yrdplan check` runs).
extension ModelBriefInput {
    /// Reads the pooled-dispatch and joint-fund agreements (when present) and evaluates them.
    static func agreements(regions: String) throws(DiagnosticsError) -> (
        allocation: AllocationComparison?, fund: [FundPosition], relocations: [RelocationDeal]
    ) {
        let folder = URL(fileURLWithPath: regions)
        var known = AgreementReader.provinceIDs(inRegionsFolder: folder)
        if known.isEmpty { known = ["shanghai", "jiangsu", "zhejiang", "anhui"] }
        let sources = AgreementReader.sourceKeys(inRegionsFolder: folder)
        var allocation: AllocationComparison?
        var fund: [FundPosition] = []
        var relocations: [RelocationDeal] = []
        var diagnostics = DiagnosticEngine()
        // Every relocation-*.yaml (sorted, as `yrdplan check` reads them) besides the two named agreements.
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: "\(regions)/agreements")) ?? []
        let relocationNames = listed.filter { $0.hasPrefix("relocation-") && $0.hasSuffix(".yaml") }.sorted().map { String($0.dropLast(5)) }
        for name in ["pooled-dispatch", "joint-fund"] + relocationNames {
            let path = "\(regions)/agreements/\(name).yaml"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let agreement: Agreement
            do {
                agreement = try AgreementReader.read(
                    contentsOf: URL(fileURLWithPath: path), displayPath: path, knownProvinces: known, knownSources: sources)
            } catch {
                diagnostics.absorb(error)
                continue
            }
            do {
                switch agreement {
                case .pooledDispatch(let pooled):
                    // On a grid, every coalition is dispatched (as `yrdplan check` does); else the file's cost table.
                    if let scenario = pooled.dispatchScenario {
                        let network = try GridLoader.load(
                            directory: folder.appendingPathComponent("grid"), displayRoot: regions + "/grid", scenario: scenario)
                        allocation = try comparison(
                            GridPooledDispatch(agreement: pooled, network: network).evaluate(), id: pooled.id, path: path,
                            basis: "every coalition dispatched on \(regions)/grid, scenario '\(scenario)'")
                    } else {
                        allocation = try comparison(
                            pooled.evaluate(), id: pooled.id, path: path, basis: "the agreement's coalition cost table")
                    }
                case .jointFund(let joint): fund = try positions(joint.evaluate(), path: path)
                case .relocation(let relocation): relocations.append(try deal(relocation, path: path))
                }
            } catch {
                diagnostics.error(at: SourceLocation(file: path), "\(error)", fix: "run yrdplan check \(path)")
            }
        }
        try diagnostics.failIfErrors()
        return (allocation, fund, relocations)
    }

    /// A relocation agreement as `yrdplan check --details` evaluates it: the split schedule, each party's NPV
    /// (the agreed allocation) and every required property with its counterexample.
    static func deal(_ agreement: RelocationAgreement, path: String) throws -> RelocationDeal {
        let outcome = try agreement.evaluate()
        let results = RuleChecker.check(agreement)
        let evaluation = Citation(
            sourceKey: "agreement-\(agreement.id)", source: "yrdplan evaluation of \(path) (NPV per province); yrdplan check",
            year: 2025, confidence: .synthetic,
            note: "Plant figures are synthetic magnitudes and the discount rate an estimate; see the notes in \(path).")
        let splitCitation = Citation(
            sourceKey: "agreement-\(agreement.id)-split", source: "split schedule agreed in \(path)",
            year: 2025, confidence: .estimate,
            note: "Each period cites its own source in the file (e.g. the Liu-Song park's 40:60, bsh-013); later periods are estimates.")
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
            checks: results.map { RuleCheckResult(property: $0.property.name, held: $0.held, counterexample: $0.counterexample) })
    }

    /// The agreed rule beside Shapley, nucleolus, normalised Banzhaf and the equal split of the same game.
    static func comparison(_ outcome: AgreementOutcome, id: String, path: String, basis: String) throws -> AllocationComparison {
        let game = outcome.game
        var rules: [(String, [Double])] = [("agreed", outcome.allocation), ("shapley", game.shapleyValue())]
        if let nucleolus = try game.nucleolus() { rules.append(("nucleolus", nucleolus)) }
        if let banzhaf = game.normalizedBanzhafValue() { rules.append(("banzhaf", banzhaf)) }
        rules.append(("equal", SimpleRule.equalSplit(game.grandValue, among: outcome.parties.count)))
        var shares: [String: [String: Double]] = [:]
        for (rule, values) in rules {
            shares[rule] = Dictionary(uniqueKeysWithValues: zip(outcome.parties, values))
        }
        let citation = Citation(
            sourceKey: "agreement-\(id)",
            source: "yrdplan benefit sharing of \(path) (\(basis)); yrdplan check",
            year: 2022, confidence: .synthetic,
            note: "The savings game rests on synthetic grid shapes and partly synthetic figures; see the notes in \(path).")
        return AllocationComparison(benefit: id, rules: rules.map(\.0), shares: shares, unit: outcome.unit, provenance: citation)
    }

    /// Each party's contribution to and gross benefit from the joint fund.
    static func positions(_ outcome: AgreementOutcome, path: String) -> [FundPosition] {
        guard let contributions = outcome.contributions, let benefits = outcome.benefits else { return [] }
        let citation = Citation(
            sourceKey: "agreement-joint-fund", source: "yrdplan evaluation of \(path) (portfolio and contribution rule); yrdplan check",
            year: 2025, confidence: .synthetic,
            note: "Contributions follow sourced 2022 GDP; the candidate projects are synthetic magnitudes (see \(path)).")
        return outcome.parties.indices.map { index in
            FundPosition(
                province: outcome.parties[index],
                contribution: Figure(contributions[index], unit: outcome.contributionUnit ?? outcome.unit, citation),
                benefit: Figure(benefits[index], unit: outcome.benefitUnit ?? outcome.unit, citation))
        }
    }
}
