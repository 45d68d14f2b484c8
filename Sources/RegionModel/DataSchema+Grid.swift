// MARK: - The grid (`Regions/grid/grid.yaml` and `Regions/grid/scenarios/*.yaml`)

extension DataSchema {
    /// The keys of a provenance block, in every kind of file: a key of `Regions/sources.yaml`, the fact-sheet row,
    /// the year the number describes, sourced | estimate | synthetic, and the reasoning unless sourced.
    public static let provenanceKeys = ["source", "ref", "year", "confidence", "note"]

    /// The top of `grid.yaml`.
    public static let gridFile = SchemaTable(
        "grid.yaml", "The delta's grid in its base year; units are part of the field names.",
        [
            SchemaField("name", "Name of the grid", .optional),
            SchemaField("base_year", unit: "year", "The year the base grid describes"),
            SchemaField("profiles", "CSV table of hourly profiles beside grid.yaml (columns label, weight, then one per profile)"),
            SchemaField(
                "value_of_lost_load_yuan_per_mwh", unit: "yuan/MWh", "Cost of shedding load; `{value, source, …}`",
                .defaultValue("30000")),
            SchemaField("carriers", "List of carriers", .optional),
            SchemaField("buses", "List of buses", .optional),
            SchemaField("loads", "List of loads", .optional),
            SchemaField("generators", "List of generators", .optional),
            SchemaField("links", "List of links (controllable corridors: UHV DC)", .optional),
            SchemaField("lines", "List of AC lines (linearised power flow with Kirchhoff's voltage law)", .optional),
            SchemaField("storage", "List of storage units", .optional),
            SchemaField("note", "Remark", .optional),
        ])

    /// An entry of `carriers:`.
    public static let gridCarrier = SchemaTable(
        "carriers", "An energy carrier and its emission factor.", provenance: .onEntry,
        [
            SchemaField("name", "Carrier name, used by generators, links and storage"),
            SchemaField(
                "co2_t_per_mwh_primary", unit: "t CO2/MWh primary", "CO2 per MWh of primary energy (electric MWh / efficiency)",
                .defaultValue("0")),
            SchemaField("renewable", unit: "true/false", "Counts towards the green import share", .defaultValue("false")),
        ])

    /// An entry of `buses:`.
    public static let gridBus = SchemaTable(
        "buses", "A node of the network: a province or an external supply region.",
        [
            SchemaField("name", "Bus name"),
            SchemaField("region", "Province id of Regions/ the bus stands for", .optional),
            SchemaField("external", unit: "true/false", "A sending end outside the delta", .defaultValue("false")),
            SchemaField("title", "Readable name", .optional),
            SchemaField("note", "Remark", .optional),
        ])

    /// An entry of `loads:`.
    public static let gridLoad = SchemaTable(
        "loads", "Electricity demand at a bus, shaped by a profile.", provenance: .onEntry,
        [
            SchemaField("bus", "Bus name"),
            SchemaField("annual_twh", unit: "TWh", "Annual demand (the profile is scaled to it)"),
            SchemaField("profile", "Column of the profile table"),
        ])

    /// An entry of `generators:` (and of an overlay's `add_generator`).
    public static let gridGenerator = SchemaTable(
        "generators", "A generating fleet at a bus.", provenance: .onEntry,
        [
            SchemaField("name", "Generator name"),
            SchemaField("bus", "Bus name"),
            SchemaField("carrier", "Carrier name"),
            SchemaField("p_nom_mw", unit: "MW", "Installed capacity"),
            SchemaField("p_min_pu", unit: "per unit", "Minimum output as a share of p_nom (must-run)", .defaultValue("0")),
            SchemaField("p_max_pu", unit: "per unit", "Maximum output as a share of p_nom (availability)", .defaultValue("1")),
            SchemaField("marginal_cost_yuan_per_mwh", unit: "yuan/MWh", "Running cost per MWh generated"),
            SchemaField("efficiency", unit: "per unit", "Electric MWh per MWh of primary energy", .defaultValue("1")),
            SchemaField("profile", "Column of the profile table giving hourly availability", .optional),
        ])

    /// An entry of `links:` (and of an overlay's `add_link`).
    public static let gridLink = SchemaTable(
        "links", "A controllable corridor from bus0 to bus1.", provenance: .onEntry,
        [
            SchemaField("name", "Link name"),
            SchemaField("bus0", "Sending bus"),
            SchemaField("bus1", "Receiving bus"),
            SchemaField("carrier", "Carrier (e.g. AC, UHVDC)", .defaultValue("AC")),
            SchemaField("p_nom_mw", unit: "MW", "Transfer capacity"),
            SchemaField("efficiency", unit: "per unit", "Share of the sent energy that arrives", .defaultValue("1")),
            SchemaField("marginal_cost_yuan_per_mwh", unit: "yuan/MWh", "Charge per MWh sent", .defaultValue("0")),
        ] + gridExpansionFields(minimum: "p_nom_min_mw", maximum: "p_nom_max_mw", unit: "MW"))

    /// The fields that make a line or link a candidate for `yrdplan dispatch --expand`: without the flag it has its
    /// given capacity (the scenario's assumption); with it the LP chooses between the minimum (what surely exists)
    /// and the maximum, paying the capital cost of what it builds above the minimum.
    static func gridExpansionFields(minimum: String, maximum: String, unit: String) -> [SchemaField] {
        [
            SchemaField(
                "extendable", unit: "true/false",
                "A candidate: `dispatch --expand` chooses its capacity between the minimum and the maximum", .defaultValue("false")),
            SchemaField(
                "capital_cost_yuan_per_mw_yr", unit: "yuan/MW/yr",
                "Annualised cost of each MW (MVA) of capacity, scaled to the profile table's hours", .requiredWhen("extendable")),
            SchemaField(minimum, unit: unit, "Capacity that exists whatever the LP chooses", .defaultValue("0")),
            SchemaField(maximum, unit: unit, "Largest capacity the LP may choose", .requiredWhen("extendable")),
        ]
    }

