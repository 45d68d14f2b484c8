import Analysis
import Briefs
import Foundation
import Site
import Testing
import YrdplanTestSupport

/// The brief data files, the zip writer, the licence and CITATION.cff, and the editions archive with its changelog.
@Suite struct BriefDataFileTests {
    // MARK: CRC-32 and the stored zip

    /// The check values of CRC-32/ISO-HDLC from the CRC catalogue (reveng.sourceforge.io/crc-catalogue).
    @Test func crc32MatchesTheCatalogueCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        // zlib's crc32("The quick brown fox jumps over the lazy dog").
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    static let unzip = "/usr/bin/unzip"

    /// Info-ZIP's unzip (an independent reader) tests the archive and extracts each entry byte for byte.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: unzip))) func storedZipIsReadByUnzip() throws {
        let dir = try TemporaryDirectory()
        let entries: [StoredZip.Entry] = [
            .init(name: "brief-x/README.txt", bytes: Array("第一行\nline two\n".utf8)),
            .init(name: "brief-x/brief-x.csv", bytes: Array("figure,value\ntotal,181.31\n".utf8)),
            .init(name: "brief-x/empty.json", bytes: []),
        ]
        let zip = StoredZip.archive(entries, date: "2026-11-30")
        let url = dir.url.appendingPathComponent("x.zip")
        try Data(zip).write(to: url)
        let test = try BinaryRunner.runTool(Self.unzip, ["-t", url.path])
        #expect(test.status == 0 && test.output.contains("No errors detected"), "\(test.output)")
        let listing = try BinaryRunner.runTool(Self.unzip, ["-l", url.path])
        #expect(listing.output.contains("2026-11-30 00:00"), "the edition's date, not the clock: \(listing.output)")
        for entry in entries {
            let extracted = try BinaryRunner.runTool(Self.unzip, ["-p", url.path, entry.name])
            #expect(Array(extracted.data) == entry.bytes, "\(entry.name)")
        }
        #expect(StoredZip.archive(entries, date: "2026-11-30") == zip)
    }

    // MARK: Data files of the fixture

    @Test func everyBriefHasCsvJsonAndZipLinkedFromBothLanguages() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("site")
        let input = try SiteFixture.input()
        _ = try SiteFixture.publisher(SiteFixture.request(out), input: input).run()
        let files = try SiteFixture.tree(out)
        for province in input.provinces {
            for ext in ["csv", "json", "zip"] {
                let path = "data/brief-\(province.id).\(ext)"
                #expect(files[path] != nil, "\(path)")
                #expect(files["editions/\(input.editionDate)/\(path)"] == files[path], "archived copy of \(path)")
                for language in ["en", "zh"] {
                    let page = String(decoding: try #require(files["\(language)/\(province.id).html"]), as: UTF8.self)
                    #expect(page.contains("href=\"../\(path)\""), "\(language)/\(province.id).html links \(path)")
                }
            }
            let json = try #require(files["data/brief-\(province.id).json"])
            let data = try BriefData.decode(json: json)
            // The total as the fixture states it (Tests/BriefsTests/Fixtures/brief-input.json), with its year and source.
            let total = try #require(data.figures.first { $0.id == "total" })
            #expect(total.value == province.total.value && total.unit == province.total.unit)
            #expect(total.year == province.total.provenance.year && total.sourceKey == province.total.provenance.sourceKey)
            let csv = String(decoding: try #require(files["data/brief-\(province.id).csv"]), as: UTF8.self)
            #expect(csv.hasPrefix("figure,description,scenario,value,unit,year,confidence,source_key,source,note\n"))
            #expect(csv.contains("\ntotal,"))
        }
        #expect(files["LICENSE-data.txt"].map { String(decoding: $0, as: UTF8.self).contains("CC BY 4.0") } == true)
        let cff = String(decoding: try #require(files["CITATION.cff"]), as: UTF8.self)
        #expect(cff.hasPrefix("cff-version: 1.2.0\n"))
        #expect(cff.contains("version: \"\(input.editionDate)\"") && cff.contains("license: CC-BY-4.0"))
        let en = String(decoding: try #require(files["en/shanghai.html"]), as: UTF8.self)
        #expect(en.contains("https://briefs.example.org/editions/\(input.editionDate)/en/shanghai.html"))
    }

    /// A source's own terms (`licence:` in sources.yaml) are named in LICENSE-data.txt; without any, the file says the
    /// terms of the original publisher apply — it never invents a licence.
    @Test func licenceFileNamesTheTermsSourcesStateAndNoOthers() throws {
        for terms in [[SourceTerms(sourceKey: "owid", title: "Our World in Data: CO2 dataset", licence: "CC BY 4.0")], []] {
            let dir = try TemporaryDirectory()
            let out = dir.url.appendingPathComponent("site")
            var input = try SiteFixture.input()
            input.sourceTerms = terms
            _ = try SiteFixture.publisher(SiteFixture.request(out), input: input).run()
            let text = try String(contentsOf: out.appendingPathComponent("LICENSE-data.txt"), encoding: .utf8)
            #expect(text.contains("CC BY 4.0"))
            if terms.isEmpty {
                #expect(text.contains("No source in Regions/sources.yaml states terms of its own"))
            } else {
                #expect(text.contains("  owid (Our World in Data: CO2 dataset): CC BY 4.0\n"))
            }
        }
    }

    // MARK: Changes between editions

    static func data(_ values: [(String, Double)]) -> BriefData {
        let citation = Citation(sourceKey: "k", source: "s", year: 2020, confidence: .sourced)
        return BriefData(
            edition: "", brief: "shanghai", licence: "CC-BY-4.0", citation: "",
            figures: values.map { PublishedFigure(id: $0.0, description: $0.0, value: $0.1, unit: "Mt CO2", citation: citation) })
    }

    @Test func changesNameChangedNewAndRemovedFiguresWithTheirValues() {
        let old = Self.data([("total", 181.31), ("intensity", 0.465337), ("gone", 1)])
        let new = Self.data([("total", 181.31), ("intensity", 0.453271), ("added", 2)])
        let changes = EditionChanges.between(old, new)
        #expect(changes.map(\.figure) == ["intensity", "added", "gone"])
        #expect(changes[0].old == 0.465337 && changes[0].new == 0.453271)
        #expect(abs(changes[0].change! - -0.012066) < 1e-12)
        #expect(changes[1].old == nil && changes[2].new == nil)
        // Differences below the 6 decimals the files keep are not changes.
        #expect(EditionChanges.between(Self.data([("total", 1.0)]), Self.data([("total", 1.0000000004)])).isEmpty)
    }

    @Test func historyIsNewestFirstEachAgainstItsPredecessor() {
        let history = EditionChanges.history(
            [
                "2026-01-01": ["shanghai": Self.data([("total", 1)])], "2026-02-01": ["shanghai": Self.data([("total", 2)])],
                "2026-03-01": ["shanghai": Self.data([("total", 2)])],
            ], briefs: ["shanghai"])
        #expect(history.map(\.edition) == ["2026-03-01", "2026-02-01", "2026-01-01"])
        #expect(history.map(\.previous) == ["2026-02-01", "2026-01-01", nil])
        #expect(history.map(\.changes.count) == [0, 1, 0])
    }
}
