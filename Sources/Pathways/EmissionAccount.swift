import RegionModel

/// The power sector's CO2 in one year: local thermal plus imported electricity, less what is sent out.
public struct PowerAccount: Hashable, Sendable {
    public var localThermal: Quantity<MtCO2>
    public var imported: Quantity<MtCO2>
    public var exported: Quantity<MtCO2>

    public init(localThermal: Quantity<MtCO2>, imported: Quantity<MtCO2>, exported: Quantity<MtCO2>) {
        self.localThermal = localThermal
        self.imported = imported
        self.exported = exported
    }

    /// CO2 of the electricity consumed in the province.
    public var total: Quantity<MtCO2> { localThermal + imported - exported }

    /// Imported electricity's share of the power sector's CO2.
    public var importedShare: Double { total.value > 0 ? imported / total : 0 }
}

/// One end-use sector's CO2 in one year: direct, plus its share of the power sector (indirect).
public struct SectorAccount: Hashable, Sendable {
    public var sector: EndUseSector
    public var direct: Quantity<MtCO2>
    public var indirect: Quantity<MtCO2>

    public init(sector: EndUseSector, direct: Quantity<MtCO2>, indirect: Quantity<MtCO2>) {
        self.sector = sector
        self.direct = direct
        self.indirect = indirect
    }

    public var total: Quantity<MtCO2> { direct + indirect }
}

/// A province's emission account for one year, counted as the paper does: electricity where it is consumed.
public struct EmissionAccount: Hashable, Sendable {
    public var region: RegionID
    public var year: Int
    public var power: PowerAccount
    /// End-use sectors in `EndUseSector.allCases` order.
    public var sectors: [SectorAccount]
    public var gdp: Quantity<HundredMillionYuan>
    /// The weakest confidence of the numbers behind this account.
    public var confidence: Confidence

    public init(
        region: RegionID, year: Int, power: PowerAccount, sectors: [SectorAccount], gdp: Quantity<HundredMillionYuan>,
        confidence: Confidence
    ) {
        self.region = region
        self.year = year
        self.power = power
        self.sectors = sectors
        self.gdp = gdp
        self.confidence = confidence
    }

    /// Total CO2: the power sector plus every sector's direct emissions (indirect ones are the power sector's).
    public var total: Quantity<MtCO2> {
        // A plain loop: this is read for every year of every Monte Carlo draw.
        var total = power.total.value
        for sector in sectors { total += sector.direct.value }
        return Quantity(total)
    }

    /// CO2 per unit of GDP in t/万元 (Mt × 10⁶ t ÷ 亿元 × 10⁴ 万元).
    public var intensity: Quantity<TonnesCO2Per10kYuan> { Quantity(total.value * 100 / gdp.value) }

    /// The account of one end-use sector.
    public func sector(_ sector: EndUseSector) -> SectorAccount? { sectors.first { $0.sector == sector } }
}

/// Builds emission accounts from a province's base data.
public enum EmissionAccounting {
    /// The account of `province` in `year`, or `nil` when a number it needs is missing.
    public static func account(_ province: Province, year: Int) -> EmissionAccount? {
        guard let local = province.power.localThermal[year], let imported = province.power.imported[year],
            let exported = province.power.exported[year], let gdp = province.gdp[year]
        else { return nil }
        let power = PowerAccount(localThermal: local.quantity, imported: imported.quantity, exported: exported.quantity)
        var confidences = [
            local.provenance.confidence, imported.provenance.confidence, exported.provenance.confidence, gdp.provenance.confidence,
        ]
        var sectors: [SectorAccount] = []
        for sector in EndUseSector.allCases {
            guard let data = province.sectors[sector], let direct = data.direct[year], let share = data.electricityShare[year] else {
                return nil
            }
            confidences += [direct.provenance.confidence, share.provenance.confidence]
            sectors.append(SectorAccount(sector: sector, direct: direct.quantity, indirect: power.total * share.value))
        }
        return EmissionAccount(
            region: province.id, year: year, power: power, sectors: sectors, gdp: gdp.quantity,
            confidence: Confidence.weakest(confidences))
    }

    /// Accounts for every year in `years` that has the data, in order.
    public static func accounts(_ province: Province, years: ClosedRange<Int>) -> [EmissionAccount] {
        years.compactMap { account(province, year: $0) }
    }
}
