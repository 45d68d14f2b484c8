import BenefitSharing
import Testing

/// Counterexamples are data; each language renders them with the names it is given.
@Suite struct CounterexampleTests {
    let names = ["shanghai": ("Shanghai", "上海"), "jiangsu": ("Jiangsu", "江苏"), "anhui": ("Anhui", "安徽")]

    func english(_ id: String) -> String { names[id]?.0 ?? id }
    func chinese(_ id: String) -> String { names[id]?.1 ?? id }

    @Test func belowStandAloneInBothLanguages() {
        let example = Counterexample(kind: .belowStandAlone, parties: ["shanghai"], amounts: [-33.93, 0], unit: "亿元 NPV")
        // The CLI's line (ids) is unchanged from the string counterexamples it replaces.
        #expect(example.rendered(in: .en) == "shanghai gets -33.93 亿元 NPV, less than the 0.00 亿元 NPV it has alone")
        #expect(example.rendered(in: .en, name: english) == "Shanghai gets -33.93 亿元 NPV, less than the 0.00 亿元 NPV it has alone")
        #expect(example.rendered(in: .zhCN, name: chinese) == "上海净现值为 −33.93 亿元，低于单独行动时的 0.00 亿元")
    }

    @Test func blockingCoalitionAndYearlySavings() {
        let example = Counterexample(
            kind: .blockingCoalition, parties: ["shanghai", "anhui"], amounts: [21.72, 30, 8.28], unit: "亿元/yr saved")
        #expect(
            example.rendered(in: .en)
                == "coalition {shanghai, anhui} gets 21.72 亿元/yr saved but can secure 30.00 亿元/yr saved alone (excess 8.28 亿元/yr saved)")
        #expect(example.rendered(in: .zhCN, name: chinese) == "上海、安徽合计分得 21.72 亿元/年，但它们自行合作可获得 30.00 亿元/年（超出 8.28 亿元/年）")
    }

    @Test func floorAndGapInChinese() {
        let floor = Counterexample(kind: .belowFloor, parties: ["jiangsu"], amounts: [-1.5, 0], unit: "亿元 NPV")
        #expect(floor.rendered(in: .zhCN, name: chinese) == "江苏净现值为 −1.50 亿元，低于其下限 0.00 亿元")
        #expect(floor.rendered(in: .en, name: english) == "Jiangsu gets -1.50 亿元 NPV, below its floor of 0.00 亿元 NPV")
        let gap = Counterexample(
            kind: .benefitContributionGap, parties: ["anhui", "shanghai"], amounts: [2.5, 0.83, 1.67, 1.5], unit: "ratio")
        #expect(gap.rendered(in: .zhCN, name: chinese) == "安徽每出资 1 亿元获益 2.50 亿元，上海为 0.83 亿元：差距 1.67，超过上限 1.50")
    }

    @Test func everyKindRendersInBothLanguages() {
        for kind in Counterexample.Kind.allCases {
            let example = Counterexample(kind: kind, parties: ["shanghai", "anhui"], amounts: [1, 2, 3, 4], unit: "亿元 NPV", reason: "why")
            for language in ReportLanguage.allCases {
                let text = example.rendered(in: language, name: language == .en ? english : chinese)
                #expect(!text.isEmpty && !text.contains("shanghai"), "\(kind) \(language): \(text)")
            }
        }
    }
}
