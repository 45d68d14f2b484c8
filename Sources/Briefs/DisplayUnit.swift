import Foundation

// MARK: - Units as a page prints them: the data's unit in English, the forms Chinese official documents use in
// Chinese (万吨/亿吨二氧化碳, 亿千瓦时, 亿元/年; shared/reference/glossary-zh.md), with the values converted.

/// How the values of one unit are printed on a page: the unit's label, the factor from the data's unit and the
/// decimals. Machine values (`<data value>`, XML) stay in the data's unit; only what a reader sees changes.
public struct DisplayUnit: Hashable, Sendable {
    /// The unit as printed (`Mt CO2`, `亿吨二氧化碳`).
    public var label: String
    /// Printed value = data value × `factor`.
    public var factor: Double
    /// Fixed decimals, or `nil` for `NumberFormat.display`'s rule by magnitude.
    public var decimals: Int?

    /// A unit with its printed label, the factor from the data's unit and fixed decimals (or the rule by magnitude).
    public init(label: String, factor: Double = 1, decimals: Int? = nil) {
        self.label = label
        self.factor = factor
        self.decimals = decimals
    }

    /// `value` (in the data's unit) converted and formatted with thousands separators, without the unit.
    public func format(_ value: Double) -> String {
        let shown = value * factor
        return decimals.map { NumberFormat.fixed(shown, $0, grouped: true) } ?? NumberFormat.display(shown)
    }

    /// How `unit` is printed in `language` for `values` (all the values printed together, e.g. one table column).
    ///
    /// Chinese: emissions in 亿吨二氧化碳 (two decimals) when every value is at least 1 亿吨 (100 Mt), otherwise in
    /// 万吨二氧化碳 (1 Mt = 100 万吨); TWh as 亿千瓦时 (×10); NPVs and yearly amounts in 亿元 and 亿元/年; English
    /// words of compound units in Chinese. English: the data's unit.
    public static func printed(_ unit: String, language: String, values: [Double]) -> DisplayUnit {
        guard language.hasPrefix("zh") else { return DisplayUnit(label: unit) }
        let emissions = ["Mt CO2": "", "Mt CO2/yr": "/年", "Mt CO2e": "当量", "Mt CO2e/yr": "当量/年"]
        if let suffix = emissions[unit] {
            let magnitudes = values.map(abs).filter { $0 > 0 }
            if let smallest = magnitudes.min(), smallest >= 100 {
                return DisplayUnit(label: "亿吨二氧化碳" + suffix, factor: 0.01, decimals: 2)
            }
            return DisplayUnit(label: "万吨二氧化碳" + suffix, factor: 100)
        }
        switch unit {
        case "TWh": return DisplayUnit(label: "亿千瓦时", factor: 10)
        case "GW": return DisplayUnit(label: "万千瓦", factor: 100)
        case "MW": return DisplayUnit(label: "万千瓦", factor: 0.01)
        case "t CO2/MWh", "kg CO2/kWh": return DisplayUnit(label: "千克二氧化碳/千瓦时")
        case "jobs": return DisplayUnit(label: "个岗位")
        default: break
        }
        let words: [(String, String)] = [
            (" NPV", ""), ("/yr saved", "/年"), ("/yr", "/年"), ("t CO2", "吨二氧化碳"), ("CO2", "二氧化碳"),
        ]
        var label = unit
        for (english, chinese) in words { label = label.replacingOccurrences(of: english, with: chinese) }
        return DisplayUnit(label: label)
    }
}
