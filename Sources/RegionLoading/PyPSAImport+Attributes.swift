import Foundation

// MARK: - The attribute table

/// What the PyPSA importer does with one attribute (a column of a component file, or a time-series file).
public enum PyPSAAttributeStatus: Sendable, Hashable {
    /// Read into the dispatch model as PyPSA's linear optimisation uses it.
    case modelled
    /// Accepted with any value because it cannot change PyPSA's linear optimisation of a network
    /// yrdplan accepts; the text says why.
    case descriptive(String)
    /// Any value other than PyPSA's default is refused, with this reason and fix.
    case refused(PyPSARefusal)
    /// A result PyPSA writes after solving (`p`, `p_nom_opt`, `marginal_price`, `mu_*`, …); skipped knowingly.
    case output
}

/// Why a PyPSA feature is refused and what the user can do about it.
public struct PyPSARefusal: Sendable, Hashable {
    public let reason: String
    public let fix: String
}

/// One attribute of a PyPSA component: its name and default (as PyPSA's own table writes them) and its status.
public struct PyPSAAttribute: Sendable, Hashable {
    public let name: String
    /// PyPSA's default as its table writes it; `n/a` and `NaN` mean none (only an empty cell is default).
    public let defaultValue: String
    public let status: PyPSAAttributeStatus
    /// Whether a time-series file (`generators-p_max_pu.csv`) of the attribute is modelled.
    public let seriesModelled: Bool
    /// Whether the column is not in PyPSA's attribute table but written by PyPSA's own example networks (PyPSA
    /// keeps such columns and its optimisation ignores them).
    public let isExampleExtra: Bool

    init(
        _ name: String, default defaultValue: String, _ status: PyPSAAttributeStatus, series: Bool = false,
        exampleExtra: Bool = false
    ) {
        self.isExampleExtra = exampleExtra
        self.name = name
        self.defaultValue = defaultValue
        self.status = status
        self.seriesModelled = series
    }

    /// Whether `cell` means PyPSA's default: empty, or equal to it as a number, flag or text.
    public func isDefault(_ cell: some StringProtocol) -> Bool {
        let value = cell.trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return true }
        let fallback = defaultValue.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        switch fallback.lowercased() {
        case "n/a", "nan", "": return value.lowercased() == "nan"
        case "true", "false":
            let flag = ["true": true, "1": true, "1.0": true, "false": false, "0": false, "0.0": false][value.lowercased()]
            return flag == (fallback.lowercased() == "true")
        default:
            if let number = Double(value), let expected = Double(fallback) { return number == expected }
            return value == fallback
        }
    }
}

/// The attributes of one PyPSA component file (`generators.csv`) and how each is treated.
public struct PyPSAComponentSchema: Sendable {
    /// PyPSA's list name, which is also the file name without `.csv`.
    public let listName: String
    /// The singular noun used in messages (`generator`).
    public let noun: String
    public let attributes: [PyPSAAttribute]

    /// The attribute called `name`, including the numbered ports of multi-port links (`bus2`, `efficiency2`, `p2`).
    public func attribute(named name: String) -> PyPSAAttribute? {
        if let attribute = attributes.first(where: { $0.name == name }) { return attribute }
        guard listName == "links" else { return nil }
        for (prefix, fallback, status) in [
            ("bus", "", PyPSAAttributeStatus.modelled), ("efficiency", "1", .modelled),
            ("p", "0", .output),
        ] where name.hasPrefix(prefix) {
            if let port = Int(name.dropFirst(prefix.count)), port >= 2 {
                return PyPSAAttribute(name, default: fallback, status, series: prefix == "efficiency")
            }
        }
        return nil
    }
}

/// How the importer treats a whole file of the folder.
public enum PyPSAFileStatus: Sendable, Hashable {
    /// A component file or snapshots file that is read attribute by attribute.
    case read
    case descriptive(String)
    case refused(PyPSARefusal)
    case output
}

// MARK: - Refusals

