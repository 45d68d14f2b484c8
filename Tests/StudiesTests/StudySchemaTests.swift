import Foundation
import RegionModel
import Testing
import YrdplanTestSupport

/// The study file reference in docs/studies.md is the schema table, rendered.
@Suite struct StudySchemaTests {
    @Test func docsShowTheSchemaTable() throws {
        let docs = try String(contentsOf: ProjectPaths.root.appendingPathComponent("docs/studies.md"), encoding: .utf8)
        #expect(docs.contains(StudySchema.markdownTable()), "regenerate the table in docs/studies.md from StudySchema.markdownTable()")
    }

    @Test func sectionsListTheirKeys() {
        #expect(StudySchema.keys(under: []) == ["name", "title", "runs", "axes", "draws", "collect", "retries", "slurm"])
        #expect(StudySchema.keys(under: ["slurm"]) == ["partition", "cpus", "mem", "time", "chunk_size", "max_parallel"])
    }
}
