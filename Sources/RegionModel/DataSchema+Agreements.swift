// MARK: - Agreements (`Regions/agreements/*.yaml`)

extension DataSchema {
    /// The parts of an agreement figure `{value, unit, source, ref?, year, confidence, note?}`.
    public static let agreementFigure = SchemaTable(
        "figure", "A number with its unit and provenance; `year` may be a span such as \"2020-2022\".", provenance: .onEntry,
        [
            SchemaField("value", "The number"),
            SchemaField("unit", "One of the units the field admits"),
        ])

    /// A relocation deal (`kind: relocation`).
    public static let relocation = SchemaTable(
        "relocation", "Capacity moving from one province to another, with the agreed split of tax, GDP statistics and emissions.",
        [
            SchemaField("kind", "relocation"),
            SchemaField("id", "Identifier of the agreement"),
            SchemaField("title", "Readable title"),
            SchemaField("origin", "Province id the capacity leaves"),
            SchemaField("destination", "Province id the capacity goes to"),
            SchemaField("horizon_years", unit: "years", "Years the deal is evaluated over (1–100)"),
            .figure("discount_rate", [.fraction], "Discount rate of the net present values"),
            .figure("carbon_price", [.yuanPerTonneCO2], "Price put on a tonne of CO2 counted against a province"),
            SchemaField("before", "The plant at the origin before the move (a plant)"),
            SchemaField("after", "The plant at the destination after the move (a plant)"),
            .figure("land_value_freed", [.hundredMillionYuanPerYear], "Yearly value of the freed site to the origin"),
            SchemaField("costs", "List of costs of the move"),
            SchemaField("alternatives", "Other destinations the origin could deal with instead", .optional),
            SchemaField("split", "Split schedules of tax, gdp_statistics and emissions"),
            SchemaField("checks", "Properties the sharing must keep"),
        ])

    /// `before:` and `after:` of a relocation (and `after:` of an alternative).
    public static let relocationPlant = SchemaTable(
        "relocation: before / after", "The yearly figures of the plant at one site.",
        [
            .figure("value_added", [.hundredMillionYuanPerYear], "Value added"),
            .figure("tax", [.hundredMillionYuanPerYear], "Tax retained locally"),
            .figure("jobs", [.jobs], "Jobs"),
            .figure("co2", [.megatonnesCO2PerYear], "CO2 emitted (direct plus the site's grid electricity)"),
        ])

    /// An entry of a relocation's `costs:`.
    public static let relocationCost = SchemaTable(
        "relocation: costs", "A public cost of the move and who bears it.",
        [
            SchemaField("name", "What the cost is"),
            .figure("amount", [.hundredMillionYuan, .hundredMillionYuanPerYear], "Once in the first year (亿元), or per year (亿元/yr)"),
            SchemaField("per_year", unit: "true/false", "Whether the amount recurs every year"),
            SchemaField("paid_by", unit: "fraction", "Share of the cost per party (sums to 1)"),
        ])

    /// An entry of a relocation's `alternatives:`.
    public static let relocationAlternative = SchemaTable(
        "relocation: alternatives", "Another destination under the same split schedules; it becomes a player.",
        [
            SchemaField("destination", "Province id"),
            SchemaField("after", "The plant at this destination (a plant)"),
            SchemaField("costs", "Costs of moving there (paid by the origin and this destination)"),
        ])

    /// A relocation's `split:`.
    public static let relocationSplit = SchemaTable(
        "relocation: split", "Year-by-year splits of three streams between the parties.",
        [
            SchemaField("tax", "List of split periods of the tax"),
            SchemaField("gdp_statistics", "List of split periods of the GDP statistics"),
            SchemaField("emissions", "List of split periods of the emissions"),
        ])

    /// A period of a split schedule; a term of the agreement, so its provenance has no year.
    public static let splitPeriod = SchemaTable(
        "relocation: split period", "For `years` years (the last period: the rest of the horizon) each party's share.",
        provenance: .withoutYear,
        [
            SchemaField("years", unit: "years", "Length of the period", .requiredWhen("not the last period")),
            SchemaField("shares", unit: "fraction", "Share per party (sums to 1)"),
        ])