extension PyPSARefusal {
    static let solveWithPyPSA = "solve this network with PyPSA itself"
    static let transformerType = PyPSARefusal(
        reason: "standard transformer types are not read yet", fix: "give x, r and tap_ratio, or \(solveWithPyPSA)")
    static let phaseShift = PyPSARefusal(
        reason: "phase-shifting transformers (phase_shift, phase_shift_min/max) are not modelled", fix: solveWithPyPSA)
    static let overnightCost = PyPSARefusal(
        reason: "capacity costs from overnight_cost or fom_cost (PyPSA annualises and adds them) are not modelled",
        fix: "give PyPSA's periodised cost (annuity of overnight_cost at discount_rate over lifetime, plus fom_cost) as "
            + "capital_cost, or \(solveWithPyPSA)")
    static let angleLimit = PyPSARefusal(
        reason: "limits on the voltage angle difference across a line (v_ang_max) are not modelled", fix: solveWithPyPSA)
    static let modular = PyPSARefusal(
        reason: "modular capacity (p_nom_mod) needs integer variables; yrdplan solves a linear dispatch",
        fix: solveWithPyPSA)
    static let commitment = PyPSARefusal(
        reason: "unit commitment (committable) needs integer variables; yrdplan solves a linear dispatch",
        fix: solveWithPyPSA)
    static let maintenance = PyPSARefusal(
        reason: "maintenance scheduling (maintainable) needs integer variables; yrdplan solves a linear dispatch",
        fix: solveWithPyPSA)
    static let sign = PyPSARefusal(
        reason: "a sign other than PyPSA's default turns production into consumption; it is not modelled",
        fix: solveWithPyPSA)
    static let quadratic = PyPSARefusal(
        reason: "quadratic costs make the problem a QP; yrdplan's Clp dispatch is linear", fix: solveWithPyPSA)
    static let delay = PyPSARefusal(reason: "delayed delivery over links is not modelled", fix: solveWithPyPSA)
    static let investmentPeriods = PyPSARefusal(
        reason: "multi-period investment optimisation is not supported", fix: solveWithPyPSA)
    static let timeVarying = PyPSARefusal(
        reason: "a time-varying value of this attribute is not modelled",
        fix: solveWithPyPSA)
    static let unknownColumn = PyPSARefusal(
        reason: "it is not an attribute of PyPSA's table for this component",
        fix: "correct the spelling, or remove the column (PyPSA keeps unknown columns but its optimisation ignores them)")
}

private typealias R = PyPSARefusal

// MARK: - Files and components

extension PyPSAImport {
    /// Every component file the importer reads, with PyPSA's attributes (names and defaults from PyPSA
    /// v1.4.0, `pypsa/data/component_attrs/*.csv`, plus the columns its CSV exporter adds to network.csv).
    public static let componentSchemas: [PyPSAComponentSchema] = [
        .init(listName: "network", noun: "network", attributes: PyPSAAttributeTable.networks + PyPSAAttributeTable.networkExport),
        .init(listName: "snapshots", noun: "snapshot", attributes: PyPSAAttributeTable.snapshots),
        .init(listName: "buses", noun: "bus", attributes: PyPSAAttributeTable.buses),
        .init(listName: "carriers", noun: "carrier", attributes: PyPSAAttributeTable.carriers),
        .init(listName: "generators", noun: "generator", attributes: PyPSAAttributeTable.generators),
        .init(listName: "loads", noun: "load", attributes: PyPSAAttributeTable.loads),
        .init(listName: "links", noun: "link", attributes: PyPSAAttributeTable.links),
        .init(listName: "storage_units", noun: "storage unit", attributes: PyPSAAttributeTable.storageunits),
        .init(listName: "lines", noun: "line", attributes: PyPSAAttributeTable.lines),
        .init(listName: "stores", noun: "store", attributes: PyPSAAttributeTable.stores),
        .init(listName: "transformers", noun: "transformer", attributes: PyPSAAttributeTable.transformers),
        .init(listName: "global_constraints", noun: "global constraint", attributes: PyPSAAttributeTable.globalconstraints),
    ]

    /// Files of PyPSA's CSV format that are not read attribute by attribute.
    public static let otherFiles: [(name: String, status: PyPSAFileStatus)] = [
        ("meta.json", .descriptive("free-form metadata (`n.meta`)")),
        ("crs.json", .descriptive("the coordinate system of shapes")),
        ("shapes.csv", .descriptive("geometries; they do not enter the optimisation")),
        ("line_types.csv", .refused(R(reason: "custom line types are not read", fix: R.solveWithPyPSA))),
        ("transformer_types.csv", .refused(R(reason: "custom transformer types are not read", fix: R.solveWithPyPSA))),
        ("sub_networks.csv", .output),
        (
            "shunt_impedances.csv",
            .refused(R(reason: "shunt impedances belong to AC power flow, which yrdplan does not model", fix: R.solveWithPyPSA))
        ),
        ("processes.csv", .refused(R(reason: "processes are not modelled", fix: R.solveWithPyPSA))),
        ("investment_periods.csv", .refused(.investmentPeriods)),
    ]

