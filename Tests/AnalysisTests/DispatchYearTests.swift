import Analysis
import Foundation
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// Dispatch figures carry the year of the grid scenario they come from, not the grid's base year.
@Suite struct DispatchYearTests {
    @Test func scenarioFiguresCarryTheirScenarioYear() throws {
        let model = try RegionLoader.load(from: ProjectPaths.regions, displayRoot: "Regions")
        let grid = try #require(model.grid)
        #expect(grid.base.baseYear == 2022, "grid.yaml's base_year")
        for overlay in grid.overlays {
            let figures = try #require(try EditionAnalysis.dispatchFigures(model, scenario: overlay.name))
            let expected = overlay.year ?? grid.base.baseYear
            #expect(!figures.corridors.isEmpty)
            for corridor in figures.corridors {
                #expect(corridor.flow.provenance.year == expected, "\(overlay.name): \(corridor.id)")
            }
            for factor in figures.importFactors.values {
                #expect(factor.provenance.year == expected, "\(overlay.name)")
            }
        }
    }
}
