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
    static func agreements(regions: String) throws(DiagnosticsError) -> (allocation: AllocationComparison?, fund: [FundPosition]) {
        let folder = URL(fileURLWithPath: regions)
        var known = AgreementReader.provinceIDs(inRegionsFolder: folder)
        if known.isEmpty { known = ["shanghai", "jiangsu", "zhejiang", "anhui"] }
        let sources = AgreementReader.sourceKeys(inRegionsFolder: folder)
        var allocation: AllocationComparison?
        var fund: [FundPosition] = []
        var diagnostics = DiagnosticEngine()
        for name in ["pooled-dispatch", "joint-fund"] {
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
                case .relocation: break
                }
            } catch {
                diagnostics.error(at: SourceLocation(file: path), "\(error)", fix: "run yrdplan check \(path)")
            }
        }
        try diagnostics.failIfErrors()
        return (allocation, fund)
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
                province: outcome.parties[index], contribution: Figure(contributions[index], unit: outcome.unit, citation),
                benefit: Figure(benefits[index], unit: outcome.unit, citation))
        }
    }
}