    /// How the importer treats the file `name` of a PyPSA folder; nil for a file PyPSA's format does not have.
    public static func fileStatus(_ name: String) -> PyPSAFileStatus? {
        if let other = otherFiles.first(where: { $0.name == name }) { return other.status }
        if componentSchemas.contains(where: { $0.listName + ".csv" == name }) { return .read }
        guard name.hasSuffix(".csv") else { return nil }
        let stem = String(name.dropLast(4))
        if stem.hasSuffix("-pw"),
            componentSchemas.contains(where: { stem.hasPrefix($0.listName + "-") })
        {
            return .refused(
                R(reason: "piecewise-linear costs or efficiencies are not modelled", fix: "use one marginal cost, or \(R.solveWithPyPSA)"))
        }
        guard let (_, attribute) = seriesAttribute(stem) else { return nil }
        if attribute.status == .output { return .output }
        return .read
    }

    /// The component and attribute of a time-series file stem (`generators-p_max_pu`).
    static func seriesAttribute(_ stem: String) -> (PyPSAComponentSchema, PyPSAAttribute)? {
        for schema in componentSchemas where stem.hasPrefix(schema.listName + "-") {
            if let attribute = schema.attribute(named: String(stem.dropFirst(schema.listName.count + 1))) {
                return (schema, attribute)
            }
        }
        return nil
    }
}

/// PyPSA's attribute lists with their status, one array per component (see `PyPSAImport.componentSchemas`).
enum PyPSAAttributeTable {
    /// Why a descriptive attribute cannot change the optimisation.
    enum Why {
        static let powerFlowOnly = "power-flow only; PyPSA's linear optimisation does not use it"
        static let information = "descriptive; does not enter the optimisation"
        static let transformerTypeOnly = "used only with a standard transformer type, which is refused"
        static let growthPeriodsOnly = "PyPSA applies growth limits only with investment periods, which are refused"
        static let overnightOnly = "used only with overnight_cost, which is refused"
        static let exampleExtra =
            "not a PyPSA attribute, written by PyPSA's example networks (ac-dc-meshed); PyPSA keeps it and its optimisation ignores it"
        static let periodsOnly = "used only with investment periods, which are refused"
        static let commitmentOnly = "used only with committable=True, which is refused"
        static let maintenanceOnly = "used only with maintainable=True, which is refused"
    }

    // MARK: columns PyPSA's CSV exporter writes to network.csv and snapshots.csv (pypsa/network/io.py)
    static let networkExport: [PyPSAAttribute] = [
        .init("pypsa_version", default: "n/a", .descriptive("the PyPSA version that wrote the folder")),
        .init("_multi_invest", default: "0", .refused(.investmentPeriods)),
        .init("_linearized_uc", default: "0", .descriptive(Why.commitmentOnly)),
        .init("_committable_big_m", default: "n/a", .descriptive(Why.commitmentOnly)),
        .init("_objective", default: "n/a", .output),
        .init("_objective_constant", default: "n/a", .output),
    ]

    static let snapshots: [PyPSAAttribute] = [
        .init("snapshot", default: "n/a", .modelled),
        .init("objective", default: "1", .modelled),
        .init("generators", default: "1", .modelled),
        .init("stores", default: "1", .modelled),
        .init("period", default: "n/a", .refused(.investmentPeriods)),
        .init("timestep", default: "n/a", .refused(.investmentPeriods)),
    ]

    // MARK: networks
    static let networks: [PyPSAAttribute] = [
        .init("name", default: "n/a", .modelled),
        .init("snapshots", default: "[\"now\"]", .modelled),
        .init("snapshot_weightings", default: "1", .modelled),
        .init("investment_periods", default: "[]", .refused(.investmentPeriods)),
        .init("investment_period_weightings", default: "1", .refused(.investmentPeriods)),
        .init("now", default: "\"now\"", .descriptive(Why.information)),
        .init("srid", default: "4326", .descriptive(Why.information)),
        .init("crs", default: "n/a", .descriptive(Why.information)),
        .init("buses", default: "n/a", .output),
        .init("buses_t", default: "n/a", .output),
        .init("lines", default: "n/a", .output),
        .init("lines_t", default: "n/a", .output),
        .init("components", default: "n/a", .output),
        .init("components_t", default: "n/a", .output),
        .init("branches()", default: "n/a", .output),
        .init("graph()", default: "n/a", .output),
    ]

