/// A difficulty the brief reports when an indicator crosses a stated threshold (the paper's 难点和瓶颈,
/// driven by data rather than canned prose). The threshold is printed beside the value.
public struct BottleneckRule: Hashable, Sendable {
    /// Indicator id `[a-z0-9-]`; wording comes from `difficulty_<id with _>_{title,above,below}` (`key(_:)`).
    public var indicator: String
    /// The value above which the indicator is a bottleneck.
    public var threshold: Double
    /// How value and threshold are printed.
    public var display: Display

    /// How a value and its threshold are printed.
    public enum Display: String, Hashable, Sendable {
        /// A share 0…1 printed as a percentage.
        case share
        /// A growth rate per year printed as %/yr.
        case growth
    }

    public init(indicator: String, threshold: Double, display: Display) {
        self.indicator = indicator
        self.threshold = threshold
        self.display = display
    }

    /// The rules of the briefs, with the reasons for each threshold on the methods page.
    public static let standard: [BottleneckRule] = [
        // Coal above half of local generation: the paper's "local coal power" difficulty.
        BottleneckRule(indicator: "coal-power-share", threshold: 0.5, display: .share),
        // Imports above 30% of consumption: exposed to the carbon of imported power and UHV peak-shaving.
        BottleneckRule(indicator: "import-dependence", threshold: 0.3, display: .share),
        // Transport CO2 growing faster than 2%/yr: EVs added rather than replacing cars.
        BottleneckRule(indicator: "transport-growth", threshold: 0.02, display: .growth),
        // Building-operation CO2 growing faster than 2%/yr: floor area and unit use both rising.
        BottleneckRule(indicator: "building-growth", threshold: 0.02, display: .growth),
        // Steel and petrochemicals above 30% of the total: heavy industry capacity.
        BottleneckRule(indicator: "heavy-industry-share", threshold: 0.3, display: .share),
    ]

    /// Whether `value` crosses the threshold.
    public func isBottleneck(_ value: Double) -> Bool { value > threshold }

    /// The value as printed in `language`: a growth rate is `−1.1%/yr` in English and `−1.1%` in Chinese,
    /// whose wording says 年均增长 itself.
    func format(_ value: Double, language: String = "en") -> String {
        switch display {
        case .share: NumberFormat.percent(value)
        case .growth: NumberFormat.fixed(value * 100, 1) + (language.hasPrefix("zh") ? "%" : "%/yr")
        }
    }

    /// The value standing alone (a threshold, a table cell): a Chinese growth rate says 年均 (`年均 2.0%`).
    func label(_ value: Double, language: String = "en") -> String {
        display == .growth && language.hasPrefix("zh") ? "年均 " + format(value, language: language) : format(value, language: language)
    }

    /// The string-table key of one wording of this difficulty: `title`, `above` or `below`.
    func key(_ wording: String) -> String { StringKey.for(.difficulty, id: indicator, suffix: wording) }
}
