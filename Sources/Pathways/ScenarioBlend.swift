import RegionModel

// MARK: - Moving one scenario's levers part of the way toward another's (the goal seek's one knob per province)

extension ProjectionEngine {
    /// The constant level the engine uses for `lever` when a scenario does not give it, where that level does not
    /// depend on the province's base-year state (`nil` otherwise: non-fossil and import shares, the coal cap, EV
    /// sales and the floor area hold base-year states, so an absent path cannot be blended from).
    public static func omittedLevel(_ lever: Lever) -> Double? {
        switch lever {
        case .steelOutputIndex, .petrochemicalCapacityIndex: 1
        case .localNonFossilShare, .importShare, .coalPowerCap, .evNewSalesShare, .floorArea: nil
        default: 0
        }
    }
}

extension LeverPath {
    /// `(1 − weight) · self + weight · other` from `firstYear` on, `self` up to `firstYear` (what is past or
    /// already under way does not move): anchors at every year either path has after `firstYear`, and at
    /// `firstYear` itself. The blend states no range: blend paths already drawn (`Scenario.drawn`), so that every
    /// weight sees the same draw.
    public func blended(toward other: LeverPath, weight: Double, from firstYear: Int) -> LeverPath {
        guard weight != 0 else { return self }
        var points = years.filter { $0 < firstYear }.map { (year: $0, value: value(in: $0)) }
        for year in Set(years + other.years + [firstYear]).filter({ $0 >= firstYear }).sorted() {
            let mine = value(in: year)
            points.append((year, year == firstYear ? mine : mine + weight * (other.value(in: year) - mine)))
        }
        return LeverPath(points: points, provenance: provenance)
    }

    /// A flat path at `level` (a lever the scenario leaves at the engine's default), for blending from.
    public static func flat(_ level: Double, provenance: Provenance) -> LeverPath {
        LeverPath(points: [(2000, level)], provenance: provenance)
    }
}

extension Scenario {
    /// The levers of `region` that differ between this scenario and `target` and can be moved toward it: present
    /// in `target`, and present here or with an `omittedLevel` to start from. In lever order.
    public func movableLevers(toward target: Scenario, for region: RegionID) -> [Lever] {
        Lever.allCases.filter { lever in
            guard let theirs = target.path(lever, for: region) else { return false }
            guard let mine = path(lever, for: region) else { return ProjectionEngine.omittedLevel(lever) != nil }
            return mine.years != theirs.years || mine.values != theirs.values || mine.ranges != theirs.ranges
        }
    }

    /// This scenario with each region's movable levers moved `weights[region]` of the way toward `target`'s from
    /// `firstYear` on (0: this scenario, 1: `target`'s levers for every year after `firstYear`). Regions without a
    /// weight, and levers `target` does not give, keep this scenario's paths. The name stays this scenario's.
    public func blended(toward target: Scenario, weights: [RegionID: Double], from firstYear: Int) -> Scenario {
        var copy = self
        for (region, weight) in weights where weight != 0 {
            for lever in movableLevers(toward: target, for: region) {
                guard let theirs = target.path(lever, for: region) else { continue }
                let mine =
                    path(lever, for: region)
                    ?? LeverPath.flat(ProjectionEngine.omittedLevel(lever)!, provenance: theirs.provenance)
                copy.overrides[region, default: [:]][lever] = mine.blended(toward: theirs, weight: weight, from: firstYear)
            }
        }
        return copy
    }
}