    // MARK: buses
    static let buses: [PyPSAAttribute] = [
        .init("name", default: "n/a", .modelled),
        .init("v_nom", default: "1", .modelled),
        .init("type", default: "n/a", .descriptive(Why.information)),
        .init("x", default: "0", .descriptive(Why.information)),
        .init("y", default: "0", .descriptive(Why.information)),
        .init("carrier", default: "AC", .modelled),
        .init("unit", default: "None", .descriptive(Why.information)),
        .init("location", default: "n/a", .descriptive(Why.information)),
        .init("v_mag_pu_set", default: "1", .descriptive(Why.powerFlowOnly)),
        .init("v_mag_pu_min", default: "0", .descriptive(Why.powerFlowOnly)),
        .init("v_mag_pu_max", default: "inf", .descriptive(Why.powerFlowOnly)),
        .init("control", default: "PQ", .output),
        .init("generator", default: "n/a", .output),
        .init("sub_network", default: "n/a", .output),
        .init("p", default: "0.", .output),
        .init("q", default: "0.", .output),
        .init("v_mag_pu", default: "1.", .output),
        .init("v_ang", default: "0.", .output),
        .init("marginal_price", default: "0.", .output),
        .init("country", default: "n/a", .descriptive(Why.exampleExtra), exampleExtra: true),
    ]

    // MARK: carriers
    static let carriers: [PyPSAAttribute] = [
        .init("name", default: "n/a", .modelled),
        .init("co2_emissions", default: "0", .modelled),
        .init("color", default: "n/a", .descriptive(Why.information)),
        .init("nice_name", default: "n/a", .descriptive(Why.information)),
        .init("max_growth", default: "inf", .descriptive(Why.growthPeriodsOnly)),
        .init("max_relative_growth", default: "0", .descriptive(Why.growthPeriodsOnly)),
        .init("marginal_cost", default: "n/a", .descriptive(Why.exampleExtra), exampleExtra: true),
        .init("efficiency", default: "n/a", .descriptive(Why.exampleExtra), exampleExtra: true),
        .init("capital_cost", default: "n/a", .descriptive(Why.exampleExtra), exampleExtra: true),
    ]

    // MARK: generators
    static let generators: [PyPSAAttribute] = [
        .init("name", default: "n/a", .modelled),
        .init("bus", default: "n/a", .modelled),
        .init("control", default: "PQ", .descriptive(Why.powerFlowOnly)),
        .init("type", default: "n/a", .descriptive(Why.information)),
        .init("p_nom", default: "0", .modelled),
        .init("p_nom_mod", default: "0", .refused(.modular)),
        .init("p_nom_extendable", default: "False", .modelled),
        .init("p_nom_min", default: "0", .modelled),
        .init("p_nom_max", default: "inf", .modelled),
        .init("p_nom_set", default: "n/a", .modelled),
        .init("p_min_pu", default: "0.", .modelled, series: true),
        .init("p_max_pu", default: "1", .modelled, series: true),
        .init("p_set", default: "n/a", .modelled, series: true),
        .init("p_init", default: "n/a", .modelled),
        .init("e_sum_min", default: "-inf", .modelled),
        .init("e_sum_max", default: "inf", .modelled),
        .init("q_set", default: "0.", .descriptive(Why.powerFlowOnly)),
        .init("sign", default: "1", .refused(.sign)),
        .init("carrier", default: "n/a", .modelled),
        .init("marginal_cost", default: "0.", .modelled, series: true),
        .init("marginal_cost_quadratic", default: "0.", .refused(.quadratic)),
        .init("active", default: "True", .modelled),
        .init("build_year", default: "0", .descriptive(Why.periodsOnly)),
        .init("lifetime", default: "inf", .descriptive(Why.periodsOnly)),
        .init("capital_cost", default: "0", .modelled),
        .init("overnight_cost", default: "NaN", .refused(.overnightCost)),
        .init("discount_rate", default: "NaN", .descriptive(Why.overnightOnly)),
        .init("fom_cost", default: "0", .refused(.overnightCost)),
        .init("efficiency", default: "1", .modelled, series: true),
        .init("committable", default: "False", .refused(.commitment)),
        .init("maintainable", default: "False", .refused(.maintenance)),
        .init("maintenance_duration", default: "0", .descriptive(Why.maintenanceOnly)),
        .init("maintenance_pu", default: "1.0", .descriptive(Why.maintenanceOnly)),
        .init("maintenance_events", default: "1", .descriptive(Why.maintenanceOnly)),
        .init("start_up_cost", default: "0", .descriptive(Why.commitmentOnly)),
        .init("shut_down_cost", default: "0", .descriptive(Why.commitmentOnly)),
        .init("stand_by_cost", default: "0.", .descriptive(Why.commitmentOnly)),
        .init("min_up_time", default: "0", .descriptive(Why.commitmentOnly)),
        .init("min_down_time", default: "0", .descriptive(Why.commitmentOnly)),
        .init("up_time_before", default: "1", .descriptive(Why.commitmentOnly)),
        .init("down_time_before", default: "0", .descriptive(Why.commitmentOnly)),
        .init("ramp_limit_up", default: "NaN", .modelled, series: true),
        .init("ramp_limit_down", default: "NaN", .modelled, series: true),
        .init("ramp_limit_start_up", default: "NaN", .descriptive(Why.commitmentOnly)),
        .init("ramp_limit_shut_down", default: "NaN", .descriptive(Why.commitmentOnly)),
        .init("weight", default: "1", .descriptive("used only for network clustering")),
        .init("p", default: "0.", .output),
        .init("q", default: "0.", .output),
        .init("p_nom_opt", default: "0.", .output),
        .init("status", default: "1", .output),
        .init("start_up", default: "1.", .output),
        .init("shut_down", default: "1.", .output),
        .init("maintenance", default: "0", .output),
        .init("maintenance_start", default: "0", .output),
        .init("mu_upper", default: "n/a", .output),
        .init("mu_lower", default: "n/a", .output),
        .init("mu_p_set", default: "n/a", .output),
        .init("mu_ramp_limit_up", default: "n/a", .output),
        .init("mu_ramp_limit_down", default: "n/a", .output),
        .init("capital_cost_piecewise_opt", default: "0.", .output),
        .init("marginal_cost_piecewise_opt", default: "0.", .output),
    ]

