import Analysis
import Diagnostics

extension BriefInput {
    /// Every problem that would make a page unsafe or misleading: ids that are not `[a-z0-9-]` (they
    /// become paths), characters XML 1.0 forbids, missing names, estimates without a note.
    public func problems(languages: [String]) -> [Diagnostic] {
        var found = DiagnosticEngine()
        func check(_ id: String, _ what: String, at file: String) {
            if !SafeID.isValid(id) {
                found.error(
                    at: SourceLocation(file: file), "\(what) id '\(id)' is not lowercase [a-z0-9-]",
                    fix: "ids become file names: use lowercase letters, digits and '-' only")
            }
        }
        func text(_ value: String, _ what: String, at file: String) {
            for violation in XMLCharacters.violations(in: value) {
                found.error(
                    at: SourceLocation(file: file),
                    "\(what) contains U+\(XMLCharacters.hex(violation.scalar.value)), which XML 1.0 does not allow",
                    fix: "remove the control character")
            }
        }
        func provenance(_ p: Citation, _ what: String, at file: String) {
            check(p.sourceKey, "source of \(what)", at: file)
            text(p.source, "source of \(what)", at: file)
            if let note = p.note { text(note, "note of \(what)", at: file) }
            if p.confidence != .sourced && (p.note ?? "").isEmpty {
                found.error(
                    at: SourceLocation(file: file), "\(what) is \(p.confidence.rawValue) but has no note",
                    fix: "say in a note why the figure is an estimate or synthetic")
            }
        }
        func figure(_ f: Figure, _ what: String, at file: String) {
            text(f.unit, "unit of \(what)", at: file)
            provenance(f.provenance, what, at: file)
            if !f.value.isFinite {
                found.error(at: SourceLocation(file: file), "\(what) is not a finite number", fix: "check the model input")
            }
        }
        if !isDate(editionDate) {
            found.error(at: SourceLocation(file: "Reports/site.yaml"), "edition date '\(editionDate)' is not YYYY-MM-DD")
        }
        for scenario in scenarios { check(scenario, "scenario", at: "Regions/scenarios") }
        if !scenarios.contains(headlineScenario) {
            found.error(
                at: SourceLocation(file: "Regions/scenarios"),
                "headline scenario '\(headlineScenario)' is not among the scenarios \(scenarios)")
        }
        var seen = Set<String>()
        for province in provinces {
            let file = province.sourceFile
            check(province.id, "region", at: file)
            if !seen.insert(province.id).inserted {
                found.error(at: SourceLocation(file: file), "region '\(province.id)' appears twice")
            }
            for language in languages {
                guard let name = province.names[language], !name.isEmpty else {
                    found.error(
                        at: SourceLocation(file: file), "region '\(province.id)' has no name in \(language)",
                        fix: "add a name for \(language)")
                    continue
                }
                text(name, "name of '\(province.id)'", at: file)
            }
            figure(province.total, "total of '\(province.id)'", at: file)
            if let intensity = province.intensity { figure(intensity, "intensity of '\(province.id)'", at: file) }
            if let p = province.historyProvenance { provenance(p, "history of '\(province.id)'", at: file) }
            for sector in province.sectors {
                check(sector.sector, "sector", at: file)
                figure(sector.direct, "\(sector.sector) direct emissions", at: file)
                if let indirect = sector.indirect { figure(indirect, "\(sector.sector) indirect emissions", at: file) }
            }
            if let power = province.power {
                figure(power.localThermal, "local thermal power CO2", at: file)
                figure(power.imported, "imported power CO2", at: file)
            }
            for indicator in province.indicators {
                check(indicator.indicator, "indicator", at: file)
                figure(indicator.figure, "indicator \(indicator.indicator)", at: file)
            }
            if let factor = province.importFactor { figure(factor, "imported-power CO2 intensity of '\(province.id)'", at: file) }
            for trajectory in province.trajectories {
                if !scenarios.contains(trajectory.scenario) {
                    found.error(
                        at: SourceLocation(file: file),
                        "trajectory of '\(province.id)' names scenario '\(trajectory.scenario)', which is not listed")
                }
                provenance(trajectory.provenance, "trajectory \(trajectory.scenario) of '\(province.id)'", at: file)
            }
        }
        for trajectory in regionTrajectories {
            provenance(trajectory.provenance, "regional trajectory \(trajectory.scenario)", at: "Regions/scenarios")
        }
        for corridor in corridors + (observedCorridors ?? []) {
            check(corridor.id, "corridor", at: "Regions/grid")
            check(corridor.from, "corridor origin", at: "Regions/grid")
            check(corridor.to, "corridor destination", at: "Regions/grid")
            figure(corridor.flow, "flow of \(corridor.id)", at: "Regions/grid")
        }
        if let allocation {
            check(allocation.benefit, "benefit", at: "Regions/agreements")
            for rule in allocation.rules { check(rule, "rule", at: "Regions/agreements") }
            provenance(allocation.provenance, "allocation", at: "Regions/agreements")
        }
        for position in fund {
            figure(position.contribution, "fund contribution of \(position.province)", at: "Regions/agreements")
            figure(position.benefit, "fund benefit of \(position.province)", at: "Regions/agreements")
        }
        for deal in relocations ?? [] {
            let at = "Regions/agreements/\(deal.id).yaml"
            for id in [deal.id, deal.origin, deal.destination] { check(id, "relocation", at: at) }
            text(deal.title, "title of \(deal.id)", at: at)
            provenance(deal.splitProvenance, "split schedule of \(deal.id)", at: at)
            for split in deal.splits { check(split.stream, "split stream", at: at) }
            for key in deal.npv.keys.sorted() {
                check(key, "relocation party", at: at)
                figure(deal.npv[key]!, "NPV of \(key) in \(deal.id)", at: at)
            }
            for result in deal.checks {
                check(result.property, "check", at: at)
                if let example = result.counterexample { text(example, "counterexample of \(deal.id)", at: at) }
            }
        }
        for download in downloads {
            let parts = download.fileName.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count != 2 || !SafeID.isValid(String(parts[0])) || !["csv", "json"].contains(parts[1]) {
                found.error(
                    at: SourceLocation(file: "Reports/site.yaml"),
                    "download '\(download.fileName)' is not a safe name like results.csv",
                    fix: "use [a-z0-9-] and the extension .csv or .json")
            }
            text(download.contents, "download \(download.fileName)", at: "Reports/site.yaml")
        }
        return found.sorted
    }

