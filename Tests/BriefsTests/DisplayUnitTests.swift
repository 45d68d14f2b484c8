import Analysis
import Testing

@testable import Briefs

/// Units as pages print them, thousands separators and the "peaks around 2030" rule (docs/publishing.md,
/// "Numbers, units and verdicts as printed").
@Suite struct DisplayUnitTests {
    @Test func englishKeepsTheDataUnit() {
        let unit = DisplayUnit.printed("Mt CO2", language: "en", values: [1283])
        #expect(unit.label == "Mt CO2")
        #expect(unit.format(1283) == "1,283")
    }

    @Test func chineseEmissionsInYiDunWhenEveryValueIsAtLeastOneYiDun() {
        let totals = DisplayUnit.printed("Mt CO2", language: "zh-CN", values: [181, 837])
        #expect(totals.label == "亿吨二氧化碳")
        #expect(totals.format(181) == "1.81")
        let sectors = DisplayUnit.printed("Mt CO2", language: "zh-CN", values: [181, 19.2])
        #expect(sectors.label == "万吨二氧化碳")
        #expect(sectors.format(19.2) == "1,920")
    }

    @Test(arguments: [
        ("TWh", 30.1, "亿千瓦时", "301"), ("亿元 NPV", -33.93, "亿元", "−33.9"), ("亿元/yr saved", 13.3, "亿元/年", "13.3"),
        ("t CO2/万元", 0.47, "吨二氧化碳/万元", "0.47"), ("t CO2/MWh", 0.28, "千克二氧化碳/千瓦时", "0.28"), ("GW", 54, "万千瓦", "5,400"),
    ])
    func chineseUnitsAsOfficialsWriteThem(_ unit: String, _ value: Double, _ label: String, _ shown: String) {
        let printed = DisplayUnit.printed(unit, language: "zh-CN", values: [value])
        #expect(printed.label == label)
        #expect(printed.format(value) == shown)
    }

    @Test func thousandsSeparators() {
        #expect(NumberFormat.display(1_234_567) == "1,234,567")
        #expect(NumberFormat.display(-12_830.4) == "−12,830")
        #expect(NumberFormat.display(999) == "999")
        #expect(NumberFormat.machine(12_830.5) == "12830.5")
    }

    /// A peak after 2030 within 0.5% of the 2030 level reads "around 2030"; the model's verdict is untouched.
    @Test(arguments: [(2031, 100.0, 99.6, true), (2031, 100.0, 99.4, false), (2030, 100.0, 100.0, false), (2036, 436.0, 434.0, true)])
    func peaksAroundTheDeadline(_ year: Int, _ peak: Double, _ at2030: Double, _ around: Bool) {
        let trajectory = ScenarioTrajectory(
            scenario: "policy", points: [YearValue(2030, at2030), YearValue(year, peak)], peak: YearValue(year, peak),
            provenance: Citation(sourceKey: "test", source: "test", year: 2020, confidence: .synthetic))
        #expect(trajectory.peaksAroundDeadline == around)
        #expect(trajectory.verdict == (year > 2030 ? .misses : .meets))
    }
}
