import Analysis
import ArgumentParser
import Pathways
import RegionModel

/// `yrdplan emissions`: base-year emission accounts of one province by sector.
struct EmissionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emissions",
        abstract: "Base-year CO2 accounting of a province by sector (electricity counted where consumed).",
        discussion: "Mt CO2. The power sector is local thermal + imported − exported; each end-use sector has direct "
            + "emissions and an indirect share of the power sector (its electricity use). Sector totals add up to the total.")

    @OptionGroup var options: RegionOptions

    @Option(help: "Province id, e.g. shanghai.")
    var region: String

    @Option(help: "Years, e.g. 2017-2019.")
    var years: YearSpan

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let model = try options.loadModel()
        guard let province = model.province(region) else {
            throw ValidationError(
                "unknown region '\(region)' — use one of: \(model.provinces.map(\.id.rawValue).joined(separator: ", "))")
        }
        let accounts = EmissionAccounting.accounts(province, years: years.range)
        guard !accounts.isEmpty else {
            throw ValidationError(
                "\(region) has no complete emission account in \(years.range.lowerBound)-\(years.range.upperBound) — "
                    + "accounted years: \(province.accountedYears.map(String.init).joined(separator: ", "))")
        }
        let missing = years.range.filter { year in !accounts.contains { $0.year == year } }
        if !missing.isEmpty {
            StandardError.write(
                "note: no complete account for \(missing.map(String.init).joined(separator: ", ")); shown: \(accounts.map { String($0.year) }.joined(separator: ", "))\n"
            )
        }
        print(json ? Self.json(region: province.id, accounts).rendered() : Self.table(province, accounts), terminator: "")
    }

    static func json(region: RegionID, _ accounts: [EmissionAccount]) -> JSONValue {
        .object([
            ("region", .string(region.rawValue)),
            ("unit", .string("Mt CO2")),
            ("years", .array(accounts.map(jsonYear))),
        ])
    }

    static func jsonYear(_ account: EmissionAccount) -> JSONValue {
        var sectors: [(String, JSONValue)] = [
            (
                "power",
                .object([
                    ("total_mt", .rounded(account.power.total.value)),
                    ("local_thermal_mt", .rounded(account.power.localThermal.value)),
                    ("imported_mt", .rounded(account.power.imported.value)),
                    ("exported_mt", .rounded(account.power.exported.value)),
                    ("imported_share", .rounded(account.power.importedShare)),
                ])
            )
        ]
        for sector in account.sectors {
            sectors.append(
                (
                    sector.sector.rawValue,
                    .object([
                        ("total_mt", .rounded(sector.total.value)),
                        ("direct_mt", .rounded(sector.direct.value)),
                        ("indirect_mt", .rounded(sector.indirect.value)),
                    ])
                ))
        }
        return .object([
            ("year", .number(Double(account.year))),
            ("total_mt", .rounded(account.total.value)),
            ("intensity_t_per_10k_yuan", .rounded(account.intensity.value)),
            ("gdp_100m_yuan", .rounded(account.gdp.value)),
            ("confidence", .string(account.confidence.rawValue)),
            ("sectors", .object(sectors)),
        ])
    }

    static func table(_ province: Province, _ accounts: [EmissionAccount]) -> String {
        var table = TextTable(headers: ["Mt CO2"] + accounts.map { String($0.year) }, rightAligned: Set(1...accounts.count))
        func row(_ label: String, _ value: (EmissionAccount) -> Double, decimals: Int = 1) {
            table.add([label] + accounts.map { fixed(value($0), decimals) })
        }
        row("Total", { $0.total.value })
        row("Intensity t/万元", { $0.intensity.value }, decimals: 3)
        row("Power sector", { $0.power.total.value })
        row("  local thermal", { $0.power.localThermal.value })
        row("  imported", { $0.power.imported.value })
        if accounts.contains(where: { $0.power.exported.value > 0 }) { row("  exported (−)", { $0.power.exported.value }) }
        row("  imported share %", { $0.power.importedShare * 100 })
        for sector in EndUseSector.allCases {
            row(sector.label, { $0.sector(sector)?.total.value ?? .nan })
            row("  direct", { $0.sector(sector)?.direct.value ?? .nan })
            row("  electricity", { $0.sector(sector)?.indirect.value ?? .nan })
        }
        let weakest = Confidence.weakest(accounts.map(\.confidence))
        return "\(province.name.en) (\(province.name.zh)) — CO2 by sector, electricity counted where consumed\n\n"
            + table.rendered()
            + "\nSector totals include their electricity; they add up to the total. Weakest data confidence: \(weakest.rawValue).\n"
    }
}

extension EndUseSector {
    /// The English label used in tables.
    var label: String {
        switch self {
        case .steel: "Steel"
        case .petrochemicals: "Petrochemicals"
        case .otherIndustry: "Other industry"
        case .transport: "Transport"
        case .buildings: "Buildings"
        case .other: "Other"
        }
    }
}