    private func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// Every provenance cited anywhere in the input, one per source key, sorted by key.
    public var allProvenances: [Citation] {
        var byKey: [String: Citation] = [:]
        func add(_ p: Citation) { if byKey[p.sourceKey] == nil { byKey[p.sourceKey] = p } }
        for province in provinces {
            add(province.total.provenance)
            province.intensity.map { add($0.provenance) }
            province.historyProvenance.map(add)
            for sector in province.sectors {
                add(sector.direct.provenance)
                sector.indirect.map { add($0.provenance) }
            }
            province.power.map {
                add($0.localThermal.provenance); add($0.imported.provenance)
            }
            province.indicators.forEach { add($0.figure.provenance) }
            province.trajectories.forEach { add($0.provenance) }
            province.importFactor.map { add($0.provenance) }
        }
        regionTrajectories.forEach { add($0.provenance) }
        (corridors + (observedCorridors ?? [])).forEach { add($0.flow.provenance) }
        allocation.map { add($0.provenance) }
        fund.forEach {
            add($0.contribution.provenance); add($0.benefit.provenance)
        }
        for label in (scenarioLabels ?? [:]).values {
            for targets in (label.targets ?? [:]).values { targets.forEach { add($0.provenance) } }
        }
        for action in dealActions ?? [] {
            [action.net, action.amendedNet, action.sidePayment].compactMap { $0?.provenance }.forEach(add)
        }
        pooled.map { add($0.total.provenance) }
        for deal in relocations ?? [] {
            (deal.moves ?? []).forEach {
                add($0.before.provenance); add($0.after.provenance)
            }
            add(deal.splitProvenance)
            deal.npv.keys.sorted().forEach { add(deal.npv[$0]!.provenance) }
        }
        return byKey.values.sorted { $0.sourceKey < $1.sourceKey }
    }
}
