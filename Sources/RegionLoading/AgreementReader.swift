import Diagnostics
import Foundation
import RegionModel
import Yams

/// Reads `Regions/agreements/*.yaml` (relocation deals, the joint fund, pooled dispatch) into
/// `RegionModel` agreements, collecting every problem as `file:line: what — fix`.
public enum AgreementReader {
    /// Reads and parses one agreement file from disk; with `knownSources`, every figure's source
    /// must be one of them (the keys of `Regions/sources.yaml`).
    public static func read(
        contentsOf url: URL, displayPath: String? = nil, knownProvinces: Set<String>, knownSources: Set<String>? = nil
    ) throws(DiagnosticsError) -> Agreement {
        let path = displayPath ?? url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DiagnosticsError([.error(at: SourceLocation(file: path), "cannot read the file: \(error.localizedDescription)")])
        }
        let agreement = try parse(text, file: path, knownProvinces: knownProvinces)
        if let knownSources {
            var d = DiagnosticEngine()
            let provenance = ProvenanceReader(sourceKeys: knownSources, wording: .agreement)
            for figure in agreement.figures where !knownSources.contains(figure.source) {
                d.report(provenance.unknownSource(figure.source, at: figure.location))
            }
            try d.failIfErrors()
        }
        return agreement
    }

    /// Parses agreement YAML text; `file` names it in diagnostics.
    public static func parse(_ text: String, file: String, knownProvinces: Set<String>) throws(DiagnosticsError) -> Agreement {
        var diagnostics = DiagnosticEngine()
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw DiagnosticsError([
                    .error(
                        at: SourceLocation(file: file, line: 1), "the file is empty",
                        fix: "start with `kind: relocation`, `kind: joint-fund` or `kind: pooled-dispatch`")
                ])
            }
            root = node
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            throw DiagnosticsError([YAMLFile.diagnostic(for: error, file: file)])
        }
        guard root.mapping != nil else {
            throw DiagnosticsError([.error(at: SourceLocation(file: file, line: 1), "an agreement file must be a mapping")])
        }
        var c = YAMLMappingCursor(root, file: file)
        let kind = c.string("kind", &diagnostics)
        var result: Agreement?
        switch kind {
        case "relocation": result = relocation(&c, knownProvinces, &diagnostics).map(Agreement.relocation)
        case "joint-fund": result = jointFund(&c, knownProvinces, &diagnostics).map(Agreement.jointFund)
        case "pooled-dispatch": result = pooledDispatch(&c, knownProvinces, &diagnostics).map(Agreement.pooledDispatch)
        case nil: break
        case let other?:
            diagnostics.error(at: c.location, "unknown agreement kind `\(other)`", fix: "use relocation, joint-fund or pooled-dispatch")
        }
        switch kind {
        case "relocation": c.reportUnknownKeys(allowedBy: DataSchema.relocation, &diagnostics)
        case "joint-fund": c.reportUnknownKeys(allowedBy: DataSchema.jointFund, &diagnostics)
        case "pooled-dispatch": c.reportUnknownKeys(allowedBy: DataSchema.pooledDispatch, &diagnostics)
        default: break
        }
        try diagnostics.failIfErrors()
        guard let result else { throw DiagnosticsError([.error(at: c.location, "the agreement could not be read")]) }
        return result
    }
}
