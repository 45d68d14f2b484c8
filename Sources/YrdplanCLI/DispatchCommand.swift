import Analysis
import ArgumentParser
import Diagnostics
import Foundation
import LinearProgramming
import PowerFlow
import RegionLoading
import RegionModel

/// `yrdplan dispatch`: hourly dispatch of the delta's grid (or a PyPSA CSV folder) on Clp, with flows,
/// congestion, prices and production/consumption CO2.
struct DispatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Power dispatch and interprovincial flows (COIN-OR Clp): corridors, congestion, prices, CO2.",
        discussion: """
            Without --pypsa the grid comes from Regions/grid/ with the overlay of --scenario (default baseline) \
            applied up to --year. With --pypsa DIR a PyPSA CSV folder (docs/power-flow.md lists the subset) is \
            solved instead. On the delta's grid, load that no supply can meet is shed at the value of lost load \
            and reported first. A PyPSA folder sheds only with --allow-shedding; without it a network that \
            cannot balance exits 1 naming the buses and hours found short. \
            Exit codes: 0 solved, 1 bad input or an infeasible grid, 2 usage, 3 solver failure.
            """)

    @OptionGroup var options: RegionOptions

    @Option(help: "Grid scenario in Regions/grid/scenarios/ (default: baseline).")
    var scenario: String?

    @Option(help: "A PyPSA CSV folder to solve instead of the delta's own grid.")
    var pypsa: String?

    @Option(help: "With --pypsa: shed load no supply can meet at this value of lost load per MWh (default: no shedding).")
    var allowShedding: Double?

    @Option(help: "With --pypsa: the currency of the folder's costs, e.g. EUR (default: none, 'cost units').")
    var currency: String?

    @Option(help: "Apply scenario changes up to this year (default: the scenario's year).")
    var year: Int?

    @Option(help: "Clp algorithm: dual (fastest on dispatch problems), primal, automatic or barrier.")
    var algorithm: String = "dual"

    @Option(help: "Stop Clp after this many iterations (a solve that stops early exits with 3).")
    var iterationLimit: Int?

    @Option(help: "Stop Clp after this many seconds (a solve that stops early exits with 3).")
    var timeLimit: Double?

    @Option(
        help:
            "Start Clp's dual simplex from this many blocks of consecutive snapshots solved on their own, in parallel (0: no blocks; default: one per 365 snapshots from 1,000 snapshots on). The optimum is the same; only the time changes."
    )
    var timeBlocks: Int?

    @Option(help: "Also write hourly link flows (MW) and bus prices (yuan/MWh) to this CSV file.")
    var hourly: String?

    @Flag(
        help:
            "Let the LP choose the capacity of the scenario's candidate lines and links (extendable), and report the capacity built, its capital cost and the saving in operating cost against the run without it."
    )
    var expand = false

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    func validate() throws {
        if pypsa != nil && scenario != nil {
            throw ValidationError("--scenario and --pypsa exclude each other — pick the delta's grid or a PyPSA folder")
        }
        if pypsa != nil && year != nil {
            throw ValidationError("--year applies to the delta's grid scenarios, not to a PyPSA folder")
        }
        if pypsa != nil && expand {
            throw ValidationError("--expand applies to the delta's grid; a PyPSA folder's extendable components are always optimised")
        }
        if pypsa == nil && (allowShedding != nil || currency != nil) {
            throw ValidationError("--allow-shedding and --currency apply to --pypsa; the delta's grid sheds at its own VOLL in yuan")
        }
        if let allowShedding, !(allowShedding.isFinite && allowShedding > 0) {
            throw ValidationError("--allow-shedding needs a positive value of lost load per MWh")
        }
        if let timeBlocks, timeBlocks < 0 {
            throw ValidationError("--time-blocks needs 0 (no blocks) or a positive number of blocks")
        }
        if SimplexAlgorithm(rawValue: algorithm) == nil {
            throw ValidationError("unknown algorithm '\(algorithm)' — use dual, primal, automatic or barrier")
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        var network: GridNetwork
        var file: String?
        var reference: GridNetwork?
        var candidates: [String] = []
        do {
            if let pypsa {
                progress("reading PyPSA folder \(pypsa)…")
                network = try PyPSAImport.load(folder: URL(fileURLWithPath: pypsa))
                if let allowShedding { network.valueOfLostLoad = allowShedding }
                file = pypsa
            } else {
                let model = try options.loadModel()
                guard let grid = model.grid else {
                    throw DiagnosticsError([
                        .error(
                            at: SourceLocation(file: options.regionsPath + "/grid/grid.yaml"), "the model has no grid",
                            fix: "add Regions/grid/ (docs/power-flow.md) or solve a PyPSA folder with --pypsa DIR")
                    ])
                }
                let name = scenario ?? "baseline"
                progress("dispatching \(grid.displayRoot) (scenario \(name), \(grid.effectiveYear(scenario: name, year: year)))…")
                let expandable = try grid.network(scenario: name, year: year, expand: true)
                candidates = expandable.candidates
                network = expand ? expandable : try grid.network(scenario: name, year: year)
                if expand && !candidates.isEmpty { reference = expandable.withCandidatesAtMinimum() }
                file = grid.displayRoot + "/grid.yaml"
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch let error as DiagnosticsError {
            throw CommandFailure.badInput(error)
        }
        let load = DispatchCommand.seconds(clock.now - start)
        let outcome: (result: DispatchResult, timings: DispatchTimings)
        var expansion: DispatchReport.Expansion?
        do {
            if let reference {
                progress("solving without the candidates for the reference operating cost…")
                let fixed = try DispatchAnalysis.solve(reference, file: file, timeBlocks: timeBlocks, progress: progress)
                expansion = DispatchReport.Expansion(candidates: candidates, reference: fixed.result)
            } else if !candidates.isEmpty {
                expansion = DispatchReport.Expansion(candidates: candidates, reference: nil)
            }
            outcome = try DispatchAnalysis.solve(
                network, file: file,
                options: ClpOptions(
                    algorithm: SimplexAlgorithm(rawValue: algorithm) ?? .dual, timeLimitSeconds: timeLimit,
                    iterationLimit: iterationLimit),
                allowShedding: pypsa == nil || allowShedding != nil, timeBlocks: timeBlocks,
                infeasibleFix: pypsa != nil && allowShedding == nil
                    ? "add supply or capacity, or allow shedding with --allow-shedding VOLL" : nil,
                progress: progress)
        } catch {
            throw CommandFailure(error)
        }
        let total = DispatchCommand.seconds(clock.now - start)
        let timings = DispatchReport.Timings(
            load: load, build: outcome.timings.build, solve: outcome.timings.solve, total: total)
        let costing = DispatchReport.Costing(
            currency: pypsa == nil ? "yuan" : currency,
            valueOfLostLoad: pypsa == nil || allowShedding != nil ? network.valueOfLostLoad : nil)
        if let hourly {
            let text = DispatchReport.hourlyCSV(network: network, result: outcome.result)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: hourly), options: .atomic)
            } catch {
                throw CommandFailure.badInput(
                    DiagnosticsError([
                        .error(
                            at: SourceLocation(file: hourly), "cannot write the hourly CSV: \(error.localizedDescription)",
                            fix: "check the folder exists and is writable")
                    ]))
            }
            progress("wrote hourly flows and prices to \(hourly)")
        }
        if json {
            print(
                DispatchReport.json(
                    network: network, result: outcome.result, timings: timings, costing: costing, expansion: expansion
                ).rendered(), terminator: "")
        } else {
            print(
                DispatchReport.table(
                    network: network, result: outcome.result, timings: timings, costing: costing, expansion: expansion),
                terminator: "")
        }
    }

    private func progress(_ message: String) {
        StandardError.write("[dispatch] \(message)\n")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

/// Renders a dispatch as the `dispatch --json` document and as readable tables.
public enum DispatchReport {
    /// Seconds per phase, as reported under `timings_s`.
    public struct Timings: Sendable {
        public var load: Double
        public var build: Double
        public var solve: Double
        public var total: Double

        public init(load: Double, build: Double, solve: Double, total: Double) {
            self.load = load
            self.build = build
            self.solve = solve
            self.total = total
        }
    }

    /// The currency of the costs (nil: the network does not say) and the shedding policy of a run.
    public struct Costing: Sendable {
        /// `yuan` for the delta's grid, `--currency` for a PyPSA folder.
        public var currency: String?
        /// The value of lost load per MWh when the dispatch may shed load; nil when it may not.
        public var valueOfLostLoad: Double?

        public init(currency: String?, valueOfLostLoad: Double?) {
            self.currency = currency
            self.valueOfLostLoad = valueOfLostLoad
        }

        /// The unit label of costs: the currency, or `cost units`.
        var unit: String { currency ?? "cost units" }
    }

    /// How many shed events the outputs list (the count and totals always cover all of them).
    static let listedShedEvents = 20

    /// The `dispatch --json` document (fields and units in docs/power-flow.md).
    public static func json(
        network: GridNetwork, result: DispatchResult, timings: Timings,
        costing: Costing = Costing(currency: "yuan", valueOfLostLoad: nil), expansion: Expansion? = nil
    ) -> JSONValue {
        var document: [(String, JSONValue)] = [
            ("status", .string(result.status == .optimal ? "optimal" : result.status.description)),
            ("currency", costing.currency.map { .string($0) } ?? .null),
            ("shedding_allowed", .bool(costing.valueOfLostLoad != nil)),
            ("value_of_lost_load", costing.valueOfLostLoad.map { .rounded($0, 2) } ?? .null),
            ("shed_mwh", .rounded(result.totalShedMWh, 3)),
            ("objective", .rounded(result.objective, 2)),
            (
                "pypsa_objective",
                .object([
                    ("objective", .rounded(result.pypsaObjective, 4)),
                    ("objective_constant", .rounded(result.existingCapacityCost, 4)),
                    ("total_cost", .rounded(result.objective, 4)),
                ])
            ),
            ("optimal_capacities", capacitiesJSON(result)),
            ("snapshots", .number(Double(network.snapshots.count))),
            (
                "links",
                .object(
                    result.links.map { link in
                        (
                            link.name,
                            .object([
                                ("energy_mwh", .rounded(link.energySentMWh, 3)),
                                ("congested_hours", .rounded(link.congestedHours, 3)),
                                ("delivered_mwh", .rounded(link.energyDeliveredMWh, 3)),
                                ("utilisation", .rounded(link.utilisation, 6)),
                                ("congestion_rent_yuan", .rounded(link.congestionRentYuan, 2)),
                                ("bus0", .string(link.bus0)),
                                ("bus1", .string(link.bus1)),
                                ("p_nom_mw", .rounded(link.nominalPower, 3)),
                            ])
                        )
                    })
            ),
            ("lines", branchesJSON(network: network, result: result, transformers: false)),
            ("transformers", branchesJSON(network: network, result: result, transformers: true)),
            ("expansion", expansion.map { expansionJSON($0, network: network, result: result) } ?? .null),
            (
                "buses",
                .object(
                    result.buses.map { bus in
                        (
                            bus.name,
                            .object([
                                ("mean_price", .rounded(bus.meanPrice, 4)),
                                ("shed_mwh", .rounded(bus.shedMWh, 3)),
                                ("load_weighted_price", bus.loadWeightedMeanPrice.map { .rounded($0, 4) } ?? .null),
                                ("demand_mwh", .rounded(bus.demandMWh, 3)),
                                ("imported_mwh", .rounded(bus.importedMWh, 3)),
                                ("import_emission_factor_t_per_mwh", bus.importEmissionFactor.map { .rounded($0, 6) } ?? .null),
                                ("external", .bool(bus.isExternal)),
                                (
                                    "generation_mwh",
                                    .object(bus.generationByCarrier.sorted { $0.key < $1.key }.map { ($0.key, .rounded($0.value, 3)) })
                                ),
                            ])
                        )
                    })
            ),
            (
                "emissions_t",
                .object([
                    ("production", .object(result.buses.map { ($0.name, .rounded($0.productionCO2, 3)) })),
                    ("consumption", .object(result.buses.map { ($0.name, .rounded($0.consumptionCO2, 3)) })),
                    ("total", .rounded(result.totalCO2, 3)),
                    ("stored_fuel", .rounded(result.storedFuelCO2, 3)),
                ])
            ),
            ("carbon_price_yuan_per_t", result.carbonPrice.map { .rounded($0, 4) } ?? .null),
            ("curtailment_mwh", .object(curtailmentByCarrier(network: network, result).map { ($0.key, .rounded($0.value, 3)) })),
            (
                "shed",
                .object([
                    ("total_mwh", .rounded(result.totalShedMWh, 3)),
                    ("events", .number(Double(result.shedEvents.count))),
                    (
                        "first_events",
                        .array(
                            result.shedEvents.prefix(listedShedEvents).map { event in
                                .object([
                                    ("bus", .string(event.bus)), ("snapshot", .string(event.snapshot)),
                                    ("mw", .rounded(event.megawatts, 3)),
                                ])
                            })
                    ),
                ])
            ),
            (
                "timings_s",
                .object([
                    ("load", .rounded(timings.load, 3)), ("build", .rounded(timings.build, 3)),
                    ("solve", .rounded(timings.solve, 3)), ("total", .rounded(timings.total, 3)),
                ])
            ),
        ]
        document.append(("iterations", .number(Double(result.iterations))))
        return .object(document)
    }

    /// `lines` or `transformers`: flow, rating and limit hours of each branch of the linearised power flow.
    static func branchesJSON(network: GridNetwork, result: DispatchResult, transformers: Bool) -> JSONValue {
        let summaries = LineFlowSummary.summaries(network: network, result: result)
        return .object(
            zip(network.lines, zip(result.lines, summaries)).filter { $0.0.isTransformer == transformers }.map { _, pair in
                let (line, summary) = pair
                return (
                    line.name,
                    .object([
                        ("bus0", .string(line.bus0)), ("bus1", .string(line.bus1)),
                        ("s_max_mva", .rounded(line.nominalPower, 3)),
                        ("energy_mwh", .rounded(line.energySentMWh, 3)),
                        ("forward_mwh", .rounded(summary.forwardMWh, 3)),
                        ("backward_mwh", .rounded(summary.backwardMWh, 3)),
                        ("utilisation", .rounded(line.utilisation, 6)),
                        ("congested_hours", .rounded(line.congestedHours, 3)),
                        ("congested_hours_forward", .rounded(summary.hoursAtLimitForward, 3)),
                        ("congested_hours_backward", .rounded(summary.hoursAtLimitBackward, 3)),
                        ("loop_flow_mwh", .rounded(summary.loopFlowMWh, 3)),
                        ("loop_flow_hours", .rounded(summary.loopFlowHours, 3)),
                        ("hourly_p0_mw", .array(line.hourlyFlow.map { .rounded($0, 4) })),
                    ])
                )
            })
    }

    /// `optimal_capacities`: component → attribute → name → capacity, as PyPSA writes `p_nom_opt` and `s_nom_opt`.
    static func capacitiesJSON(_ result: DispatchResult) -> JSONValue {
        var components: [String] = []
        var grouped: [String: [String: [(String, JSONValue)]]] = [:]
        for capacity in result.capacities {
            if grouped[capacity.component] == nil { components.append(capacity.component) }
            grouped[capacity.component, default: [:]][capacity.attribute, default: []].append(
                (capacity.name, .rounded(capacity.optimal, 6)))
        }
        return .object(
            components.map { component in
                (component, .object(grouped[component, default: [:]].sorted { $0.key < $1.key }.map { ($0.key, .object($0.value)) }))
            })
    }

    /// Curtailed energy by carrier, over generators with a time-varying availability.
    static func curtailmentByCarrier(network: GridNetwork, _ result: DispatchResult) -> [(key: String, value: Double)] {
        var byCarrier: [String: Double] = [:]
        for (generator, outcome) in zip(network.generators, result.generators) where generator.maxPerUnit.isSeries {
            byCarrier[outcome.carrier, default: 0] += outcome.curtailedMWh
        }
        return byCarrier.sorted { $0.key < $1.key }
    }

    /// Hourly link flows and prices: `snapshot,weight_h,p0_mw:LINK…,price_yuan_per_mwh:BUS…`, one row per snapshot.
    public static func hourlyCSV(network: GridNetwork, result: DispatchResult) -> String {
        func field(_ text: String) -> String {
            text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        let header =
            ["snapshot", "weight_h"] + result.links.map { field("p0_mw:" + $0.name) }
            + result.buses.map { field("price_yuan_per_mwh:" + $0.name) }
        var out = header.joined(separator: ",") + "\n"
        for (t, snapshot) in network.snapshots.enumerated() {
            var row = [field(snapshot.label), JSONValue.format(snapshot.objectiveWeight)]
            row += result.links.map { JSONValue.format(($0.hourlyFlow[t] * 1e4).rounded() / 1e4) }
            row += result.buses.map { JSONValue.format(($0.prices[t] * 1e4).rounded() / 1e4) }
            out += row.joined(separator: ",") + "\n"
        }
        return out
    }

    /// The human summary: corridors, prices and emissions per bus, shedding.
    public static func table(
        network: GridNetwork, result: DispatchResult, timings: Timings,
        costing: Costing = Costing(currency: "yuan", valueOfLostLoad: nil), expansion: Expansion? = nil
    ) -> String {
        let hours = network.snapshots.reduce(0) { $0 + $1.objectiveWeight }
        var out = "Dispatch of \(network.name): \(network.snapshots.count) snapshots (\(fixed(hours, 0)) h), "
        if costing.currency == "yuan" {
            out += "cost \(fixed(result.objective / 1e8, 2)) 亿元 (\(fixed(result.objective / 1e9, 3)) bn yuan), status \(result.status)\n"
        } else {
            out += "cost \(fixed(result.objective / 1e9, 3)) bn \(costing.unit), status \(result.status)\n"
        }
        if let voll = costing.valueOfLostLoad {
            out += "Load shedding: allowed at \(fixed(voll, 0)) \(costing.unit)/MWh; \(fixed(result.totalShedMWh, 0)) MWh shed "
            out += "in \(result.shedEvents.count) bus-snapshots\n\n"
        } else {
            out += "Load shedding: off (every bus balances in every snapshot; --allow-shedding VOLL turns it on)\n\n"
        }

        var corridors = TextTable(
            headers: ["corridor", "from", "to", "MW", "sent TWh", "util %", "congested h", "rent M \(costing.unit)"],
            rightAligned: [3, 4, 5, 6, 7])
        for link in result.links {
            corridors.add([
                link.name, link.bus0, link.bus1, fixed(link.nominalPower, 0), fixed(link.energySentMWh / 1e6, 2),
                fixed(100 * link.utilisation, 1), fixed(link.congestedHours, 0),
                fixed(abs(link.congestionRentYuan) < 5e4 ? 0 : link.congestionRentYuan / 1e6, 1),
            ])
        }
        out += "Corridors\n" + corridors.rendered() + "\n"
        if !result.lines.isEmpty {
            var lines = TextTable(
                headers: [
                    "line", "bus0", "bus1", "MVA", "net TWh", "→ TWh", "← TWh", "loading %", "at limit h", "→ h", "← h", "loop TWh",
                    "loop h",
                ],
                rightAligned: Set(3...12))
            for (branch, line) in zip(network.lines, LineFlowSummary.summaries(network: network, result: result)) {
                lines.add([
                    line.name + (branch.isTransformer ? " (transformer)" : ""), line.bus0, line.bus1, fixed(line.ratingMVA, 0),
                    fixed((line.forwardMWh - line.backwardMWh) / 1e6, 3), fixed(line.forwardMWh / 1e6, 2),
                    fixed(line.backwardMWh / 1e6, 2), fixed(100 * line.meanLoading, 1), fixed(line.hoursAtLimit, 0),
                    fixed(line.hoursAtLimitForward, 0), fixed(line.hoursAtLimitBackward, 0), fixed(line.loopFlowMWh / 1e6, 2),
                    fixed(line.loopFlowHours, 0),
                ])
            }
            out += "Lines (linearised power flow, Kirchhoff's voltage law; → bus0 to bus1, ← back; at limit h = congestion; "
            out += "loop = flow from the dearer to the cheaper bus, which a transport model would not route)\n"
            out += lines.rendered() + "\n"
        }
        if !result.capacities.isEmpty {
            var capacities = TextTable(headers: ["component", "name", "attribute", "given", "optimal"], rightAligned: [3, 4])
            for capacity in result.capacities {
                capacities.add([
                    capacity.component, capacity.name, capacity.attribute, fixed(capacity.given, 1), fixed(capacity.optimal, 1),
                ])
            }
            out += "Optimal capacities (extendable components)\n" + capacities.rendered() + "\n"
            out += "PyPSA objective: \(fixed(result.pypsaObjective, 2)) \(costing.unit) = total cost \(fixed(result.objective, 2)) "
            out += "less the capital cost of the given capacity of extendable components \(fixed(result.existingCapacityCost, 2)) "
            out += "(PyPSA's objective_constant)\n\n"
        }

        if let expansion { out += expansionText(expansion, network: network, result: result, unit: costing.unit) }

        var buses = TextTable(
            headers: [
                "bus", "price \(costing.unit)/MWh", "demand TWh", "imports TWh", "import tCO2/MWh", "production MtCO2", "consumption MtCO2",
                "shed MWh",
            ],
            rightAligned: [1, 2, 3, 4, 5, 6, 7])
        // Buses nothing connects to (e.g. a supply region only a later scenario year links) have no price.
        var connected = Set(network.generators.map(\.bus) + network.loads.map(\.bus) + network.storageUnits.map(\.bus))
        for link in network.links { connected.formUnion([link.bus0, link.bus1] + link.extraPorts.map(\.bus)) }
        for line in network.lines { connected.formUnion([line.bus0, line.bus1]) }
        for bus in result.buses where connected.contains(bus.name) {
            buses.add([
                bus.name + (bus.isExternal ? " (ext)" : ""), fixed(bus.meanPrice, 1), fixed(bus.demandMWh / 1e6, 2),
                fixed(bus.importedMWh / 1e6, 2), bus.importEmissionFactor.map { fixed($0, 3) } ?? "-",
                fixed(bus.productionCO2 / 1e6, 2), fixed(bus.consumptionCO2 / 1e6, 2), fixed(bus.shedMWh, 0),
            ])
        }
        out += "Prices and emissions (consumption CO2 by proportional-sharing flow tracing)\n" + buses.rendered() + "\n"
        out += "Total CO2: \(fixed(result.totalCO2 / 1e6, 2)) Mt"
        if let price = result.carbonPrice {
            out += "; carbon price (CO2 cap dual): \(fixed(abs(price) < 0.005 ? 0 : price, 2)) \(costing.unit)/t"
        }
        if let share = result.greenImportShare { out += "; green share of external supply: \(fixed(100 * share, 1)) %" }
        out += "\n"
        if result.shedEvents.isEmpty {
            out += "No load was shed.\n"
        } else {
            out += "Unserved energy: \(fixed(result.totalShedMWh, 0)) MWh in \(result.shedEvents.count) bus-hours, shed at "
            out += "\(fixed(network.valueOfLostLoad, 0)) \(costing.unit)/MWh:\n"
            for event in result.shedEvents.prefix(listedShedEvents) {
                out += "  \(event.bus) at \(event.snapshot): \(fixed(event.megawatts, 1)) MW\n"
            }
            if result.shedEvents.count > listedShedEvents { out += "  … \(result.shedEvents.count - listedShedEvents) more\n" }
        }
        out +=
            "Timings: load \(fixed(timings.load, 2)) s, build \(fixed(timings.build, 2)) s, solve \(fixed(timings.solve, 2)) s, total \(fixed(timings.total, 2)) s\n"
        return out
    }
}
