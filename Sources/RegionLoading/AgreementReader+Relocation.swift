import Diagnostics
import RegionModel
import Yams

extension AgreementReader {
    static func plant(_ c: inout YAMLMappingCursor, _ key: String, _ d: inout DiagnosticEngine) -> PlantFigures? {
        guard let node = c.value(key, &d) else { return nil }
        var p = YAMLMappingCursor(node, file: c.file)
        let va = figure(&p, "value_added", in: DataSchema.relocationPlant, &d)
        let tax = figure(&p, "tax", in: DataSchema.relocationPlant, &d)
        let jobs = figure(&p, "jobs", in: DataSchema.relocationPlant, &d)
        let co2 = figure(&p, "co2", in: DataSchema.relocationPlant, &d)
        p.reportUnknownKeys(allowedBy: DataSchema.relocationPlant, &d)
        guard let va, let tax, let jobs, let co2 else { return nil }
        return PlantFigures(valueAdded: va, tax: tax, jobs: jobs, co2: co2)
    }

    static func splitPeriods(
        _ node: Node?, field: String, parties: [String], file: String, _ known: Set<String>, _ d: inout DiagnosticEngine
    ) -> [AgreementSplitPeriod] {
        guard let node else { return [] }
        guard let list = node.sequence, !list.isEmpty else {
            d.error(
                at: YAMLMappingCursor.location(of: node, in: file), "`\(field)` must be a list of periods",
                fix: "e.g. `- {years: 5, shares: {shanghai: 0.4, anhui: 0.6}}` then `- {shares: {…}}` for the rest")
            return []
        }
        var out: [AgreementSplitPeriod] = []
        for (k, item) in list.enumerated() {
            var p = YAMLMappingCursor(item, file: file)
            var years: Int? = nil
            if let y = p.value("years", required: false, &d) {
                if let i = y.int, i > 0 {
                    years = i
                } else {
                    d.error(at: YAMLMappingCursor.location(of: y, in: file), "`years` must be a positive whole number")
                }
            } else if k != list.count - 1 {
                d.error(at: p.location, "only the last period of `\(field)` may omit `years`", fix: "give this period its length in years")
            }
            var shares: [String: Double] = [:]
            if let s = p.value("shares", &d) { shares = self.shares(s, field: "\(field) shares", parties: parties, file: file, known, &d) }
            // A split is a term of the agreement, so its provenance (optional) describes no year.
            readTermProvenance(item, file: file, what: "period \(k + 1) of `\(field)`", &d)
            p.markRead(DataSchema.splitPeriod.knownKeys)
            p.reportUnknownKeys(allowedBy: DataSchema.splitPeriod, &d)
            out.append(AgreementSplitPeriod(years: years, shares: shares, location: p.location))
        }
        return out
    }

    static func relocation(_ c: inout YAMLMappingCursor, _ known: Set<String>, _ d: inout DiagnosticEngine) -> RelocationAgreement? {
        let id = c.string("id", &d)
        let title = c.string("title", &d)
        let origin = c.value("origin", &d).flatMap { YAMLMappingCursor.province($0, file: c.file, known: known, &d) }
        let destination = c.value("destination", &d).flatMap { YAMLMappingCursor.province($0, file: c.file, known: known, &d) }
        if let origin, origin == destination {
            d.error(at: c.location, "origin and destination are both `\(origin)`", fix: "a relocation moves capacity between two provinces")
        }
        let parties = [origin, destination].compactMap { $0 }
        let horizon = c.int("horizon_years", range: 1...100, &d)
        let rate = figure(&c, "discount_rate", in: DataSchema.relocation, &d)
        let price = figure(&c, "carbon_price", in: DataSchema.relocation, &d)
        let before = plant(&c, "before", &d)
        let after = plant(&c, "after", &d)
        let land = figure(&c, "land_value_freed", in: DataSchema.relocation, &d)
        let costs = relocationCosts(&c, parties: parties, known, &d)
        var alternatives: [RelocationAlternative] = []
        if let list = c.value("alternatives", required: false, &d) {
            for item in list.sequence ?? [] {
                var a = YAMLMappingCursor(item, file: c.file)
                let host = a.value("destination", &d).flatMap { YAMLMappingCursor.province($0, file: c.file, known: known, &d) }
                if let host, host == origin || host == destination || alternatives.contains(where: { $0.destination == host }) {
                    d.error(at: a.location, "alternative destination `\(host)` is already a party", fix: "name each province once")
                }
                let plant = self.plant(&a, "after", &d)
                let hostCosts = relocationCosts(&a, parties: [origin, host].compactMap { $0 }, known, &d)
                a.reportUnknownKeys(allowedBy: DataSchema.relocationAlternative, &d)
                if let host, let plant {
                    alternatives.append(RelocationAlternative(destination: host, after: plant, costs: hostCosts, location: a.location))
                }
            }
        }
        var tax: [AgreementSplitPeriod] = [], gdp: [AgreementSplitPeriod] = [], emissions: [AgreementSplitPeriod] = []
        if let splitNode = c.value("split", &d) {
            var s = YAMLMappingCursor(splitNode, file: c.file)
            tax = splitPeriods(s.value("tax", &d), field: "split.tax", parties: parties, file: c.file, known, &d)
            gdp = splitPeriods(s.value("gdp_statistics", &d), field: "split.gdp_statistics", parties: parties, file: c.file, known, &d)
            emissions = splitPeriods(s.value("emissions", &d), field: "split.emissions", parties: parties, file: c.file, known, &d)
            s.reportUnknownKeys(allowedBy: DataSchema.relocationSplit, &d)
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
        _ c: inout YAMLMappingCursor, parties: [String], _ known: Set<String>, _ d: inout DiagnosticEngine
    ) -> [RelocationCost] {
        var costs: [RelocationCost] = []
        guard let list = c.value("costs", &d) else { return costs }
        for item in list.sequence ?? [] {
            var k = YAMLMappingCursor(item, file: c.file)
            let name = k.string("name", &d)
            let perYear = k.value("per_year", &d).map { $0.bool ?? false } ?? false
            let units: [AgreementUnit] = perYear ? [.hundredMillionYuanPerYear] : [.hundredMillionYuan]
            let amount = k.value("amount", &d).flatMap { figure($0, file: c.file, field: "amount", units: units, &d) }
            let paidBy =
                k.value("paid_by", &d).map { shares($0, field: "paid_by", parties: parties, file: c.file, known, &d) } ?? [:]
            k.reportUnknownKeys(allowedBy: DataSchema.relocationCost, &d)
            if let name, let amount { costs.append(RelocationCost(name: name, amount: amount, perYear: perYear, paidBy: paidBy)) }
        }
        return costs
    }
}
