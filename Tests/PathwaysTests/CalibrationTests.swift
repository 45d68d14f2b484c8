import Foundation
import Pathways
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// Shanghai 2017–2019 must reproduce every figure the paper publishes (shared/seed/README.md),
/// within rounding of the published digits.
@Suite struct CalibrationTests {
    static let model = Result { try RegionLoader.load(from: ProjectPaths.regions) }

    /// One published figure: the value as printed and the size of its last digit.
    struct Published: CustomStringConvertible {
        var what: String
        var printed: Double
        var lastDigit: Double
        var model: Double
        var description: String { "\(what): paper \(printed), model \(model)" }
        /// Rounded to the paper's digits, the model gives the printed value.
        var matches: Bool { abs(model - printed) <= lastDigit / 2 + 1e-9 }
    }

    func shanghai(_ year: Int) throws -> EmissionAccount {
        let model = try Self.model.get()
        let province = try #require(model.province("shanghai"))
        return try #require(EmissionAccounting.account(province, year: year))
    }

    @Test func table1TotalsAndIntensity() throws {
        let expected: [(Int, Double, Double)] = [(2017, 1.97, 0.60), (2018, 1.85, 0.51), (2019, 1.85, 0.49)]
        for (year, total, intensity) in expected {
            let account = try shanghai(year)
            let figures = [
                Published(what: "\(year) total 亿吨", printed: total, lastDigit: 0.01, model: account.total.value / 100),
                Published(what: "\(year) intensity t/万元", printed: intensity, lastDigit: 0.01, model: account.intensity.value),
            ]
            for figure in figures { #expect(figure.matches, "\(figure)") }
        }
    }

    @Test func textChangesOfTotalAndIntensity() throws {
        let (a, b, c) = (try shanghai(2017), try shanghai(2018), try shanghai(2019))
        let figures = [
            Published(what: "total change 2018 %", printed: -5.8, lastDigit: 0.1, model: (b.total / a.total - 1) * 100),
            Published(what: "total change 2017-2019 %", printed: -5.9, lastDigit: 0.1, model: (c.total / a.total - 1) * 100),
            Published(what: "intensity change 2018 %", printed: -13.9, lastDigit: 0.1, model: (b.intensity / a.intensity - 1) * 100),
            Published(what: "intensity change 2017-2019 %", printed: -18.8, lastDigit: 0.1, model: (c.intensity / a.intensity - 1) * 100),
        ]
        for figure in figures { #expect(figure.matches, "\(figure)") }
    }

    @Test func powerSector() throws {
        let (a, c) = (try shanghai(2017), try shanghai(2019))
        let figures = [
            Published(what: "power 2017 亿吨", printed: 0.76, lastDigit: 0.01, model: a.power.total.value / 100),
            Published(what: "power share of total 2017 %", printed: 38.7, lastDigit: 0.1, model: a.power.total / a.total * 100),
            Published(what: "power 2019 亿吨", printed: 0.73, lastDigit: 0.01, model: c.power.total.value / 100),
            Published(what: "imported share of power 2017 %", printed: 28.0, lastDigit: 0.1, model: a.power.importedShare * 100),
            Published(what: "imported share of power 2019 %", printed: 32.2, lastDigit: 0.1, model: c.power.importedShare * 100),
            Published(
                what: "local thermal share of power 2019 %", printed: 67.8, lastDigit: 0.1,
                model: c.power.localThermal / c.power.total * 100),
        ]
        for figure in figures { #expect(figure.matches, "\(figure)") }
    }

    @Test func sectors() throws {
        let (a, b, c) = (try shanghai(2017), try shanghai(2018), try shanghai(2019))
        func total(_ account: EmissionAccount, _ sector: EndUseSector) throws -> Double {
            try #require(account.sector(sector)).total.value
        }
        let figures = [
            Published(what: "steel 2017 亿吨", printed: 0.24, lastDigit: 0.01, model: try total(a, .steel) / 100),
            Published(what: "petrochemicals 2017 亿吨", printed: 0.23, lastDigit: 0.01, model: try total(a, .petrochemicals) / 100),
            Published(
                what: "petrochemicals 2017 % of total", printed: 11.9, lastDigit: 0.1,
                model: try total(a, .petrochemicals) / a.total.value * 100),
            Published(what: "petrochemicals 2019 亿吨", printed: 0.19, lastDigit: 0.01, model: try total(c, .petrochemicals) / 100),
            Published(
                what: "petrochemicals 2019 % of total", printed: 10.0, lastDigit: 0.1,
                model: try total(c, .petrochemicals) / c.total.value * 100),
            Published(
                what: "petrochemicals change 2017-2019 %", printed: -20.5, lastDigit: 0.1,
                model: (try total(c, .petrochemicals) / total(a, .petrochemicals) - 1) * 100),
            Published(what: "transport 2017 亿吨", printed: 0.54, lastDigit: 0.01, model: try total(a, .transport) / 100),
            Published(
                what: "transport 2017 % of total", printed: 27.6, lastDigit: 0.1, model: try total(a, .transport) / a.total.value * 100),
            Published(what: "transport 2019 亿吨", printed: 0.55, lastDigit: 0.01, model: try total(c, .transport) / 100),
            Published(
                what: "transport 2019 % of total", printed: 29.7, lastDigit: 0.1, model: try total(c, .transport) / c.total.value * 100),
            Published(what: "building operation 2019 亿吨", printed: 0.37, lastDigit: 0.01, model: try total(c, .buildings) / 100),
        ]
        for figure in figures { #expect(figure.matches, "\(figure)") }
        // Qualitative statements: steel rises after 2017, transport dips in 2018, buildings above 0.37 before 2019.
        #expect(try total(b, .steel) > total(a, .steel) && total(c, .steel) > total(b, .steel))
        #expect(try total(b, .transport) < total(a, .transport))
        #expect(try total(a, .buildings) > 37 && total(b, .buildings) > 37)
        // Transport is ~95% oil: its direct (fuel) part dominates.
        let transport = try #require(c.sector(.transport))
        #expect(transport.direct / transport.total > 0.93)
    }

    @Test func sectorTotalsAddUpToTheTotal() throws {
        for year in 2017...2019 {
            let account = try shanghai(year)
            let sum = account.sectors.map(\.total).sum()
            #expect(abs(sum.value - account.total.value) < 1e-9)
        }
    }
}
