import Pathways
import RegionModel
import Testing

@Suite struct KayaDecompositionTests {
    @Test func effectsSumExactlyToTheChange() {
        let start = KayaFactors(population: Quantity(2418), gdp: Quantity(32925), energy: Quantity(11859), emissions: Quantity(197))
        let end = KayaFactors(population: Quantity(2428), gdp: Quantity(38155), energy: Quantity(11696), emissions: Quantity(185.4))
        let d = KayaDecomposition(from: 2017, start, to: 2019, end)
        #expect(abs(d.sumOfEffects.value - d.totalChange.value) < 1e-9)
        #expect(d.gdpPerCapita.value > 0)
        #expect(d.energyIntensity.value < 0)
    }

    @Test func unchangedFactorsGiveZeroEffects() {
        let f = KayaFactors(population: Quantity(100), gdp: Quantity(1000), energy: Quantity(50), emissions: Quantity(10))
        let d = KayaDecomposition(from: 2020, f, to: 2021, f)
        #expect(d.population.value == 0 && d.carbonIntensity.value == 0 && d.totalChange.value == 0)
    }
}