    /// An entry of `lines:` (and of an overlay's `add_line`).
    public static let gridLine = SchemaTable(
        "lines",
        "An AC line (or a parallel set of circuits) between two buses. Its flow obeys Kirchhoff's voltage law with the "
            + "per-unit reactance x / v_nom² (Ω / kV², on a 1 MVA base at the line's own voltage class), where x is "
            + "`x_ohm`, or `x_ohm_per_km` × `length_km`, divided by `num_parallel`.",
        provenance: .onEntry,
        [
            SchemaField("name", "Line name"),
            SchemaField("bus0", "First bus (positive flow runs bus0 → bus1)"),
            SchemaField("bus1", "Second bus"),
            SchemaField("v_nom_kv", unit: "kV", "Voltage class"),
            SchemaField("length_km", unit: "km", "Route length"),
            SchemaField("x_ohm", unit: "Ω", "Series reactance of one circuit (or give x_ohm_per_km)", .optional),
            SchemaField("x_ohm_per_km", unit: "Ω/km", "Series reactance per km of one circuit (or give x_ohm)", .optional),
            SchemaField("num_parallel", unit: "circuits", "Identical circuits in parallel (reactance divided by it)", .defaultValue("1")),
            SchemaField("s_nom_mva", unit: "MVA", "Transfer limit of the whole corridor"),
            SchemaField("s_max_pu", unit: "per unit", "Usable share of s_nom (security margin)", .defaultValue("1")),
        ] + gridExpansionFields(minimum: "s_nom_min_mva", maximum: "s_nom_max_mva", unit: "MVA"))

    /// An entry of `storage:` (and of an overlay's `add_storage`).
    public static let gridStorage = SchemaTable(
        "storage", "A storage unit (pumped hydro, batteries); its state of charge is cyclic.", provenance: .onEntry,
        [
            SchemaField("name", "Storage name"),
            SchemaField("bus", "Bus name"),
            SchemaField("carrier", "Carrier name"),
            SchemaField("p_nom_mw", unit: "MW", "Charging and discharging power"),
            SchemaField("max_hours", unit: "h", "Energy capacity in hours at p_nom"),
            SchemaField("efficiency_store", unit: "per unit", "Efficiency of charging", .defaultValue("1")),
            SchemaField("efficiency_dispatch", unit: "per unit", "Efficiency of discharging", .defaultValue("1")),
            SchemaField("marginal_cost_yuan_per_mwh", unit: "yuan/MWh", "Cost per MWh discharged", .defaultValue("0")),
        ])

    /// The top of a scenario overlay `Regions/grid/scenarios/<name>.yaml`.
    public static let gridOverlay = SchemaTable(
        "scenarios/<name>.yaml", "Changes to the base grid, each from a year on; applied up to the overlay's year.",
        [
            SchemaField("name", "Must match the file name"),
            SchemaField("title", "Readable title", .optional),
            SchemaField("year", unit: "year", "The year the overlay is dispatched for", .optional),
            SchemaField("co2_cap_mt", unit: "Mt CO2", "Cap on the grid's CO2; `{value, source, …}`", .optional),
            SchemaField("green_import_share", unit: "fraction", "Minimum renewable share of imports; `{value, source, …}`", .optional),
            SchemaField("changes", "List of dated changes", .optional),
            SchemaField("note", "Remark", .optional),
        ])

    /// An entry of an overlay's `changes:`; exactly one of `gridChangeKinds` says what it does.
    public static let gridChange = SchemaTable(
        "changes", "One dated change; its provenance is required (except for add_*, whose entry carries its own).",
        provenance: .onEntry,
        [
            SchemaField("from", unit: "year", "First year the change applies"),
            SchemaField("bus", "Restricts scale_demand or scale_capacity to one bus", .optional),
            SchemaField("carrier", "The carrier scale_capacity scales", .requiredWhen("scale_capacity")),
            SchemaField("p_nom_mw", unit: "MW", "The new capacity of set_capacity", .requiredWhen("set_capacity")),
        ] + gridChangeKinds)

    /// The kinds of change an overlay may make (exactly one per change).
    public static let gridChangeKinds = [
        SchemaField("scale_demand", unit: "factor", "Multiplies demand (of `bus`, or every load)", .optional),
        SchemaField("scale_capacity", unit: "factor", "Multiplies the capacity of `carrier` (at `bus`, or everywhere)", .optional),
        SchemaField("set_capacity", "Name of a generator, link, line or storage unit whose p_nom (s_nom) becomes p_nom_mw", .optional),
        SchemaField("add_link", "A new link (fields as in links)", .optional),
        SchemaField("add_line", "A new AC line (fields as in lines)", .optional),
        SchemaField("add_generator", "A new generator (fields as in generators)", .optional),
        SchemaField("add_storage", "A new storage unit (fields as in storage)", .optional),
    ]

    /// Every grid table, in the order of the data-reference page.
    public static let gridTables = [
        gridFile, gridCarrier, gridBus, gridLoad, gridGenerator, gridLink, gridLine, gridStorage, gridOverlay, gridChange,
    ]
}
