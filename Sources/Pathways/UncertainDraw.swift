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
        var draw = UniformDraw(generator: generator)
        let copy = mapSeries(&draw)
        generator = draw.generator
        return copy
    }

    /// A copy whose observations state no range: every number as written, nothing to draw.
    public var withoutRanges: Province {
        var strip = RangeRemoval()
        return mapSeries(&strip)
    }

    /// A copy with `transform` applied to every series, in a fixed order of series.
    private func mapSeries<T: SeriesTransform>(_ transform: inout T) -> Province {
        var copy = self
        copy.population = transform.apply(population)
        copy.gdp = transform.apply(gdp)
        copy.energyUse = transform.apply(energyUse)
        copy.electricity.consumption = transform.apply(electricity.consumption)
        for fuel in Fuel.allCases {
            if let s = electricity.generation[fuel] { copy.electricity.generation[fuel] = transform.apply(s) }
        }
        copy.electricity.imports = transform.apply(electricity.imports)
        copy.electricity.exports = transform.apply(electricity.exports)
        for fuel in Fuel.allCases {
            if let s = capacity[fuel] { copy.capacity[fuel] = transform.apply(s) }
        }
        copy.power = PowerSectorEmissions(
            localThermal: transform.apply(power.localThermal), imported: transform.apply(power.imported),
            exported: transform.apply(power.exported))
        for sector in EndUseSector.allCases {
            if let s = sectors[sector] {
                copy.sectors[sector] = EndUseEmissions(
                    direct: transform.apply(s.direct), electricityShare: transform.apply(s.electricityShare))
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

/// Something done to every series of a province (drawing in the ranges, removing them).
private protocol SeriesTransform {
    mutating func apply<U>(_ series: Series<U>) -> Series<U>
}

/// Replaces each observation that states a range by a uniform draw in it.
private struct UniformDraw<G: RandomNumberGenerator>: SeriesTransform {
    var generator: G

    mutating func apply<U>(_ series: Series<U>) -> Series<U> {
        guard series.observations.contains(where: { $0.provenance.range != nil }) else { return series }
        return Series(
            series.observations.map { observation in
                guard let range = observation.provenance.range else { return observation }
                var drawn = observation
                drawn.quantity = Quantity(range.lowerBound + (range.upperBound - range.lowerBound) * unitInterval(&generator))
                return drawn
            })
    }
}

/// Removes every observation's range.
private struct RangeRemoval: SeriesTransform {
    mutating func apply<U>(_ series: Series<U>) -> Series<U> {
        Series(
            series.observations.map { observation in
                var plain = observation
                plain.provenance.range = nil
                return plain
            })
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
