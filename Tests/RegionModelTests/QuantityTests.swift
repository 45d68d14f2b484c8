import RegionModel
import Testing

@Suite struct QuantityTests {
    @Test func chineseStatisticalUnitsConvert() {
        #expect(TWh.factor(for: "亿千瓦时") == 0.1)
        #expect(GW.factor(for: "万千瓦") == 0.01)
        #expect(MtCO2.factor(for: "亿吨 CO2") == 100)
        #expect(MtCO2.factor(for: "TWh") == nil)
    }

    @Test func sameUnitArithmetic() {
        let a = Quantity<MtCO2>(76), b = Quantity<MtCO2>(121)
        #expect((a + b).value == 197)
        #expect([a, b].sum().value == 197)
        #expect(a / b == 76.0 / 121.0)
    }
}
