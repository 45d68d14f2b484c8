import RegionModel

/// A uniform number in [0, 1) from 53 random bits: the same on every platform and Swift version, unlike
/// `Double.random(in:using:)`, whose algorithm the standard library does not promise.
public func unitInterval<G: RandomNumberGenerator>(_ generator: inout G) -> Double {
    Double(generator.next() >> 11) * 0x1p-53
}

extension Province {
    /// Whether any observation states a range (`Provenance.range`) to draw from.
    public var hasRanges: Bool {
        var found = false
        visitSeries { ranges in found = found || ranges }
        return found
    }

    /// A copy with every observation that states a range (`Provenance.range`) replaced by a uniform draw in it, in a
    /// fixed order of series and years, so a generator in the same state gives the same province.
    public func drawn<G: RandomNumberGenerator>(using generator: inout G) -> Province {
        var copy = self
        func draw<U>(_ series: Series<U>) -> Series<U> {
            guard series.observations.contains(where: { $0.provenance.range != nil }) else { return series }
            return Series(
                series.observations.map { observation in
                    guard let range = observation.provenance.range else { return observation }
                    var drawn = observation
                    drawn.quantity = Quantity(range.lowerBound + (range.upperBound - range.lowerBound) * unitInterval(&generator))
                    return drawn
                })
        }
        copy.population = draw(population)
        copy.gdp = draw(gdp)
        copy.energyUse = draw(energyUse)
        copy.electricity.consumption = draw(electricity.consumption)
        for fuel in Fuel.allCases {
            if let s = electricity.generation[fuel] { copy.electricity.generation[fuel] = draw(s) }
        }
        copy.electricity.imports = draw(electricity.imports)
        copy.electricity.exports = draw(electricity.exports)
        for fuel in Fuel.allCases {
            if let s = capacity[fuel] { copy.capacity[fuel] = draw(s) }
        }
        copy.power = PowerSectorEmissions(
            localThermal: draw(power.localThermal), imported: draw(power.imported), exported: draw(power.exported))
        for sector in EndUseSector.allCases {
            if let s = sectors[sector] {
                copy.sectors[sector] = EndUseEmissions(direct: draw(s.direct), electricityShare: draw(s.electricityShare))
            }
        }
        return copy
    }

    /// Calls `body` once per series with whether it has an observation with a range.
    private func visitSeries(_ body: (Bool) -> Void) {
        func has<U>(_ s: Series<U>) -> Bool { s.observations.contains { $0.provenance.range != nil } }
        body(has(population) || has(gdp) || has(energyUse) || has(electricity.consumption))
        body(has(electricity.imports) || has(electricity.exports))
        for s in electricity.generation.values { body(has(s)) }
        for s in capacity.values { body(has(s)) }
        body(has(power.localThermal) || has(power.imported) || has(power.exported))
        for s in sectors.values { body(has(s.direct) || has(s.electricityShare)) }
    }
}

extension Scenario {
    /// Whether any lever states a range (`band` or `ranges` in the scenario file).
    public var hasRanges: Bool {
        levers.values.contains(where: \.isUncertain) || overrides.values.contains { $0.values.contains(where: \.isUncertain) }
    }

    /// A copy with every uncertain lever path placed at one uniform draw in its ranges: region-wide levers first, then
    /// each province's overrides, each in lever order and provinces by id. A region-wide lever is one assumption, so
    /// one draw moves it for every province.
    public func drawn<G: RandomNumberGenerator>(using generator: inout G) -> Scenario {
        var copy = self
        for lever in Lever.allCases {
            if let path = levers[lever], path.isUncertain { copy.levers[lever] = path.placed(at: unitInterval(&generator)) }
        }
        for region in overrides.keys.sorted() {
            for lever in Lever.allCases {
                if let path = overrides[region]?[lever], path.isUncertain {
                    copy.overrides[region]?[lever] = path.placed(at: unitInterval(&generator))
                }
            }
        }
        return copy
    }
}