    // MARK: loads
    static let loads: [PyPSAAttribute] = [
        .init("name", default: "n/a", .modelled),
        .init("bus", default: "n/a", .modelled),
        .init("carrier", default: "n/a", .descriptive(Why.information)),
        .init("type", default: "n/a", .descriptive(Why.information)),
        .init("p_set", default: "0", .modelled, series: true),
        .init("q_set", default: "0", .descriptive(Why.powerFlowOnly)),
        .init("sign", default: "-1", .refused(.sign)),
        .init("p", default: "0", .output),
        .init("q", default: "0", .output),
        .init("active", default: "True", .modelled),
    ]

    // MARK: links
    static let links: [PyPSAAttribute] = [
        .init("name", default: "n/a", .modelled),
        .init("bus0", default: "n/a", .modelled),
        .init("bus1", default: "n/a", .modelled),
        .init("type", default: "n/a", .descriptive(Why.information)),
        .init("carrier", default: "", .modelled),
        .init("efficiency", default: "1", .modelled, series: true),
        .init("active", default: "True", .modelled),
        .init("build_year", default: "0", .descriptive(Why.periodsOnly)),
        .init("lifetime", default: "inf", .descriptive(Why.periodsOnly)),
        .init("p_nom", default: "0", .modelled),
        .init("p_nom_mod", default: "0", .refused(.modular)),
        .init("p_nom_extendable", default: "False", .modelled),
        .init("p_nom_min", default: "0", .modelled),
        .init("p_nom_max", default: "inf", .modelled),
        .init("p_nom_set", default: "n/a", .modelled),
        .init("p_set", default: "n/a", .modelled, series: true),
        .init("p_init", default: "n/a", .modelled),
        .init("p_min_pu", default: "0.", .modelled, series: true),
        .init("p_max_pu", default: "1.", .modelled, series: true),
        .init("capital_cost", default: "0", .modelled),
        .init("overnight_cost", default: "NaN", .refused(.overnightCost)),
        .init("discount_rate", default: "NaN", .descriptive(Why.overnightOnly)),
        .init("fom_cost", default: "0", .refused(.overnightCost)),
        .init("marginal_cost", default: "0.", .modelled, series: true),
        .init("marginal_cost_quadratic", default: "0.", .refused(.quadratic)),
        .init("stand_by_cost", default: "0.", .descriptive(Why.commitmentOnly)),
        .init("length", default: "0", .descriptive(Why.information)),
        .init("terrain_factor", default: "1", .descriptive(Why.information)),
        .init("committable", default: "False", .refused(.commitment)),
        .init("maintainable", default: "False", .refused(.maintenance)),
        .init("maintenance_duration", default: "0", .descriptive(Why.maintenanceOnly)),
        .init("maintenance_pu", default: "1.0", .descriptive(Why.maintenanceOnly)),
        .init("maintenance_events", default: "1", .descriptive(Why.maintenanceOnly)),
        .init("start_up_cost", default: "0", .descriptive(Why.commitmentOnly)),
        .init("shut_down_cost", default: "0", .descriptive(Why.commitmentOnly)),
        .init("min_up_time", default: "0", .descriptive(Why.commitmentOnly)),
        .init("min_down_time", default: "0", .descriptive(Why.commitmentOnly)),
        .init("up_time_before", default: "1", .descriptive(Why.commitmentOnly)),
        .init("down_time_before", default: "0", .descriptive(Why.commitmentOnly)),
        .init("ramp_limit_up", default: "NaN", .modelled, series: true),
        .init("ramp_limit_down", default: "NaN", .modelled, series: true),
        .init("ramp_limit_start_up", default: "NaN", .descriptive(Why.commitmentOnly)),
        .init("ramp_limit_shut_down", default: "NaN", .descriptive(Why.commitmentOnly)),
        .init("delay", default: "0", .refused(.delay)),
        .init("cyclic_delay", default: "True", .descriptive("used only with delay, which is refused")),
        .init("p", default: "0.", .output),
        .init("p0", default: "0.", .output),
        .init("p1", default: "0.", .output),
        .init("p_nom_opt", default: "0", .output),
        .init("status", default: "1.", .output),
        .init("start_up", default: "1.", .output),
        .init("shut_down", default: "1.", .output),
        .init("maintenance", default: "0", .output),
        .init("maintenance_start", default: "0", .output),
        .init("mu_lower", default: "n/a", .output),
        .init("mu_upper", default: "n/a", .output),
        .init("mu_p_set", default: "n/a", .output),
        .init("mu_ramp_limit_up", default: "n/a", .output),
        .init("mu_ramp_limit_down", default: "n/a", .output),
        .init("capital_cost_piecewise_opt", default: "0.", .output),
        .init("marginal_cost_piecewise_opt", default: "0.", .output),
    ]

