import Foundation
import Testing
import YrdplanTestSupport

/// `yrdplan validate` recomputes every derivation of the shipped data and rejects a stored value its formula does not give.
@Suite struct DerivationCheckTests {
    @Test func validateReportsTheSourcedShare() throws {
        let result = try BinaryRunner.run(["validate", "--regions", ProjectPaths.regions.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(" numbers: "))
        #expect(result.stdout.contains(" sourced ("))
        #expect(result.stdout.contains(" derived, "))
    }

    @Test func aBrokenDerivationIsReportedAtItsLineAndExitsOne() throws {
        let temp = try TemporaryDirectory()
        let regions = try temp.copy(ProjectPaths.regions, as: "Regions")
        let file = regions.appendingPathComponent("anhui.yaml")
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(
            lines.firstIndex { $0.contains("statistics.ceads.petroleum_coking[2017]") && $0.contains("year: 2017, value: 1.19,") })
        lines[index] = lines[index].replacingOccurrences(of: "value: 1.19,", with: "value: 8.68,")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["validate", "--regions", regions.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.split(separator: "\n").contains {
                $0.contains("anhui.yaml:\(index + 1): ") && $0.contains("emissions.petrochemicals.direct[2017] is 8.68 but its formula")
            }, "\(result.stderr)")
    }
}
