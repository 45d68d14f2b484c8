import Diagnostics

extension GridNetwork {
    /// Every problem of the model, each with the location of the offending row when known:
    /// profile lengths that do not match the snapshots, negative or non-finite numbers, unknown
    /// buses or carriers, duplicate names, impossible efficiencies and bounds.
    public func validate() -> [Diagnostic] {
        var engine = DiagnosticEngine()
        let count = snapshots.count
        if count == 0 {
            engine.error(at: nil, "grid '\(name)' has no snapshots", fix: "give at least one snapshot (hour)")
        }
        for snapshot in snapshots {
            for (label, weight) in [
                ("objective", snapshot.objectiveWeight), ("generators", snapshot.generatorWeight),
                ("stores", snapshot.storeWeight),
            ] where !(weight.isFinite && weight >= 0) {
                engine.error(
                    at: nil, "snapshot '\(snapshot.label)' has \(label) weighting \(weight)",
                    fix: "use a finite, non-negative number of hours")
            }
        }
        let busNames = Set(buses.map(\.name))
        let carrierNames = Set(carriers.map(\.name))
        checkUnique(buses.map { ($0.name, $0.origin) }, kind: "bus", into: &engine)
        checkUnique(carriers.map { ($0.name, $0.origin) }, kind: "carrier", into: &engine)
        checkUnique(generators.map { ($0.name, $0.origin) }, kind: "generator", into: &engine)
        checkUnique(links.map { ($0.name, $0.origin) }, kind: "link", into: &engine)
        checkUnique(storageUnits.map { ($0.name, $0.origin) }, kind: "storage unit", into: &engine)
        checkUnique(loads.map { ($0.name, $0.origin) }, kind: "load", into: &engine)
        checkUnique(lines.filter { !$0.isTransformer }.map { ($0.name, $0.origin) }, kind: "line", into: &engine)
        checkUnique(lines.filter(\.isTransformer).map { ($0.name, $0.origin) }, kind: "transformer", into: &engine)
        checkUnique(stores.map { ($0.name, $0.origin) }, kind: "store", into: &engine)

        func bus(_ name: String, of what: String, at origin: SourceLocation?) {
            if !busNames.contains(name) {
                engine.error(
                    at: origin, "\(what) refers to unknown bus '\(name)'",
                    fix: "add bus '\(name)' or use one of: \(busNames.sorted().prefix(8).joined(separator: ", "))")
            }
        }
        func carrier(_ name: String, of what: String, at origin: SourceLocation?) {
            if !carrierNames.isEmpty && !carrierNames.contains(name) {
                engine.error(at: origin, "\(what) uses unknown carrier '\(name)'", fix: "add carrier '\(name)' to the carriers")
            }
        }
        func number(_ value: Double, _ field: String, of what: String, at origin: SourceLocation?, allowNegative: Bool = false) {
            if !value.isFinite {
                engine.error(at: origin, "\(what) has \(field) \(value)", fix: "give a finite number")
            } else if !allowNegative && value < 0 {
                engine.error(at: origin, "\(what) has negative \(field) \(value)", fix: "use a value ≥ 0")
            }
        }
        /// Reports the first value of `profile` that is not `valid` (with its snapshot when it is a series).
        func values(
            _ profile: GridProfile, _ field: String, of what: String, at origin: SourceLocation?, fix: String,
            valid: (Double) -> Bool
        ) {
            if case .series(let series) = profile, series.count != count {
                engine.error(
                    at: origin, "\(what) has \(series.count) values of \(field) but there are \(count) snapshots",
                    fix: "give exactly one value per snapshot")
            }
            guard let (value, snapshot) = profile.firstViolation(of: valid) else { return }
            engine.error(at: origin, "\(what) has \(field) \(value)\(snapshot.map { " in snapshot \($0)" } ?? "")", fix: fix)
        }
        func finite(_ profile: GridProfile, _ field: String, of what: String, at origin: SourceLocation?) {
            values(profile, field, of: what, at: origin, fix: "give a finite number") { $0.isFinite }
        }
        func efficiency(_ profile: GridProfile, _ field: String, of what: String, at origin: SourceLocation?) {
            values(profile, field, of: what, at: origin, fix: "use a value in (0, 1]") { $0.isFinite && $0 > 0 && $0 <= 1 }
        }
        func standingLoss(_ profile: GridProfile, of what: String, at origin: SourceLocation?) {
            values(profile, "standing_loss", of: what, at: origin, fix: "use a share per hour in 0…1") {
                $0.isFinite && (0...1).contains($0)
            }
        }
        func profile(_ profile: GridProfile, _ field: String, of what: String, at origin: SourceLocation?, range: ClosedRange<Double>?) {
            switch profile {
            case .constant(let value):
                number(value, field, of: what, at: origin, allowNegative: range == nil)
                if let range, value.isFinite, !range.contains(value) {
                    engine.error(at: origin, "\(what) has \(field) \(value)", fix: "use a value in \(range.lowerBound)…\(range.upperBound)")
                }
            case .series(let values):
                if values.count != count {
                    engine.error(
                        at: origin, "\(what) has \(values.count) values of \(field) but there are \(count) snapshots",
                        fix: "give exactly one value per snapshot")
                }
                if let bad = values.firstIndex(where: { !$0.isFinite }) {
                    engine.error(at: origin, "\(what) has \(field) \(values[bad]) in snapshot \(bad)", fix: "give a finite number")
                } else if let range, let bad = values.firstIndex(where: { !range.contains($0) }) {
                    engine.error(
                        at: origin, "\(what) has \(field) \(values[bad]) in snapshot \(bad)",
                        fix: "use values in \(range.lowerBound)…\(range.upperBound)")
                }
            }
        }

        func setPoints(_ points: [Int: Double], _ field: String, of what: String, at origin: SourceLocation?) {
            for (t, value) in points.sorted(by: { $0.key < $1.key }) where !(0..<count).contains(t) || !value.isFinite {
                engine.error(
                    at: origin, "\(what) has \(field) \(value) in snapshot \(t)", fix: "give a finite value in an existing snapshot")
            }
        }

        func expansion(_ expansion: GridExpansion?, _ field: String, of what: String, at origin: SourceLocation?) {
            guard let expansion else { return }
            if let fixed = expansion.fixed { number(fixed, "\(field)_set", of: what, at: origin) }
            number(expansion.capitalCost, "capital_cost", of: what, at: origin, allowNegative: true)
            number(expansion.minimum, "\(field)_min", of: what, at: origin)
            if expansion.maximum.isNaN || expansion.maximum < 0 {
                engine.error(at: origin, "\(what) has \(field)_max \(expansion.maximum)", fix: "use a value ≥ 0, or inf for no limit")
            } else if expansion.minimum.isFinite && expansion.minimum > expansion.maximum {
                engine.error(
                    at: origin, "\(what) has \(field)_min \(expansion.minimum) above \(field)_max \(expansion.maximum)",
                    fix: "make \(field)_min ≤ \(field)_max")
            }
        }

        func ramp(_ ramp: GridRampLimits?, of what: String, at origin: SourceLocation?) {
            guard let ramp else { return }
            for (field, limit) in [("ramp_limit_up", ramp.up), ("ramp_limit_down", ramp.down)] {
                // NaN: no limit in that snapshot.
                if let limit {
                    values(limit, field, of: what, at: origin, fix: "use a value ≥ 0, or leave it empty for no limit") {
                        $0.isNaN || ($0.isFinite && $0 >= 0)
                    }
                }
            }
            if let initial = ramp.initialPower { number(initial, "p_init", of: what, at: origin, allowNegative: true) }
        }

        for carrierItem in carriers {
            number(carrierItem.co2PerPrimaryMWh, "co2_emissions", of: "carrier '\(carrierItem.name)'", at: carrierItem.origin)
        }
        for generator in generators {
            let what = "generator '\(generator.name)'"
            bus(generator.bus, of: what, at: generator.origin)
            carrier(generator.carrier, of: what, at: generator.origin)
            number(generator.nominalPower, "p_nom", of: what, at: generator.origin)
            finite(generator.marginalCost, "marginal_cost", of: what, at: generator.origin)
            efficiency(generator.efficiency, "efficiency", of: what, at: generator.origin)
            profile(generator.minPerUnit, "p_min_pu", of: what, at: generator.origin, range: 0...1)
            profile(generator.maxPerUnit, "p_max_pu", of: what, at: generator.origin, range: 0...1)
            expansion(generator.expansion, "p_nom", of: what, at: generator.origin)
            setPoints(generator.fixedOutput, "p_set", of: what, at: generator.origin)
            ramp(generator.ramp, of: what, at: generator.origin)
            if generator.minEnergy.isNaN || generator.maxEnergy.isNaN || generator.minEnergy > generator.maxEnergy
                || generator.minEnergy == .infinity || generator.maxEnergy == -.infinity
            {
                engine.error(
                    at: generator.origin, "\(what) has e_sum_min \(generator.minEnergy) and e_sum_max \(generator.maxEnergy)",
                    fix: "make e_sum_min ≤ e_sum_max (-inf and inf for no limit)")
            }
            if count > 0, generator.minPerUnit.isSeries == false, generator.maxPerUnit.isSeries == false,
                generator.minPerUnit[0] > generator.maxPerUnit[0]
            {
                engine.error(at: generator.origin, "\(what) has p_min_pu above p_max_pu", fix: "make p_min_pu ≤ p_max_pu")
            }
        }
        for load in loads {
            let what = "load '\(load.name)'"
            bus(load.bus, of: what, at: load.origin)
            profile(load.demand, "p_set", of: what, at: load.origin, range: nil)
        }
        for link in links {
            let what = "link '\(link.name)'"
            bus(link.bus0, of: what, at: link.origin)
            bus(link.bus1, of: what, at: link.origin)
            if link.bus0 == link.bus1 {
                engine.error(at: link.origin, "\(what) starts and ends at bus '\(link.bus0)'", fix: "connect two different buses")
            }
            number(link.nominalPower, "p_nom", of: what, at: link.origin)
            finite(link.marginalCost, "marginal_cost", of: what, at: link.origin)
            if allowsLinkGain {
                values(link.efficiency, "efficiency", of: what, at: link.origin, fix: "use a positive efficiency") {
                    $0.isFinite && $0 > 0
                }
            } else {
                efficiency(link.efficiency, "efficiency", of: what, at: link.origin)
            }
            finite(link.minPerUnit, "p_min_pu", of: what, at: link.origin)
            finite(link.maxPerUnit, "p_max_pu", of: what, at: link.origin)
            if let t = (0..<count).first(where: { link.minPerUnit[$0] > link.maxPerUnit[$0] }) {
                engine.error(
                    at: link.origin,
                    "\(what) has p_min_pu above p_max_pu\(link.minPerUnit.isSeries || link.maxPerUnit.isSeries ? " in snapshot \(t)" : "")",
                    fix: "make p_min_pu ≤ p_max_pu")
            }
            for port in link.extraPorts {
                bus(port.bus, of: what, at: link.origin)
                finite(port.efficiency, "efficiency of its port at '\(port.bus)'", of: what, at: link.origin)
            }
            expansion(link.expansion, "p_nom", of: what, at: link.origin)
            setPoints(link.fixedFlow, "p_set", of: what, at: link.origin)
            ramp(link.ramp, of: what, at: link.origin)
        }
        for line in lines {
            let what = "\(line.isTransformer ? "transformer" : "line") '\(line.name)'"
            bus(line.bus0, of: what, at: line.origin)
            bus(line.bus1, of: what, at: line.origin)
            if line.bus0 == line.bus1 {
                engine.error(at: line.origin, "\(what) starts and ends at bus '\(line.bus0)'", fix: "connect two different buses")
            }
            number(line.reactancePerUnit, "x", of: what, at: line.origin, allowNegative: true)
            number(line.resistancePerUnit, "r", of: what, at: line.origin, allowNegative: true)
            number(line.nominalPower, "s_nom", of: what, at: line.origin)
            profile(line.maxPerUnit, "s_max_pu", of: what, at: line.origin, range: 0...1)
            expansion(line.expansion, "s_nom", of: what, at: line.origin)
        }
        for unit in storageUnits {
            let what = "storage unit '\(unit.name)'"
            bus(unit.bus, of: what, at: unit.origin)
            carrier(unit.carrier, of: what, at: unit.origin)
            number(unit.nominalPower, "p_nom", of: what, at: unit.origin)
            number(unit.maxHours, "max_hours", of: what, at: unit.origin)
            finite(unit.marginalCost, "marginal_cost", of: what, at: unit.origin)
            finite(unit.spillCost, "spill_cost", of: what, at: unit.origin)
            finite(unit.storageCost, "marginal_cost_storage", of: what, at: unit.origin)
            finite(unit.maxPerUnit, "p_max_pu", of: what, at: unit.origin)
            finite(unit.minPerUnit, "p_min_pu", of: what, at: unit.origin)
            number(unit.initialStateOfCharge, "state_of_charge_initial", of: what, at: unit.origin)
            efficiency(unit.efficiencyStore, "efficiency_store", of: what, at: unit.origin)
            efficiency(unit.efficiencyDispatch, "efficiency_dispatch", of: what, at: unit.origin)
            standingLoss(unit.standingLoss, of: what, at: unit.origin)
            profile(unit.inflow, "inflow", of: what, at: unit.origin, range: 0...Double.greatestFiniteMagnitude)
            for (t, value) in unit.fixedStateOfCharge.sorted(by: { $0.key < $1.key }) {
                if !(0..<max(count, 1)).contains(t) || !value.isFinite || value < 0 {
                    engine.error(
                        at: unit.origin, "\(what) has state_of_charge_set \(value) in snapshot \(t)",
                        fix: "give a finite state of charge ≥ 0 in an existing snapshot")
                }
            }
            expansion(unit.expansion, "p_nom", of: what, at: unit.origin)
            setPoints(unit.fixedDispatch, "p_dispatch_set", of: what, at: unit.origin)
            setPoints(unit.fixedCharge, "p_store_set", of: what, at: unit.origin)
            setPoints(unit.fixedNetOutput, "p_set", of: what, at: unit.origin)
        }
        for store in stores {
            let what = "store '\(store.name)'"
            bus(store.bus, of: what, at: store.origin)
            carrier(store.carrier, of: what, at: store.origin)
            number(store.nominalEnergy, "e_nom", of: what, at: store.origin)
            profile(store.minPerUnit, "e_min_pu", of: what, at: store.origin, range: -1...1)
            profile(store.maxPerUnit, "e_max_pu", of: what, at: store.origin, range: -1...1)
            number(store.initialEnergy, "e_initial", of: what, at: store.origin, allowNegative: true)
            finite(store.marginalCost, "marginal_cost", of: what, at: store.origin)
            finite(store.storageCost, "marginal_cost_storage", of: what, at: store.origin)
            standingLoss(store.standingLoss, of: what, at: store.origin)
            expansion(store.expansion, "e_nom", of: what, at: store.origin)
            setPoints(store.fixedPower, "p_set", of: what, at: store.origin)
            setPoints(store.fixedEnergy, "e_set", of: what, at: store.origin)
        }
        if let co2Cap {
            number(co2Cap, "CO2 cap", of: "grid '\(name)'", at: co2CapOrigin)
        }
        if let share = greenImportShare, !(share.minimumShare.isFinite && (0...1).contains(share.minimumShare)) {
            engine.error(at: share.origin, "minimum green import share is \(share.minimumShare)", fix: "use a share between 0 and 1")
        }
        if !(valueOfLostLoad.isFinite && valueOfLostLoad > 0) {
            engine.error(at: nil, "value of lost load is \(valueOfLostLoad)", fix: "use a positive cost in yuan/MWh")
        }
        return engine.sorted
    }

    private func checkUnique(_ items: [(String, SourceLocation?)], kind: String, into engine: inout DiagnosticEngine) {
        var seen: Set<String> = []
        for (name, origin) in items {
            if name.isEmpty {
                engine.error(at: origin, "a \(kind) has an empty name", fix: "give every \(kind) a name")
            } else if !seen.insert(name).inserted {
                engine.error(at: origin, "\(kind) '\(name)' is defined twice", fix: "rename or remove one of them")
            }
        }
    }
}
