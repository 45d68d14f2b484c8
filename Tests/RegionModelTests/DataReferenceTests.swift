import Foundation
import RegionModel
import Testing
import YrdplanTestSupport

@Suite struct DataReferenceTests {
    @Test func theDataReferencePageIsCurrent() {
        let page = ProjectPaths.root.appendingPathComponent("docs/data-reference.md")
        if let mismatch = Golden.mismatch(DataSchema.markdownReference(), goldenFile: page) {
            Issue.record("\(mismatch)")
        }
    }

    @Test func everyLeverHasASpecAndEveryFieldAUnit() {
        for lever in Lever.allCases { #expect(!lever.spec.meaning.isEmpty) }
        for field in DataSchema.provinceFields {
            #expect(field.factor(field.unitSymbol) == 1)
            #expect(field.plausibleMaximum > 0)
        }
        #expect(DataSchema.isGroup(["emissions", "power"]))
        #expect(DataSchema.keys(under: ["emissions"]).first == "power")
    }

    @Test func gridAndAgreementTablesNameEachKeyOnceAndGiveFiguresTheirUnits() {
        for table in DataSchema.gridTables + DataSchema.agreementTables {
            #expect(Set(table.knownKeys).count == table.knownKeys.count, "\(table.name) lists a key twice")
            for field in table.fields { #expect(!field.meaning.isEmpty, "\(table.name).\(field.key) has no meaning") }
        }
        #expect(DataSchema.relocationPlant["jobs"].figureUnits == [.jobs])
        #expect(DataSchema.splitPeriod.knownKeys.contains("ref") && !DataSchema.splitPeriod.knownKeys.contains("year"))
        #expect(DataSchema.gridChange.knownKeys.contains("add_generator"))
    }
}