    // MARK: storage_units
    static let storageunits: [PyPSAAttribute] = [
        .init("name", default: "n/a", .modelled),
        .init("bus", default: "n/a", .modelled),
        .init("control", default: "PQ", .descriptive(Why.powerFlowOnly)),
        .init("type", default: "n/a", .descriptive(Why.information)),
        .init("p_nom", default: "0", .modelled),
        .init("p_nom_mod", default: "0", .refused(.modular)),
        .init("p_nom_extendable", default: "False", .modelled),
        .init("p_nom_min", default: "0", .modelled),
        .init("p_nom_max", default: "inf", .modelled),
        .init("p_nom_set", default: "n/a", .modelled),
        .init("p_min_pu", default: "-1", .modelled, series: true),
        .init("p_max_pu", default: "1", .modelled, series: true),
        .init("p_set", default: "n/a", .modelled, series: true),
        .init("q_set", default: "0", .descriptive(Why.powerFlowOnly)),
        .init("p_dispatch_set", default: "NaN", .modelled, series: true),
        .init("p_store_set", default: "NaN", .modelled, series: true),
        .init("sign", default: "1", .refused(.sign)),
        .init("carrier", default: "n/a", .modelled),
        .init("spill_cost", default: "0", .modelled, series: true),
        .init("marginal_cost", default: "0", .modelled, series: true),
        .init("marginal_cost_quadratic", default: "0", .refused(.quadratic)),
        .init("marginal_cost_storage", default: "0", .modelled, series: true),
        .init("capital_cost", default: "0", .modelled),
        .init("overnight_cost", default: "NaN", .refused(.overnightCost)),
        .init("discount_rate", default: "NaN", .descriptive(Why.overnightOnly)),
        .init("fom_cost", default: "0", .refused(.overnightCost)),
        .init("active", default: "True", .modelled),
        .init("build_year", default: "0", .descriptive(Why.periodsOnly)),
        .init("lifetime", default: "inf", .descriptive(Why.periodsOnly)),
        .init("state_of_charge_initial", default: "0", .modelled),
        .init("state_of_charge_initial_per_period", default: "False", .descriptive(Why.periodsOnly)),
        .init("state_of_charge_set", default: "NaN", .modelled, series: true),
        .init("cyclic_state_of_charge", default: "False", .modelled),
        .init("cyclic_state_of_charge_per_period", default: "False", .descriptive(Why.periodsOnly)),
        .init("max_hours", default: "1", .modelled),
        .init("efficiency_store", default: "1", .modelled, series: true),
        .init("efficiency_dispatch", default: "1", .modelled, series: true),
        .init("standing_loss", default: "0", .modelled, series: true),
        .init("inflow", default: "0", .modelled, series: true),
        .init("p", default: "0", .output),
        .init("p_dispatch", default: "0", .output),
        .init("p_store", default: "0", .output),
        .init("q", default: "0", .output),
        .init("state_of_charge", default: "NaN", .output),
        .init("spill", default: "0", .output),
        .init("p_nom_opt", default: "0", .output),
        .init("mu_upper", default: "n/a", .output),
        .init("mu_lower", default: "n/a", .output),
        .init("mu_state_of_charge_set", default: "n/a", .output),
        .init("mu_energy_balance", default: "n/a", .output),
        .init("capital_cost_piecewise_opt", default: "0.", .output),
        .init("marginal_cost_piecewise_opt", default: "0.", .output),
    ]

