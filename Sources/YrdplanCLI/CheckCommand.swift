import ArgumentParser
import BenefitSharing
import Diagnostics
import Foundation
import RegionLoading
import RegionModel

/// `yrdplan check [FILE…]`: runs the allocation-rule checks of agreements like a test suite.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run allocation-rule checks of agreements; ends with `N passed, M failed`.",
        discussion: """
            Each agreement lists the properties its sharing rule must keep (efficiency, individual rationality, \
            core, symmetry, null player, monotonicity, floors, a maximum benefit/contribution gap). One line per \
            check, with a counterexample for each failure. With --sample N every check is rerun over N seeded \
            perturbations of the inputs (each uncertain number multiplied by 1+u, u uniform in ±perturb); a check \
            passes only if it holds on the inputs and in every sample. Exit 1 when any check fails.
            """)

    @Argument(help: "Agreement files (default: every *.yaml in REGIONS/agreements).")
    var files: [String] = []

    @Option(help: "The Regions folder (province ids are its *.yaml file stems).")
    var regions: String = "Regions"

    @Option(help: "Number of seeded random perturbations to rerun each check over.")
    var sample: Int = 0

    @Option(help: "Relative size of each perturbation (0.2 = ±20%).")
    var perturb: Double = 0.2

    @Option(help: "Seed of the perturbations.")
    var seed: UInt64 = 1

    @Flag(help: "Before each agreement's checks, print what its rule gives each party (lines start with #).")
    var details = false

    /// Ids used when the Regions folder has no province files yet.
    static let deltaProvinces: Set<String> = ["shanghai", "jiangsu", "zhejiang", "anhui"]

    func validate() throws {
        guard sample >= 0 else { throw ValidationError("--sample must be ≥ 0") }
        guard perturb >= 0, perturb < 1 else { throw ValidationError("--perturb must be in [0, 1)") }
    }

    func run() throws {
        let regionsURL = URL(fileURLWithPath: regions)
        var known = AgreementReader.provinceIDs(inRegionsFolder: regionsURL)
        if known.isEmpty { known = Self.deltaProvinces }
        var paths = files
        if paths.isEmpty {
            let folder = regionsURL.appendingPathComponent("agreements")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            paths = names.filter { $0.hasSuffix(".yaml") }.sorted().map { (regions as NSString).appendingPathComponent("agreements/\($0)") }
            if paths.isEmpty {
                throw CommandFailure.badInput(
                    DiagnosticsError([
                        .error(
                            at: SourceLocation(file: folder.path), "no agreement files found", fix: "give agreement files or --regions DIR")
                    ]))
            }
        }
        var diagnostics = DiagnosticEngine()
        var agreements: [Agreement] = []
        let sources = AgreementReader.sourceKeys(inRegionsFolder: regionsURL)
        for path in paths {
            do {
                agreements.append(
                    try AgreementReader.read(
                        contentsOf: URL(fileURLWithPath: path), displayPath: path, knownProvinces: known, knownSources: sources))
            } catch {
                diagnostics.absorb(error)
            }
        }
        do { try diagnostics.failIfErrors() } catch { throw CommandFailure.badInput(error) }
        let grids = try agreements.map { try grid(for: $0, regionsURL: regionsURL) }

        var passed = 0
        var failed = 0
        for (agreement, network) in zip(agreements, grids) {
            let lines: [(Bool, String)]
            switch agreement {
            case .relocation(let a): lines = report(a)
            case .jointFund(let a): lines = report(a)
            case .pooledDispatch(let a):
                // On a grid, every evaluation (and every perturbed sample) dispatches the 15 coalitions.
                lines = network.map { report(GridPooledDispatch(agreement: a, network: $0)) } ?? report(a)
            }
            for (ok, line) in lines {
                if ok { passed += 1 } else { failed += 1 }
                print(line)
            }
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw CommandFailure.checksFailed(count: failed) }
    }

    /// The grid a pooled-dispatch agreement dispatches on (`Regions/grid` under its scenario), if it names one.
    func grid(for agreement: Agreement, regionsURL: URL) throws -> GridNetwork? {
        guard case .pooledDispatch(let pooled) = agreement, let scenario = pooled.dispatchScenario else { return nil }
        do {
            return try GridLoader.load(
                directory: regionsURL.appendingPathComponent("grid"), displayRoot: regions + "/grid", scenario: scenario)
        } catch { throw CommandFailure.badInput(error) }
    }

    /// `# ` lines: the allocation, the game's value and the agreement's own figures per party.
    func describe(_ agreement: some CheckableAgreement) {
        guard details else { return }
        guard let outcome = try? agreement.evaluate() else { return }
        print("# \(agreement.agreementID): \(outcome.notes.joined(separator: "; "))")
        let shapley = outcome.game.shapleyValue()
        for (i, party) in outcome.parties.enumerated() {
            var line =
                "#   \(party): \(Format.amount(outcome.allocation[i])) \(outcome.unit) (Shapley \(Format.amount(shapley[i])), alone \(Format.amount(outcome.game.value(of: Coalition([i])))))"
            for detail in outcome.details { line += "; \(detail.name) \(Format.amount(detail.perParty[i])) \(detail.unit)" }
            print(line)
        }
    }

    func report(_ agreement: some CheckableAgreement) -> [(Bool, String)] {
        describe(agreement)
        if sample == 0 {
            return RuleChecker.check(agreement).map { r in
                (r.held, "\(r.held ? "PASS" : "FAIL")  \(r.agreement)  \(r.property)" + (r.counterexample.map { ": \($0)" } ?? ""))
            }
        }
        return RuleChecker.check(agreement, samples: sample, perturbation: perturb, seed: seed).map { r in
            var line = "\(r.passed ? "PASS" : "FAIL")  \(r.base.agreement)  \(r.base.property)  (held in \(r.heldIn)/\(r.samples) samples"
            line += ", \(Format.amount(100 * Double(r.heldIn) / Double(max(r.samples, 1)), decimals: 1))%)"
            if let example = r.base.counterexample { line += ": as written: \(example)" }
            if let worst = r.worst { line += "; worst, sample \(worst.sample): \(worst.counterexample)" }
            return (r.passed, line)
        }
    }
}
