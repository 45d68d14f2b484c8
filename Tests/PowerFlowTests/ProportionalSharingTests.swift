import PowerFlow
import Testing

/// Proportional sharing on a textbook radial network (after Bialek 1996):
/// A: 100 MW of coal (1 t/MWh), 40 MW load, sends 60 to C. B: 50 MW of wind, sends 50 to C.
/// C: 60 MW load, sends 50 to D. D: 50 MW load. C and D see the mix 60/110 t/MWh.
@Suite struct ProportionalSharingTests {
    @Test func textbookRadialNetwork() {
        let intensity = ProportionalSharing.intensities(
            localInjection: [100, 50, 0, 0], localEmissions: [100, 0, 0, 0],
            flows: [
                .init(from: 0, to: 2, sent: 60, efficiency: 1), .init(from: 1, to: 2, sent: 50, efficiency: 1),
                .init(from: 2, to: 3, sent: 50, efficiency: 1),
            ])
        #expect(abs(intensity[0] - 1) < 1e-12)
        #expect(intensity[1] == 0)
        #expect(abs(intensity[2] - 60.0 / 110) < 1e-12)
        #expect(abs(intensity[3] - 60.0 / 110) < 1e-12)
        let consumption = [40 * intensity[0], 0, 60 * intensity[2], 50 * intensity[3]]
        #expect(abs(consumption.reduce(0, +) - 100) < 1e-9)
    }

    /// A loop A→B→C→A with losses still conserves emissions (the system is solved, not walked).
    @Test func loopWithLossesConservesEmissions() {
        let flows: [ProportionalSharing.Flow] = [
            .init(from: 0, to: 1, sent: 50, efficiency: 0.9), .init(from: 1, to: 2, sent: 30, efficiency: 0.9),
            .init(from: 2, to: 0, sent: 10, efficiency: 0.9),
        ]
        let injection = [100.0, 20, 5]
        let emissions = [80.0, 2, 0]
        let c = ProportionalSharing.intensities(localInjection: injection, localEmissions: emissions, flows: flows)
        // Loads are what stays at each bus: inflow − outflow.
        let inflow = [100 + 9.0, 20 + 45.0, 5 + 27.0]
        let outflow = [50.0, 30, 10]
        let consumed = (0..<3).map { c[$0] * (inflow[$0] - outflow[$0]) }
        #expect(abs(consumed.reduce(0, +) - 82) < 1e-9)
        for i in 0..<3 { #expect(c[i] >= 0) }
    }

    @Test func busWithoutInflowHasZeroIntensity() {
        let c = ProportionalSharing.intensities(localInjection: [0, 10], localEmissions: [0, 5], flows: [])
        #expect(c == [0, 0.5])
    }
}