    /// A joint technology fund (`kind: joint-fund`).
    public static let jointFund = SchemaTable(
        "joint-fund", "A budget raised by a contribution rule and spent on the best portfolio of candidate projects.",
        [
            SchemaField("kind", "joint-fund"),
            SchemaField("id", "Identifier of the agreement"),
            SchemaField("title", "Readable title"),
            SchemaField("parties", "List of province ids"),
            .figure("budget", [.hundredMillionYuan], "The fund's budget (positive)"),
            SchemaField("contribution", "How contributions are set"),
            .figure("carbon_price", [.yuanPerTonneCO2], "Price put on a tonne of CO2 abated"),
            SchemaField("horizon_years", unit: "years", "Years the fund is evaluated over (1–100)"),
            .figure("discount_rate", [.fraction], "Discount rate of the net present values"),
            SchemaField("projects", "List of candidate projects (at most 20)"),
            SchemaField("checks", "Properties the sharing must keep"),
        ])

    /// A joint fund's `contribution:`.
    public static let fundContribution = SchemaTable(
        "joint-fund: contribution", "fixed-shares (weights are fractions summing to 1), by-gdp or by-fiscal-revenue (weights in 亿元).",
        [
            SchemaField("rule", "fixed-shares, by-gdp or by-fiscal-revenue"),
            .figure("weights", [.fraction, .hundredMillionYuan], "A figure per party"),
        ])

    /// An entry of a joint fund's `projects:`.
    public static let fundProject = SchemaTable(
        "joint-fund: projects", "A candidate project of the fund.",
        [
            SchemaField("id", "Identifier of the project"),
            SchemaField("name", "Readable name"),
            SchemaField("lead", "Province id of the leading party"),
            .figure("cost", [.hundredMillionYuan], "Investment"),
            .figure("co2_abated", [.megatonnesCO2PerYear], "CO2 abated"),
            .figure("other_benefit", [.hundredMillionYuanPerYear], "Other yearly benefit (technology, industry)"),
            .figure("spillover", [.fraction], "Share of the benefit that spills over to the other parties"),
            SchemaField("mandatory", unit: "true/false", "Whether the project must be funded", .defaultValue("false")),
        ])

    /// Pooled dispatch (`kind: pooled-dispatch`).
    public static let pooledDispatch = SchemaTable(
        "pooled-dispatch", "Provinces dispatching their power together and sharing the savings.",
        [
            SchemaField("kind", "pooled-dispatch"),
            SchemaField("id", "Identifier of the agreement"),
            SchemaField("title", "Readable title"),
            SchemaField("parties", "List of province ids (at most 12)"),
            SchemaField("rule", "shapley, nucleolus, equal or `proportional: {basis, weights}`"),
            SchemaField("dispatch", "`{scenario: …}`: compute the coalition costs by dispatching Regions/grid", .optional),
            .figure(
                "coalition_costs", [.hundredMillionYuanPerYear], "Dispatch cost per coalition (`a,b: figure`)",
                .requiredWhen("no dispatch")),
            SchemaField("checks", "Properties the sharing must keep"),
        ])

    /// A pooled-dispatch `rule: {proportional: …}`.
    public static let pooledProportionalRule = SchemaTable(
        "pooled-dispatch: rule proportional", "Savings shared in proportion to a measure per party.",
        [
            SchemaField("basis", "What the weights measure"),
            .figure("weights", [.hundredMillionKWh, .tenThousandPeople, .hundredMillionYuan], "A figure per party"),
        ])

    /// A pooled-dispatch `dispatch:`.
    public static let pooledDispatchRun = SchemaTable(
        "pooled-dispatch: dispatch", "Which grid scenario the coalition costs are dispatched under.",
        [SchemaField("scenario", "Name of an overlay of Regions/grid/scenarios")])

    /// Every agreement table, in the order of the data-reference page.
    public static let agreementTables = [
        agreementFigure, relocation, relocationPlant, relocationCost, relocationAlternative, relocationSplit, splitPeriod,
        jointFund, fundContribution, fundProject, pooledDispatch, pooledProportionalRule, pooledDispatchRun,
    ]
}
