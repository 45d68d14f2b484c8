import Foundation
import RegionModel

/// The Kaya identity's four factors for one region and year: CO2 = P × (GDP/P) × (E/GDP) × (CO2/E).
public struct KayaFactors: Hashable, Sendable {
    /// Resident population, 10,000 people.
    public var population: Quantity<TenThousandPeople>
    /// GDP, 100 million yuan.
    public var gdp: Quantity<HundredMillionYuan>
    /// Total energy use, 10,000 tce.
    public var energy: Quantity<TenThousandTCE>
    /// CO2 emissions, Mt.
    public var emissions: Quantity<MtCO2>

    public init(
        population: Quantity<TenThousandPeople>, gdp: Quantity<HundredMillionYuan>,
        energy: Quantity<TenThousandTCE>, emissions: Quantity<MtCO2>
    ) {
        self.population = population
        self.gdp = gdp
        self.energy = energy
        self.emissions = emissions
    }

    var gdpPerCapita: Double { gdp.value / population.value }
    var energyIntensity: Double { energy.value / gdp.value }
    var carbonIntensity: Double { emissions.value / energy.value }
}

/// The change in emissions between two years split into the Kaya effects by additive LMDI-I
/// (Ang 2004); the four effects sum exactly to the change.
public struct KayaDecomposition: Hashable, Sendable {
    public var fromYear: Int
    public var toYear: Int
    public var totalChange: Quantity<MtCO2>
    public var population: Quantity<MtCO2>
    public var gdpPerCapita: Quantity<MtCO2>
    public var energyIntensity: Quantity<MtCO2>
    public var carbonIntensity: Quantity<MtCO2>

    /// The sum of the four effects (equal to `totalChange` up to floating-point rounding).
    public var sumOfEffects: Quantity<MtCO2> {
        population + gdpPerCapita + energyIntensity + carbonIntensity
    }

    /// Decomposes the change from `start` to `end`. All factors must be positive.
    public init(from fromYear: Int, _ start: KayaFactors, to toYear: Int, _ end: KayaFactors) {
        self.fromYear = fromYear
        self.toYear = toYear
        let weight = Self.logarithmicMean(end.emissions.value, start.emissions.value)
        func effect(_ a: Double, _ b: Double) -> Quantity<MtCO2> { Quantity(weight * log(b / a)) }
        population = effect(start.population.value, end.population.value)
        gdpPerCapita = effect(start.gdpPerCapita, end.gdpPerCapita)
        energyIntensity = effect(start.energyIntensity, end.energyIntensity)
        carbonIntensity = effect(start.carbonIntensity, end.carbonIntensity)
        totalChange = end.emissions - start.emissions
    }

    /// L(a, b) = (a − b) / (ln a − ln b), with L(a, a) = a.
    static func logarithmicMean(_ a: Double, _ b: Double) -> Double {
        if abs(a - b) <= 1e-12 * max(abs(a), abs(b)) { return a }
        return (a - b) / (log(a) - log(b))
    }
}
