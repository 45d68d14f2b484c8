import Diagnostics
import Foundation
import RegionModel

/// Loads `Regions/` — sources, provinces, scenarios, the grid with every overlay, the agreements — into one
/// `RegionalModel`, validating everything and reporting every problem at once. The only reader of `Regions/`
/// that commands use.
public enum RegionLoader {
    /// Reads the folder; throws all problems found (`file:line: what — fix`) when any is an error.
    /// `displayRoot` is how the folder is named in messages (default: its path as given).
    public static func load(from directory: URL, displayRoot: String? = nil) throws(DiagnosticsError) -> RegionalModel {
        var diagnostics = DiagnosticEngine()
        let root = displayRoot ?? directory.relativePath
        func display(_ name: String) -> String { root.isEmpty ? name : "\(root)/\(name)" }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticsError([
                .error(
                    at: SourceLocation(file: root), "the regions folder does not exist",
                    fix: "run from the project folder or pass --regions DIR")
            ])
        }

        // Sources first: every number names one.
        let sourcesFile = YAMLFile(
            url: directory.appendingPathComponent("sources.yaml"), displayPath: display("sources.yaml"), diagnostics: &diagnostics)
        var sourcesReader = SourceCatalogReader(file: sourcesFile)
        let sources = sourcesReader.read()
        diagnostics.absorb(sourcesReader.diagnostics)
        let sourceKeys = Set(sources.keys)

        // Provinces: every top-level *.yaml except sources.yaml.
        var provinces: [Province] = []
        var seenCodes: [String: String] = [:]
        var seenIDs: [RegionID: String] = [:]
        for name in yamlFiles(in: directory) where name != "sources.yaml" {
            let stem = String(name.dropLast(5))
            let file = YAMLFile(url: directory.appendingPathComponent(name), displayPath: display(name), diagnostics: &diagnostics)
            var reader = ProvinceFileReader(file: file, sourceKeys: sourceKeys, expectedID: stem)
            let province = reader.read()
            diagnostics.absorb(reader.diagnostics)
            if let id = reader.declaredID {
                if let other = seenIDs[id] {
                    diagnostics.error(
                        at: SourceLocation(
                            file: display(name), line: file.root?.mapping?.first { $0.key.string == "id" }?.value.mark?.line),
                        "duplicate region id '\(id)': \(other) uses it too",
                        fix: "every province needs its own id (and file name)")
                    continue
                }
                seenIDs[id] = display(name)
            }
            if let province {
                if let other = seenCodes[province.code] {
                    diagnostics.error(
                        at: SourceLocation(file: display(name)), "code '\(province.code)' is also used by \(other)",
                        fix: "give every province its own code")
                }
                seenCodes[province.code] = display(name)
                provinces.append(province)
            }
        }
        if provinces.isEmpty && !diagnostics.hasErrors {
            diagnostics.error(at: SourceLocation(file: root), "no province files found", fix: "add <id>.yaml files (see docs/data.md)")
        }

        // Scenarios. Province ids come from the files' own `id:` (each also matches its file name).
        let regionIDs = Set(seenIDs.keys.map(\.rawValue))
        let scenarioDirectory = directory.appendingPathComponent("scenarios")
        var scenarios: [Scenario] = []
        for name in yamlFiles(in: scenarioDirectory) {
            let path = display("scenarios/\(name)")
            let file = YAMLFile(url: scenarioDirectory.appendingPathComponent(name), displayPath: path, diagnostics: &diagnostics)
            var reader = ScenarioFileReader(
                file: file, sourceKeys: sourceKeys, regionIDs: regionIDs, expectedName: String(name.dropLast(5)))
            if let scenario = reader.read() { scenarios.append(scenario) }
            diagnostics.absorb(reader.diagnostics)
        }

        // The grid (optional): its base, profiles and every overlay, each checked to apply and validate.
        var grid: GridModel?
        let gridDirectory = directory.appendingPathComponent("grid")
        if FileManager.default.fileExists(atPath: gridDirectory.appendingPathComponent("grid.yaml").path) {
            grid = GridLoader.readModel(
                directory: gridDirectory, displayRoot: display("grid"), sourceKeys: sourceKeys, diagnostics: &diagnostics)
        }

        // Agreements (optional), checked against the provinces and sources just read.
        var agreements: [Agreement] = []
        let agreementDirectory = directory.appendingPathComponent("agreements")
        for name in yamlFiles(in: agreementDirectory) {
            do {
                agreements.append(
                    try AgreementReader.read(
                        contentsOf: agreementDirectory.appendingPathComponent(name), displayPath: display("agreements/\(name)"),
                        knownProvinces: regionIDs, knownSources: sourceKeys))
            } catch {
                diagnostics.absorb(error)
            }
        }
        for agreement in agreements {
            guard case .pooledDispatch(let pooled) = agreement, let scenario = pooled.dispatchScenario else { continue }
            if grid == nil && !diagnostics.hasErrors {
                diagnostics.error(
                    at: pooled.location ?? SourceLocation(file: agreement.file), "the agreement dispatches the grid, but there is no grid",
                    fix: "add \(display("grid/grid.yaml")) or give the coalition costs in the agreement")
            } else if let grid, grid.overlay(scenario) == nil {
                diagnostics.error(
                    at: pooled.location ?? SourceLocation(file: agreement.file),
                    "the agreement dispatches grid scenario '\(scenario)', which does not exist",
                    fix: "use one of: \(grid.overlays.map(\.name).joined(separator: ", "))")
            }
        }

        try diagnostics.failIfErrors()
        return RegionalModel(
            provinces: provinces, sources: sources, scenarios: scenarios, grid: grid, agreements: agreements, displayRoot: root)
    }

    /// The `.yaml` files directly in `directory`, sorted (none when it does not exist).
    public static func yamlFiles(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted()
    }
}
