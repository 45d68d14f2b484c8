import Diagnostics
import RegionModel
import Yams

extension AgreementReader {
    static func jointFund(_ c: inout YAMLMappingCursor, _ known: Set<String>, _ d: inout DiagnosticEngine) -> JointFundAgreement? {
        let id = c.string("id", &d)
        let title = c.string("title", &d)
        let parties = partyList(&c, known, &d)
        let budgetNode = c.value("budget", &d)
        let budget = budgetNode.flatMap { figure($0, file: c.file, field: "budget", units: DataSchema.jointFund["budget"].figureUnits, &d) }
        if let budget, budget.value <= 0, let budgetNode {
            d.error(
                at: YAMLMappingCursor.location(of: budgetNode, in: c.file), "the fund budget is \(budget.value) 亿元",
                fix: "give a positive budget")
        }
        var contribution: ContributionRule?
        if let node = c.value("contribution", &d) {
            var k = YAMLMappingCursor(node, file: c.file)
            let rule = k.string("rule", &d)
            let weightsNode = k.value("weights", &d)
            switch rule {
            case "fixed-shares":
                if let w = weightsNode {
                    let figures = perParty(w, field: "contribution.weights", parties: parties, units: [.fraction], file: c.file, known, &d)
                    let total = figures.values.reduce(0) { $0 + $1.value }
                    if figures.count == parties.count, abs(total - 1) > 1e-9 {
                        d.error(
                            at: YAMLMappingCursor.location(of: w, in: c.file), "fixed contribution shares sum to \(total)",
                            fix: "make them sum to 1")
                    }
                    contribution = .fixedShares(figures)
                }
            case "by-gdp", "by-fiscal-revenue":
                if let w = weightsNode {
                    let units: [AgreementUnit] = [.hundredMillionYuan]
                    contribution = .proportional(
                        basis: rule == "by-gdp" ? "GDP" : "fiscal revenue",
                        weights: perParty(w, field: "contribution.weights", parties: parties, units: units, file: c.file, known, &d))
                }
            case nil: break
            case let other?:
                d.error(at: k.location, "unknown contribution rule `\(other)`", fix: "use fixed-shares, by-gdp or by-fiscal-revenue")
            }
            k.reportUnknownKeys(allowedBy: DataSchema.fundContribution, &d)
        }
        let price = figure(&c, "carbon_price", in: DataSchema.jointFund, &d)
        let horizon = c.int("horizon_years", range: 1...100, &d)
        let rate = figure(&c, "discount_rate", in: DataSchema.jointFund, &d)
        var projects: [FundProject] = []
        if let list = c.value("projects", &d) {
            for item in list.sequence ?? [] {
                var p = YAMLMappingCursor(item, file: c.file)
                let pid = p.string("id", &d)
                let name = p.string("name", &d)
                let lead = p.value("lead", &d).flatMap { YAMLMappingCursor.province($0, file: c.file, known: known, &d) }
                if let lead, !parties.contains(lead) {
                    d.error(at: p.location, "project lead `\(lead)` is not a party of the fund", fix: "add it to `parties`")
                }
                let cost = figure(&p, "cost", in: DataSchema.fundProject, &d)
                let co2 = figure(&p, "co2_abated", in: DataSchema.fundProject, &d)
                let other = figure(&p, "other_benefit", in: DataSchema.fundProject, &d)
                let spill = figure(&p, "spillover", in: DataSchema.fundProject, &d)
                let mandatory = p.value("mandatory", required: false, &d).map { $0.bool ?? false } ?? false
                p.reportUnknownKeys(allowedBy: DataSchema.fundProject, &d)
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
                    at: YAMLMappingCursor.location(of: budgetNode, in: c.file),
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
}
