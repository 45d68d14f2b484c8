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
            passes only if it holds on the inputs and in every sample. Exit 1 when any check fails. \
            --misreport X reports, per rule and province, the most it gains by misreporting its stand-alone value \
            v({i}) by up to ±X·|v(N)|. --json prints one JSON document instead of the lines. --suggest designs, for \
            each failing agreement, the split closest to the proposal that passes every check (or says why none \
            does, with the least-core ε and the smallest side payment); then the exit status says whether every \
            failing agreement has a passing design.
            """)

    @Argument(help: "Agreement files (default: every agreement of the model, Regions/agreements/*.yaml).")
    var files: [String] = []

    @OptionGroup var options: RegionOptions

    @Option(help: "Number of seeded random perturbations to rerun each check over.")
    var sample: Int = 0

    @Option(help: "Relative size of each perturbation (0.2 = ±20%).")
    var perturb: Double = 0.2

    @Option(help: "Seed of the perturbations.")
    var seed: UInt64 = 1

    @Flag(help: "Before each agreement's checks, print what its rule gives each party (lines start with #).")
    var details = false

    @Flag(help: "Print one JSON document: every agreement, each check with held/counterexample and the figures.")
    var json = false

    @Option(
        help:
            "Largest misreport of a stand-alone value, as a fraction of |v(N)| (e.g. 0.1): reports what each province gains under each rule."
    )
    var misreport: Double?

    @Flag(help: "For each failing agreement, design the split closest to the proposal that passes every check.")
    var suggest = false

    @Option(help: "What the designed split aims at: closest (least change of shares), equal-gain or proportional.")
    var objective: DesignObjective = .closest

    @Option(help: "With --suggest and one agreement: write the amended agreement here (same YAML, changed shares only).")
    var suggestOut: String?

    func validate() throws {
        guard sample >= 0 else { throw ValidationError("--sample must be ≥ 0") }
        guard perturb >= 0, perturb < 1 else { throw ValidationError("--perturb must be in [0, 1)") }
        if let misreport { guard misreport > 0, misreport < 1 else { throw ValidationError("--misreport must be in (0, 1)") } }
        guard suggestOut == nil || suggest else { throw ValidationError("--suggest-out needs --suggest") }
        guard !(json && suggest) else { throw ValidationError("--suggest prints a table; use it without --json") }
    }

    func run() throws {
        let model = try options.loadModel()
        let agreements = try selectAgreements(model)
        if suggestOut != nil && agreements.count != 1 {
            throw ValidationError("--suggest-out writes one agreement; name exactly one FILE")
        }
        if json { return try printJSON(model, agreements) }

        var passed = 0
        var failed = 0
        for agreement in agreements {
            let checkable = try self.checkable(agreement, model)
            let lines = report(checkable)
            for (ok, line) in lines {
                if ok { passed += 1 } else { failed += 1 }
                print(line)
            }
            if let misreport { printManipulation(checkable, agreement: agreement, maximum: misreport) }
        }
        print("\(passed) passed, \(failed) failed")
        if suggest {
            let undesigned = try suggestSplits(model, agreements)
            if undesigned > 0 { throw CommandFailure.checksFailed(count: undesigned) }
            return
        }
        if failed > 0 { throw CommandFailure.checksFailed(count: failed) }
    }

    /// The agreement as the rule checker takes it; a pooled-dispatch agreement on a grid dispatches every
    /// coalition on that grid (for every evaluation and every perturbed sample).
    func checkable(_ agreement: Agreement, _ model: RegionalModel) throws -> any CheckableAgreement {
        switch agreement {
        case .relocation(let a): return a
        case .jointFund(let a): return a
        case .pooledDispatch(let a):
            guard let scenario = a.dispatchScenario, let grid = model.grid else { return a }
            do { return GridPooledDispatch(agreement: a, network: try grid.network(scenario: scenario)) } catch {
                throw CommandFailure.badInput(error)
            }
        }
    }

    /// The agreements to check: every agreement of the model, or the files named on the command line (a file the
    /// model already read is taken from the model; another is read against the model's provinces and sources).
    func selectAgreements(_ model: RegionalModel) throws -> [Agreement] {
        guard !files.isEmpty else {
            guard !model.agreements.isEmpty else {
                throw CommandFailure.badInput(
                    DiagnosticsError([
                        .error(
                            at: SourceLocation(file: options.regionsPath + "/agreements"), "no agreement files found",
                            fix: "give agreement files or --regions DIR")
                    ]))
            }
            return model.agreements
        }
        let loaded = Dictionary(
            model.agreements.map { (URL(fileURLWithPath: $0.file).standardizedFileURL.path, $0) }, uniquingKeysWith: { a, _ in a })
        var diagnostics = DiagnosticEngine()
        var agreements: [Agreement] = []
        for path in files {
            if let agreement = loaded[URL(fileURLWithPath: path).standardizedFileURL.path] {
                agreements.append(agreement)
                continue
            }
            do {
                agreements.append(
                    try AgreementReader.read(
                        contentsOf: URL(fileURLWithPath: path), displayPath: path, knownProvinces: model.provinceIDs,
                        knownSources: Set(model.sources.keys)))
            } catch {
                diagnostics.absorb(error)
            }
        }
        do { try diagnostics.failIfErrors() } catch { throw CommandFailure.badInput(error) }
        for agreement in agreements {
            guard case .pooledDispatch(let pooled) = agreement, let scenario = pooled.dispatchScenario else { continue }
            if model.grid?.overlay(scenario) == nil {
                diagnostics.error(
                    at: pooled.location ?? SourceLocation(file: agreement.file),
                    "the agreement dispatches grid scenario '\(scenario)', which the model does not have",
                    fix: "use one of: \(model.grid?.overlays.map(\.name).joined(separator: ", ") ?? "(no grid)")")
            }
        }
        do { try diagnostics.failIfErrors() } catch { throw CommandFailure.badInput(error) }
        return agreements
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