    // MARK: lines
    static let lines: [PyPSAAttribute] = [
        .init("name", default: "n/a", .modelled),
        .init("bus0", default: "n/a", .modelled),
        .init("bus1", default: "n/a", .modelled),
        .init("type", default: "n/a", .modelled),
        .init("x", default: "0", .modelled),
        .init("r", default: "0", .modelled),
        .init("g", default: "0", .descriptive(Why.powerFlowOnly)),
        .init("b", default: "0", .descriptive(Why.powerFlowOnly)),
        .init("s_nom", default: "0", .modelled),
        .init("s_nom_mod", default: "0", .refused(.modular)),
        .init("s_nom_extendable", default: "False", .modelled),
        .init("s_nom_min", default: "0", .modelled),
        .init("s_nom_max", default: "inf", .modelled),
        .init("s_nom_set", default: "n/a", .modelled),
        .init("s_max_pu", default: "1", .modelled, series: true),
        .init("capital_cost", default: "0", .modelled),
        .init("overnight_cost", default: "NaN", .refused(.overnightCost)),
        .init("discount_rate", default: "NaN", .descriptive(Why.overnightOnly)),
        .init("fom_cost", default: "0", .refused(.overnightCost)),
        .init("active", default: "True", .modelled),
        .init("build_year", default: "0", .descriptive(Why.periodsOnly)),
        .init("lifetime", default: "inf", .descriptive(Why.periodsOnly)),
        .init("length", default: "0", .modelled),
        .init("carrier", default: "", .descriptive("the buses' carrier decides between reactance (AC) and resistance (DC)")),
        .init("terrain_factor", default: "1", .descriptive(Why.information)),
        .init("num_parallel", default: "1", .modelled),
        .init("v_ang_min", default: "-inf", .descriptive("deprecated; PyPSA ignores it")),
        .init("v_ang_max", default: "inf", .refused(.angleLimit)),
        .init("sub_network", default: "n/a", .output),
        .init("p0", default: "0", .output),
        .init("q0", default: "0", .output),
        .init("p1", default: "0", .output),
        .init("q1", default: "0", .output),
        .init("x_pu", default: "0", .output),
        .init("r_pu", default: "0", .output),
        .init("g_pu", default: "0", .output),
        .init("b_pu", default: "0", .output),
        .init("x_pu_eff", default: "0", .output),
        .init("r_pu_eff", default: "0", .output),
        .init("s_nom_opt", default: "0", .output),
        .init("mu_lower", default: "0", .output),
        .init("mu_upper", default: "0", .output),
        .init("capital_cost_piecewise_opt", default: "0.", .output),
    ]

    // MARK: stores
    static let stores: [PyPSAAttribute] = [
        .init("name", default: "n/a", .modelled),
        .init("bus", default: "n/a", .modelled),
        .init("type", default: "n/a", .descriptive(Why.information)),
        .init("carrier", default: "", .modelled),
        .init("e_nom", default: "0", .modelled),
        .init("e_nom_mod", default: "0", .refused(.modular)),
        .init("e_nom_extendable", default: "False", .modelled),
        .init("e_nom_min", default: "0", .modelled),
        .init("e_nom_max", default: "inf", .modelled),
        .init("e_nom_set", default: "n/a", .modelled),
        .init("e_min_pu", default: "0", .modelled, series: true),
        .init("e_max_pu", default: "1", .modelled, series: true),
        .init("e_initial", default: "0", .modelled),
        .init("e_initial_per_period", default: "False", .descriptive(Why.periodsOnly)),
        .init("e_cyclic", default: "False", .modelled),
        .init("e_cyclic_per_period", default: "False", .descriptive(Why.periodsOnly)),
        .init("p_set", default: "n/a", .modelled, series: true),
        .init("q_set", default: "0", .descriptive(Why.powerFlowOnly)),
        .init("e_set", default: "NaN", .modelled, series: true),
        .init("sign", default: "1", .refused(.sign)),
        .init("marginal_cost", default: "0", .modelled, series: true),
        .init("marginal_cost_quadratic", default: "0", .refused(.quadratic)),
        .init("marginal_cost_storage", default: "0", .modelled, series: true),
        .init("capital_cost", default: "0", .modelled),
        .init("overnight_cost", default: "NaN", .refused(.overnightCost)),
        .init("discount_rate", default: "NaN", .descriptive(Why.overnightOnly)),
        .init("fom_cost", default: "0", .refused(.overnightCost)),
        .init("standing_loss", default: "0", .modelled, series: true),
        .init("active", default: "True", .modelled),
        .init("build_year", default: "0", .descriptive(Why.periodsOnly)),
        .init("lifetime", default: "inf", .descriptive(Why.periodsOnly)),
        .init("p", default: "0", .output),
        .init("q", default: "0", .output),
        .init("e", default: "0", .output),
        .init("e_nom_opt", default: "0", .output),
        .init("mu_upper", default: "n/a", .output),
        .init("mu_lower", default: "n/a", .output),
        .init("mu_energy_balance", default: "n/a", .output),
        .init("capital_cost_piecewise_opt", default: "0.", .output),
        .init("marginal_cost_piecewise_opt", default: "0.", .output),
    ]

