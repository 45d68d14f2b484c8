import Diagnostics
import Foundation
import RegionModel
import Yams

/// Reads `Regions/agreements/*.yaml` (relocation deals, the joint fund, pooled dispatch) into
/// `RegionModel` agreements, collecting every problem as `file:line: what — fix`.
public enum AgreementReader {
    /// Units accepted per kind of figure.
    static let yuanPerYear = ["亿元/yr"]
    static let yuan = ["亿元"]
    static let fraction = ["fraction"]
    static let carbonPrice = ["元/t CO2"]
    static let co2PerYear = ["Mt CO2/yr"]

    /// Reads and parses one agreement file from disk; with `knownSources`, every figure's source
    /// must be one of them (the keys of `Regions/sources.yaml`).
    public static func read(
        contentsOf url: URL, displayPath: String? = nil, knownProvinces: Set<String>, knownSources: Set<String>? = nil
    ) throws(DiagnosticsError) -> Agreement {
        let path = displayPath ?? url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DiagnosticsError([.error(at: SourceLocation(file: path), "cannot read the file: \(error.localizedDescription)")])
        }
        let agreement = try parse(text, file: path, knownProvinces: knownProvinces)
        if let knownSources {
            var d = DiagnosticEngine()
            for figure in agreement.figures where !knownSources.contains(figure.source) {
                d.error(
                    at: figure.location, "unknown source key `\(figure.source)`",
                    fix: "use a key of Regions/sources.yaml (e.g. yrdplan-estimate for assumptions)")
            }
            try d.failIfErrors()
        }
        return agreement
    }

    /// Parses agreement YAML text; `file` names it in diagnostics.
    public static func parse(_ text: String, file: String, knownProvinces: Set<String>) throws(DiagnosticsError) -> Agreement {
        var diagnostics = DiagnosticEngine()
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw DiagnosticsError([
                    .error(
                        at: SourceLocation(file: file, line: 1), "the file is empty",
                        fix: "start with `kind: relocation`, `kind: joint-fund` or `kind: pooled-dispatch`")
                ])
            }
            root = node
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            throw DiagnosticsError([YAMLErrors.diagnostic(error, file: file)])
        }
        guard root.mapping != nil else {
            throw DiagnosticsError([.error(at: SourceLocation(file: file, line: 1), "an agreement file must be a mapping")])
        }
        var c = AgreementYAMLCursor(root, file: file)
        let kind = c.string("kind", &diagnostics)
        var result: Agreement?
        switch kind {
        case "relocation": result = relocation(&c, knownProvinces, &diagnostics).map(Agreement.relocation)
        case "joint-fund": result = jointFund(&c, knownProvinces, &diagnostics).map(Agreement.jointFund)
        case "pooled-dispatch": result = pooledDispatch(&c, knownProvinces, &diagnostics).map(Agreement.pooledDispatch)
        case nil: break
        case let other?:
            diagnostics.error(at: c.location, "unknown agreement kind `\(other)`", fix: "use relocation, joint-fund or pooled-dispatch")
        }
        if kind != nil { c.reportUnknownKeys(&diagnostics) }
        try diagnostics.failIfErrors()
        guard let result else { throw DiagnosticsError([.error(at: c.location, "the agreement could not be read")]) }
        return result
    }

    // MARK: Shared parts

    static func figure(_ c: inout AgreementYAMLCursor, _ key: String, _ units: [String], _ d: inout DiagnosticEngine) -> AgreementFigure? {
        guard let node = c.value(key, &d) else { return nil }
        return AgreementYAMLCursor.figure(node, file: c.file, field: key, units: units, &d)
    }

    static func checks(_ c: inout AgreementYAMLCursor, parties: [String], _ d: inout DiagnosticEngine) -> [RequiredProperty] {
        guard let node = c.value("checks", &d) else { return [] }
        guard let list = node.sequence else {
            d.error(
                at: AgreementYAMLCursor.location(of: node, in: c.file), "`checks` must be a list", fix: "e.g. `checks: [efficiency, core]`")
            return []
        }
        var out: [RequiredProperty] = []
        for item in list {
            let at = AgreementYAMLCursor.location(of: item, in: c.file)
            if let name = item.string {
                if let property = RequiredProperty.plainNames[name] {
                    out.append(property)
                } else {
                    d.error(
                        at: at, "unknown check `\(name)`",
                        fix:
                            "use one of: \(RequiredProperty.plainNames.keys.sorted().joined(separator: ", ")), floor, max_benefit_contribution_gap"
                    )
                }
            } else if let mapping = item.mapping, mapping.count == 1, let (keyNode, value) = mapping.first, let key = keyNode.string {
                switch key {
                case "floor":
                    var floors: [String: Double] = [:]
                    for (p, amount) in value.mapping ?? [:] {
                        guard let id = p.string else { continue }
                        if !parties.contains(id) {
                            d.error(
                                at: AgreementYAMLCursor.location(of: p, in: c.file), "floor for `\(id)`, which is not a party",
                                fix: "use one of: \(parties.joined(separator: ", "))")
                        } else if let x = AgreementYAMLCursor.number(amount, file: c.file, what: "the floor of \(id)", &d) {
                            floors[id] = x
                        }
                    }
                    out.append(.floor(floors))
                case "max_benefit_contribution_gap":
                    if let x = AgreementYAMLCursor.number(value, file: c.file, what: "max_benefit_contribution_gap", &d) {
                        out.append(.maxBenefitContributionGap(x))
                    }
                default:
                    d.error(
                        at: at, "unknown check `\(key)`",
                        fix: "parameterised checks are `floor: {province: amount}` and `max_benefit_contribution_gap: ratio`")
                }
            } else {
                d.error(at: at, "a check is a name or a one-key mapping")
            }
        }
        return out
    }

    static func partyList(_ c: inout AgreementYAMLCursor, _ known: Set<String>, _ d: inout DiagnosticEngine) -> [String] {
        guard let node = c.value("parties", &d) else { return [] }
        guard let list = node.sequence, !list.isEmpty else {
            d.error(at: AgreementYAMLCursor.location(of: node, in: c.file), "`parties` must be a non-empty list of province ids")
            return []
        }
        var out: [String] = []
        for item in list {
            guard let id = AgreementYAMLCursor.province(item, file: c.file, known: known, &d) else { continue }
            if out.contains(id) {
                d.error(at: AgreementYAMLCursor.location(of: item, in: c.file), "`\(id)` is listed twice", fix: "list each party once")
            } else {
                out.append(id)
            }
        }
        return out
    }

    /// `{province: figure}` with every party present.
    static func perParty(
        _ node: Node, field: String, parties: [String], units: [String], file: String, _ known: Set<String>, _ d: inout DiagnosticEngine
    ) -> [String: AgreementFigure] {
        var out: [String: AgreementFigure] = [:]
        guard let mapping = node.mapping else {
            d.error(at: AgreementYAMLCursor.location(of: node, in: file), "`\(field)` must map each party to a figure")
            return out
        }
        for (key, value) in mapping {
            guard let id = AgreementYAMLCursor.province(key, file: file, known: known, &d) else { continue }
            if !parties.contains(id) {
                d.error(
                    at: AgreementYAMLCursor.location(of: key, in: file), "`\(id)` in `\(field)` is not a party",
                    fix: "add it to `parties` or remove it")
            }
            if let f = AgreementYAMLCursor.figure(value, file: file, field: "\(field).\(id)", units: units, &d) { out[id] = f }
        }
        for p in parties where mapping[p] == nil {
            d.error(
                at: AgreementYAMLCursor.location(of: node, in: file), "`\(field)` has no entry for `\(p)`", fix: "add `\(p): {value: …}`")
        }
        return out
    }

    /// `{province: share}` whose shares are non-negative and sum to 1.
    static func shares(_ node: Node, field: String, parties: [String], file: String, _ known: Set<String>, _ d: inout DiagnosticEngine)
        -> [String: Double]
    {
        var out: [String: Double] = [:]
        let at = AgreementYAMLCursor.location(of: node, in: file)
        guard let mapping = node.mapping else {
            d.error(at: at, "`\(field)` must map parties to shares")
            return out
        }
        for (key, value) in mapping {
            guard let id = AgreementYAMLCursor.province(key, file: file, known: known, &d) else { continue }
            if !parties.contains(id) {
                d.error(
                    at: AgreementYAMLCursor.location(of: key, in: file), "`\(id)` in `\(field)` is not a party of this agreement",
                    fix: "use \(parties.joined(separator: " or "))")
                continue
            }
            if let x = AgreementYAMLCursor.number(value, file: file, what: "the share of \(id)", &d) {
                if x < 0 || x > 1 { d.error(at: AgreementYAMLCursor.location(of: value, in: file), "share \(x) of \(id) is outside 0…1") }
                out[id] = x
            }
        }
        let total = out.values.reduce(0, +)
        if !out.isEmpty, abs(total - 1) > 1e-9 {
            d.error(at: at, "`\(field)` shares sum to \(total)", fix: "make them sum to 1")
        }
        return out
    }

    // MARK: Relocation

    static func plant(_ c: inout AgreementYAMLCursor, _ key: String, _ d: inout DiagnosticEngine) -> PlantFigures? {
        guard let node = c.value(key, &d) else { return nil }
        var p = AgreementYAMLCursor(node, file: c.file)
        let va = figure(&p, "value_added", yuanPerYear, &d)
        let tax = figure(&p, "tax", yuanPerYear, &d)
        let jobs = figure(&p, "jobs", ["jobs"], &d)
        let co2 = figure(&p, "co2", co2PerYear, &d)
        p.reportUnknownKeys(&d)
        guard let va, let tax, let jobs, let co2 else { return nil }
        return PlantFigures(valueAdded: va, tax: tax, jobs: jobs, co2: co2)
    }

    static func splitPeriods(
        _ node: Node?, field: String, parties: [String], file: String, _ known: Set<String>, _ d: inout DiagnosticEngine
    ) -> [AgreementSplitPeriod] {
        guard let node else { return [] }
        guard let list = node.sequence, !list.isEmpty else {
            d.error(
                at: AgreementYAMLCursor.location(of: node, in: file), "`\(field)` must be a list of periods",
                fix: "e.g. `- {years: 5, shares: {shanghai: 0.4, anhui: 0.6}}` then `- {shares: {…}}` for the rest")
            return []
        }
        var out: [AgreementSplitPeriod] = []
        for (k, item) in list.enumerated() {
            var p = AgreementYAMLCursor(item, file: file)
            var years: Int? = nil
            if let y = p.value("years", required: false, &d) {
                if let i = y.int, i > 0 {
                    years = i
                } else {
                    d.error(at: AgreementYAMLCursor.location(of: y, in: file), "`years` must be a positive whole number")
                }
            } else if k != list.count - 1 {
                d.error(at: p.location, "only the last period of `\(field)` may omit `years`", fix: "give this period its length in years")
            }
            var shares: [String: Double] = [:]
            if let s = p.value("shares", &d) { shares = self.shares(s, field: "\(field) shares", parties: parties, file: file, known, &d) }
            // A split is a term of the agreement; where it comes from is said here.
            for key in ["source", "ref", "confidence", "note"] { _ = p.value(key, required: false, &d) }
            p.reportUnknownKeys(&d)
            out.append(AgreementSplitPeriod(years: years, shares: shares, location: p.location))
        }
        return out
    }

    static func relocation(_ c: inout AgreementYAMLCursor, _ known: Set<String>, _ d: inout DiagnosticEngine) -> RelocationAgreement? {
        let id = c.string("id", &d)
        let title = c.string("title", &d)
        let origin = c.value("origin", &d).flatMap { AgreementYAMLCursor.province($0, file: c.file, known: known, &d) }
        let destination = c.value("destination", &d).flatMap { AgreementYAMLCursor.province($0, file: c.file, known: known, &d) }
        if let origin, origin == destination {
            d.error(at: c.location, "origin and destination are both `\(origin)`", fix: "a relocation moves capacity between two provinces")
        }
        let parties = [origin, destination].compactMap { $0 }
        let horizon = c.int("horizon_years", range: 1...100, &d)
        let rate = figure(&c, "discount_rate", fraction, &d)
        let price = figure(&c, "carbon_price", carbonPrice, &d)
        let before = plant(&c, "before", &d)
        let after = plant(&c, "after", &d)
        let land = figure(&c, "land_value_freed", yuanPerYear, &d)
        let costs = relocationCosts(&c, parties: parties, known, &d)
        var alternatives: [RelocationAlternative] = []
        if let list = c.value("alternatives", required: false, &d) {
            for item in list.sequence ?? [] {
                var a = AgreementYAMLCursor(item, file: c.file)
                let host = a.value("destination", &d).flatMap { AgreementYAMLCursor.province($0, file: c.file, known: known, &d) }
                if let host, host == origin || host == destination || alternatives.contains(where: { $0.destination == host }) {
                    d.error(at: a.location, "alternative destination `\(host)` is already a party", fix: "name each province once")
                }
                let plant = self.plant(&a, "after", &d)
                let hostCosts = relocationCosts(&a, parties: [origin, host].compactMap { $0 }, known, &d)
                a.reportUnknownKeys(&d)
                if let host, let plant {
                    alternatives.append(RelocationAlternative(destination: host, after: plant, costs: hostCosts, location: a.location))
                }
            }
        }
        var tax: [AgreementSplitPeriod] = [], gdp: [AgreementSplitPeriod] = [], emissions: [AgreementSplitPeriod] = []
        if let splitNode = c.value("split", &d) {
            var s = AgreementYAMLCursor(splitNode, file: c.file)
            tax = splitPeriods(s.value("tax", &d), field: "split.tax", parties: parties, file: c.file, known, &d)
            gdp = splitPeriods(s.value("gdp_statistics", &d), field: "split.gdp_statistics", parties: parties, file: c.file, known, &d)
            emissions = splitPeriods(s.value("emissions", &d), field: "split.emissions", parties: parties, file: c.file, known, &d)
            s.reportUnknownKeys(&d)
        }
        let checks = self.checks(&c, parties: parties + alternatives.map(\.destination), &d)
        guard let id, let title, let origin, let destination, let horizon, let rate, let price, let before, let after, let land else {
            return nil
        }
        var agreement = RelocationAgreement(
            id: id, title: title, origin: origin, destination: destination, horizonYears: horizon, discountRate: rate,
            carbonPrice: price, before: before, after: after, landValueFreed: land, costs: costs, taxSplit: tax,
            gdpSplit: gdp, emissionsSplit: emissions, checks: checks, location: c.location)
        agreement.alternatives = alternatives
        return agreement
    }

    /// `costs:` of a relocation: `[{name, amount, per_year, paid_by: {province: share}}]`.
    static func relocationCosts(
        _ c: inout AgreementYAMLCursor, parties: [String], _ known: Set<String>, _ d: inout DiagnosticEngine
    ) -> [RelocationCost] {
        var costs: [RelocationCost] = []
        guard let list = c.value("costs", &d) else { return costs }
        for item in list.sequence ?? [] {
            var k = AgreementYAMLCursor(item, file: c.file)
            let name = k.string("name", &d)
            let perYear = k.value("per_year", &d).map { $0.bool ?? false } ?? false
            let amount = figure(&k, "amount", perYear ? yuanPerYear : yuan, &d)
            let paidBy =
                k.value("paid_by", &d).map { shares($0, field: "paid_by", parties: parties, file: c.file, known, &d) } ?? [:]
            k.reportUnknownKeys(&d)
            if let name, let amount { costs.append(RelocationCost(name: name, amount: amount, perYear: perYear, paidBy: paidBy)) }
        }
        return costs
    }

    // MARK: Joint fund

    static func jointFund(_ c: inout AgreementYAMLCursor, _ known: Set<String>, _ d: inout DiagnosticEngine) -> JointFundAgreement? {
        let id = c.string("id", &d)
        let title = c.string("title", &d)
        let parties = partyList(&c, known, &d)
        let budgetNode = c.value("budget", &d)
        let budget = budgetNode.flatMap { AgreementYAMLCursor.figure($0, file: c.file, field: "budget", units: yuan, &d) }
        if let budget, budget.value <= 0, let budgetNode {
            d.error(
                at: AgreementYAMLCursor.location(of: budgetNode, in: c.file), "the fund budget is \(budget.value) 亿元",
                fix: "give a positive budget")
        }
        var contribution: ContributionRule?
        if let node = c.value("contribution", &d) {
            var k = AgreementYAMLCursor(node, file: c.file)
            let rule = k.string("rule", &d)
            let weightsNode = k.value("weights", &d)
            switch rule {
            case "fixed-shares":
                if let w = weightsNode {
                    let figures = perParty(w, field: "contribution.weights", parties: parties, units: fraction, file: c.file, known, &d)
                    let total = figures.values.reduce(0) { $0 + $1.value }
                    if figures.count == parties.count, abs(total - 1) > 1e-9 {
                        d.error(
                            at: AgreementYAMLCursor.location(of: w, in: c.file), "fixed contribution shares sum to \(total)",
                            fix: "make them sum to 1")
                    }
                    contribution = .fixedShares(figures)
                }
            case "by-gdp", "by-fiscal-revenue":
                if let w = weightsNode {
                    let units = rule == "by-gdp" ? yuan : ["亿元"]
                    contribution = .proportional(
                        basis: rule == "by-gdp" ? "GDP" : "fiscal revenue",
                        weights: perParty(w, field: "contribution.weights", parties: parties, units: units, file: c.file, known, &d))
                }
            case nil: break
            case let other?:
                d.error(at: k.location, "unknown contribution rule `\(other)`", fix: "use fixed-shares, by-gdp or by-fiscal-revenue")
            }
            k.reportUnknownKeys(&d)
        }
        let price = figure(&c, "carbon_price", carbonPrice, &d)
        let horizon = c.int("horizon_years", range: 1...100, &d)
        let rate = figure(&c, "discount_rate", fraction, &d)
        var projects: [FundProject] = []
        if let list = c.value("projects", &d) {
            for item in list.sequence ?? [] {
                var p = AgreementYAMLCursor(item, file: c.file)
                let pid = p.string("id", &d)
                let name = p.string("name", &d)
                let lead = p.value("lead", &d).flatMap { AgreementYAMLCursor.province($0, file: c.file, known: known, &d) }
                if let lead, !parties.contains(lead) {
                    d.error(at: p.location, "project lead `\(lead)` is not a party of the fund", fix: "add it to `parties`")
                }
                let cost = figure(&p, "cost", yuan, &d)
                let co2 = figure(&p, "co2_abated", co2PerYear, &d)
                let other = figure(&p, "other_benefit", yuanPerYear, &d)
                let spill = figure(&p, "spillover", fraction, &d)
                let mandatory = p.value("mandatory", required: false, &d).map { $0.bool ?? false } ?? false
                p.reportUnknownKeys(&d)
                if let pid, projects.contains(where: { $0.id == pid }) {
                    d.error(at: p.location, "project id `\(pid)` is used twice", fix: "give each project its own id")
                }
                if let pid, let name, let lead, let cost, let co2, let other, let spill {
                    projects.append(
                        FundProject(
                            id: pid, name: name, lead: lead, cost: cost, co2Abated: co2, otherBenefit: other,
                            spillover: spill, mandatory: mandatory, location: p.location))
                }
            }
        }
        if projects.count > JointFundAgreement.exactProjectLimit {
            d.error(
                at: c.location, "\(projects.count) candidate projects",
                fix: "the exact portfolio search handles at most \(JointFundAgreement.exactProjectLimit)")
        }
        if let budget, let budgetNode {
            let mandatoryCost = projects.filter(\.mandatory).reduce(0) { $0 + $1.cost.value }
            if mandatoryCost > budget.value {
                d.error(
                    at: AgreementYAMLCursor.location(of: budgetNode, in: c.file),
                    "infeasible fund budget: mandatory projects cost \(mandatoryCost) 亿元, more than the budget of \(budget.value) 亿元",
                    fix: "raise the budget or drop `mandatory: true` from a project")
            }
        }
        let checks = self.checks(&c, parties: parties, &d)
        guard let id, let title, let budget, let contribution, let price, let horizon, let rate, !parties.isEmpty else { return nil }
        return JointFundAgreement(
            id: id, title: title, parties: parties, budget: budget, contribution: contribution, carbonPrice: price,
            horizonYears: horizon, discountRate: rate, projects: projects, checks: checks, location: c.location)
    }

    // MARK: Pooled dispatch

    static func pooledDispatch(_ c: inout AgreementYAMLCursor, _ known: Set<String>, _ d: inout DiagnosticEngine)
        -> PooledDispatchAgreement?
    {
        let id = c.string("id", &d)
        let title = c.string("title", &d)
        let parties = partyList(&c, known, &d)
        if parties.count > 12 {
            d.error(at: c.location, "\(parties.count) parties", fix: "pooled dispatch is tabulated for at most 12 parties")
        }
        var rule: PooledSharingRule?
        if let node = c.value("rule", &d) {
            switch node.string {
            case "shapley": rule = .shapley
            case "nucleolus": rule = .nucleolus
            case "equal": rule = .equal
            default:
                if let mapping = node.mapping, let p = mapping["proportional"] {
                    var k = AgreementYAMLCursor(p, file: c.file)
                    let basis = k.string("basis", &d) ?? ""
                    let weights =
                        k.value("weights", &d).map {
                            perParty(
                                $0, field: "rule.proportional.weights", parties: parties, units: ["亿千瓦时", "万人", "亿元"], file: c.file, known,
                                &d)
                        } ?? [:]
                    k.reportUnknownKeys(&d)
                    rule = .proportional(basis: basis, weights: weights)
                } else {
                    d.error(
                        at: AgreementYAMLCursor.location(of: node, in: c.file), "unknown sharing rule",
                        fix: "use shapley, nucleolus, equal or `proportional: {basis, weights}`")
                }
            }
        }
        var costs: [String: AgreementFigure] = [:]
        var scenario: String? = nil
        if let node = c.value("dispatch", required: false, &d) {
            var k = AgreementYAMLCursor(node, file: c.file)
            scenario = k.string("scenario", &d)
            k.reportUnknownKeys(&d)
        }
        if let node = c.value("coalition_costs", required: scenario == nil, &d) {
            for (key, value) in node.mapping ?? [:] {
                let at = AgreementYAMLCursor.location(of: key, in: c.file)
                let names = (key.string ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                var ok = true
                for name in names where !parties.contains(name) {
                    ok = false
                    d.error(
                        at: at,
                        known.contains(name) ? "`\(name)` in a coalition is not a party" : "unknown province `\(name)` in a coalition",
                        fix: "coalitions use the parties: \(parties.joined(separator: ", "))")
                }
                if Set(names).count != names.count { ok = false; d.error(at: at, "coalition `\(key.string ?? "")` names a party twice") }
                let k = PooledDispatchAgreement.key(names)
                if ok, costs[k] != nil { d.error(at: at, "coalition \(k) is given twice", fix: "keep one entry per coalition") }
                if let f = AgreementYAMLCursor.figure(value, file: c.file, field: "coalition_costs[\(k)]", units: yuanPerYear, &d), ok {
                    costs[k] = f
                }
            }
            if parties.count <= 12 {
                var missing: [String] = []
                for mask in 1..<(1 << parties.count) {
                    let k = PooledDispatchAgreement.key((0..<parties.count).filter { mask & (1 << $0) != 0 }.map { parties[$0] })
                    if costs[k] == nil { missing.append(k) }
                }
                if !missing.isEmpty {
                    d.error(
                        at: AgreementYAMLCursor.location(of: node, in: c.file),
                        "\(missing.count) coalition\(missing.count == 1 ? " has" : "s have") no dispatch cost: \(missing.prefix(4).map { "{\($0)}" }.joined(separator: ", "))\(missing.count > 4 ? ", …" : "")",
                        fix: "give every non-empty coalition of the parties a cost")
                }
            }
        }
        let checks = self.checks(&c, parties: parties, &d)
        guard let id, let title, let rule, !parties.isEmpty else { return nil }
        return PooledDispatchAgreement(
            id: id, title: title, parties: parties, rule: rule, coalitionCosts: costs, dispatchScenario: scenario,
            checks: checks, location: c.location)
    }
}

/// Turns a Yams parse error into a diagnostic at its line.
enum YAMLErrors {
    static func diagnostic(_ error: Error, file: String) -> Diagnostic {
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return .error(at: SourceLocation(file: file, line: mark.line), "not valid YAML/JSON: \(problem)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                return .error(
                    at: SourceLocation(file: file, line: context.mark.line),
                    "duplicated key\(duplicates.count == 1 ? "" : "s") \(duplicates.map { "`\($0)`" }.joined(separator: ", "))",
                    fix: "give each key once")
            default: break
            }
        }
        return .error(at: SourceLocation(file: file), "cannot parse: \(error)")
    }
}
