import Diagnostics
import Foundation
import RegionModel
import Yams

/// Loads the delta's own grid (`Regions/grid/grid.yaml`, its hourly `profiles.csv` and every scenario overlay
/// of `Regions/grid/scenarios/`) into a `GridModel`. Every number carries a provenance (source key of
/// `Regions/sources.yaml`, optional fact-sheet `ref`, `year`, `confidence`, and a `note` unless sourced),
/// given on the entry or, for a single field, as `{value, source, ref, year, confidence, note}`.
/// Units are part of the field names (`p_nom_mw`, `annual_twh`, `marginal_cost_yuan_per_mwh`).
/// `RegionLoader` calls it as part of the one model; tests and benchmarks may call it on a grid folder alone.
public enum GridLoader {
    /// Reads the grid folder and every overlay, checking that each overlay applies and validates; all problems at once.
    /// `sourceKeys` are the keys of `Regions/sources.yaml` (read from beside the folder when `nil`).
    public static func loadModel(
        directory: URL, displayRoot: String? = nil, sourceKeys: Set<String>? = nil
    ) throws(DiagnosticsError) -> GridModel {
        var diagnostics = DiagnosticEngine()
        let model = readModel(directory: directory, displayRoot: displayRoot, sourceKeys: sourceKeys, diagnostics: &diagnostics)
        try diagnostics.failIfErrors()
        guard let model else { throw DiagnosticsError(diagnostics.sorted) }
        return model
    }

    /// Reads the grid folder with `scenario` applied up to `year` (default: the scenario's `year`).
    public static func load(
        directory: URL, displayRoot: String? = nil, scenario: String = "baseline", year: Int? = nil
    ) throws(DiagnosticsError) -> GridNetwork {
        try loadModel(directory: directory, displayRoot: displayRoot).network(scenario: scenario, year: year)
    }

    /// Reads everything into `diagnostics`; the model is `nil` when the base grid or its profiles could not be read.
    static func readModel(
        directory: URL, displayRoot: String?, sourceKeys: Set<String>?, diagnostics: inout DiagnosticEngine
    ) -> GridModel? {
        let root = displayRoot ?? directory.relativePath
        var keys = sourceKeys ?? []
        if sourceKeys == nil {
            let sourcesURL = directory.deletingLastPathComponent().appendingPathComponent("sources.yaml")
            let sourcesFile = YAMLFile(url: sourcesURL, displayPath: root + "/../sources.yaml", diagnostics: &diagnostics)
            var catalogue = SourceCatalogReader(file: sourcesFile)
            keys = Set(catalogue.read().keys)
            diagnostics.absorb(catalogue.diagnostics)
        }

        let gridFile = YAMLFile(
            url: directory.appendingPathComponent("grid.yaml"), displayPath: root + "/grid.yaml", diagnostics: &diagnostics)
        var reader = GridFileReader(file: gridFile, sourceKeys: keys)
        let base = reader.readBase()
        diagnostics.absorb(reader.reader.diagnostics)

        var overlays: [GridOverlay] = []
        let scenarioDirectory = directory.appendingPathComponent("scenarios")
        for name in RegionLoader.yamlFiles(in: scenarioDirectory) {
            let stem = String(name.dropLast(5))
            let path = root + "/scenarios/" + name
            let file = YAMLFile(url: scenarioDirectory.appendingPathComponent(name), displayPath: path, diagnostics: &diagnostics)
            var scenarioReader = GridFileReader(file: file, sourceKeys: keys)
            if let overlay = scenarioReader.readScenario(expectedName: stem, location: SourceLocation(file: path)) {
                overlays.append(overlay)
            }
            diagnostics.absorb(scenarioReader.reader.diagnostics)
        }
        guard let base else { return nil }
        guard
            let profiles = readProfiles(
                directory.appendingPathComponent(base.profilesFile), displayPath: root + "/" + base.profilesFile,
                diagnostics: &diagnostics)
        else { return nil }
        let model = GridModel(base: base, profiles: profiles, overlays: overlays, displayRoot: root)
        // Every overlay must apply and give a valid network; problems of the shared files repeat under every
        // overlay, so each is reported once.
        var reported = Set<Diagnostic>()
        for overlay in model.overlays {
            do {
                _ = try model.network(scenario: overlay.name)
            } catch {
                for d in error.diagnostics where reported.insert(d).inserted { diagnostics.report(d) }
            }
        }
        return model
    }

    static func readProfiles(_ url: URL, displayPath: String, diagnostics: inout DiagnosticEngine) -> GridProfiles? {
        guard let table = CSVTable.read(url, displayPath: displayPath, diagnostics: &diagnostics) else { return nil }
        guard let labelColumn = table.column("label"), let weightColumn = table.column("weight") else {
            diagnostics.error(at: table.headerLocation, "the profile table needs columns 'label' and 'weight'", fix: "add them first")
            return nil
        }
        var labels: [String] = []
        var weights: [Double] = []
        var columns = [[Double]](repeating: [], count: table.header.count)
        for row in table.rows.indices {
            let fields = table.rows[row]
            guard fields.count == table.header.count else {
                diagnostics.error(
                    at: table.location(ofRow: row), "the row has \(fields.count) fields but the header has \(table.header.count)",
                    fix: "give one value per column")
                continue
            }
            labels.append(String(fields[labelColumn]))
            for column in table.header.indices where column != labelColumn {
                guard let value = Double(fields[column].trimmingCharacters(in: .whitespaces)), value.isFinite else {
                    diagnostics.error(
                        at: table.location(ofRow: row), "'\(fields[column])' in column '\(table.header[column])' is not a finite number",
                        fix: "write a decimal number")
                    columns[column].append(0)
                    continue
                }
                if value < 0 {
                    diagnostics.error(
                        at: table.location(ofRow: row), "column '\(table.header[column])' is negative (\(value))", fix: "profiles are ≥ 0")
                }
                columns[column].append(value)
            }
            weights = columns[weightColumn]
        }
        var named: [String: [Double]] = [:]
        for column in table.header.indices where column != labelColumn && column != weightColumn {
            named[table.header[column]] = columns[column]
        }
        return GridProfiles(labels: labels, weights: weights, columns: named, path: displayPath)
    }
}
