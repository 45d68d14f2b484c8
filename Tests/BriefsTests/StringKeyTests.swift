import RegionModel
import Testing

@testable import Briefs

@Suite struct StringKeyTests {
    @Test func hyphenatedIdsBecomeUnderscoredKeys() {
        #expect(StringKey.for(.sector, id: "other-industry") == "sector_other_industry")
        #expect(StringKey.for(.verdictShort, id: "no-peak") == "verdict_short_no_peak")
        #expect(StringKey.for(.scenario, id: "policy", suffix: "levers") == "scenario_policy_levers")
        let rule = BottleneckRule(indicator: "coal-power-share", threshold: 0.5, display: .share)
        #expect(rule.key("title") == "difficulty_coal_power_share_title")
    }

    /// The analysis publishes sector ids with hyphens (`other-industry`); each must find its name in every table.
    @Test(arguments: ["power"] + EndUseSector.allCases.map { $0.rawValue.replacing("_", with: "-") })
    func everySectorIsNamedInEveryLanguage(_ id: String) throws {
        for table in try TestInputs.templates().tables {
            #expect(table.strings[StringKey.for(.sector, id: id)] != nil, "\(table.file) has no name for sector \(id)")
        }
    }
}