    // MARK: transformers
    static let transformers: [PyPSAAttribute] = [
        .init("name", default: "n/a", .modelled),
        .init("bus0", default: "n/a", .modelled),
        .init("bus1", default: "n/a", .modelled),
        .init("type", default: "n/a", .refused(.transformerType)),
        .init("model", default: "t", .descriptive(Why.powerFlowOnly)),
        .init("x", default: "0", .modelled),
        .init("r", default: "0", .modelled),
        .init("g", default: "0", .descriptive(Why.powerFlowOnly)),
        .init("b", default: "0", .descriptive(Why.powerFlowOnly)),
        .init("s_nom", default: "0", .modelled),
        .init("s_nom_mod", default: "0", .refused(.modular)),
        .init("s_nom_extendable", default: "False", .modelled),
        .init("s_nom_min", default: "0", .modelled),
        .init("s_nom_max", default: "inf", .modelled),
        .init("s_nom_set", default: "n/a", .modelled),
        .init("s_max_pu", default: "1", .modelled, series: true),
        .init("capital_cost", default: "0", .modelled),
        .init("overnight_cost", default: "NaN", .refused(.overnightCost)),
        .init("discount_rate", default: "NaN", .descriptive(Why.overnightOnly)),
        .init("fom_cost", default: "0", .refused(.overnightCost)),
        .init("num_parallel", default: "1", .descriptive(Why.transformerTypeOnly)),
        .init("tap_ratio", default: "1", .modelled),
        .init("tap_side", default: "0", .descriptive(Why.transformerTypeOnly)),
        .init("tap_position", default: "0", .descriptive(Why.transformerTypeOnly)),
        .init("phase_shift", default: "0", .refused(.phaseShift)),
        .init("phase_shift_min", default: "0", .refused(.phaseShift)),
        .init("phase_shift_max", default: "0", .refused(.phaseShift)),
        .init("active", default: "True", .modelled),
        .init("build_year", default: "0", .descriptive(Why.periodsOnly)),
        .init("lifetime", default: "inf", .descriptive(Why.periodsOnly)),
        .init("v_ang_min", default: "-inf", .descriptive("deprecated; PyPSA ignores it")),
        .init("v_ang_max", default: "inf", .refused(.angleLimit)),
        .init("sub_network", default: "n/a", .output),
        .init("p0", default: "0", .output),
        .init("q0", default: "0", .output),
        .init("p1", default: "0", .output),
        .init("q1", default: "0", .output),
        .init("x_pu", default: "0", .output),
        .init("r_pu", default: "0", .output),
        .init("g_pu", default: "0", .output),
        .init("b_pu", default: "0", .output),
        .init("x_pu_eff", default: "0", .output),
        .init("r_pu_eff", default: "0", .output),
        .init("s_nom_opt", default: "0", .output),
        .init("mu_lower", default: "0", .output),
        .init("mu_upper", default: "0", .output),
        .init("phase_shift_opt", default: "0", .output),
    ]

    // MARK: global_constraints
    static let globalconstraints: [PyPSAAttribute] = [
        .init("name", default: "n/a", .modelled),
        .init("type", default: "primary_energy", .modelled),
        .init("investment_period", default: "NaN", .refused(.investmentPeriods)),
        .init("bus", default: "n/a", .descriptive("used only by expansion-limit constraints, which are refused")),
        .init("carrier_attribute", default: "co2_emissions", .modelled),
        .init("sense", default: "==", .modelled),
        .init("constant", default: "0", .modelled),
        .init("mu", default: "0", .output),
    ]

}
