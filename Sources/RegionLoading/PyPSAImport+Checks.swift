import Diagnostics
import Foundation

// MARK: - Nothing ignored: files, columns and time series checked against PyPSA's attribute table

extension PyPSAFolderReader {
    /// Checks every file of the folder: component and snapshot files are read (their columns checked
    /// when read), refused files and unknown CSV files are reported, series files of attributes
    /// that are not modelled are refused where they hold a value other than PyPSA's default. Files
    /// that are not CSV (and not PyPSA's meta.json or crs.json) are not read, as PyPSA's importer does not read them.
    mutating func checkFolder() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() {
            switch PyPSAImport.fileStatus(name) {
            case nil:
                guard name.hasSuffix(".csv") else { continue }
                diagnostics.error(
                    at: SourceLocation(file: displayPath(name)), "\(name) is not a file of PyPSA's CSV format",
                    fix: "remove or rename it: PyPSA folders hold component files (generators.csv) and time series "
                        + "of their attributes (generators-p_max_pu.csv)")
            case .descriptive?, .output?: continue
            case .refused(let refusal)?:
                refuseFile(name, refusal)
            case .read?:
                let stem = String(name.dropLast(4))
                if let (schema, attribute) = PyPSAImport.seriesAttribute(stem) {
                    checkSeriesFile(name, schema, attribute)
                }
            }
        }
    }

    mutating func refuseFile(_ name: String, _ refusal: PyPSARefusal) {
        var location = SourceLocation(file: displayPath(name))
        var what = name
        var scratch = DiagnosticEngine()
        if let table = CSVTable.read(folder.appendingPathComponent(name), displayPath: displayPath(name), diagnostics: &scratch) {
            location = table.rows.isEmpty ? table.headerLocation : table.location(ofRow: 0)
            what = "\(name) (\(table.rows.count) rows, first '\(table.rows.first?.first ?? "")')"
        }
        diagnostics.error(at: location, "\(what): \(refusal.reason)", fix: refusal.fix)
    }

    /// A series file: modelled ones are read later; others are refused column by column at their first non-default value.
    mutating func checkSeriesFile(_ name: String, _ schema: PyPSAComponentSchema, _ attribute: PyPSAAttribute) {
        let componentFile = schema.listName + ".csv"
        if !exists(componentFile) {
            diagnostics.error(
                at: SourceLocation(file: displayPath(name)), "\(name) gives a time series but the folder has no \(componentFile)",
                fix: "add \(componentFile) with the components the series names, or remove \(name)")
            return
        }
        if attribute.seriesModelled { return }
        let refusal: PyPSARefusal
        switch attribute.status {
        case .descriptive, .output: return
        case .refused(let reason): refusal = reason
        case .modelled: refusal = .timeVarying
        }
        var scratch = DiagnosticEngine()
        guard let table = CSVTable.read(folder.appendingPathComponent(name), displayPath: displayPath(name), diagnostics: &scratch)
        else {
            diagnostics.absorb(DiagnosticsError(scratch.diagnostics))
            return
        }
        for column in 1..<max(1, table.header.count) {
            guard
                let row = table.rows.indices.first(where: { column < table.rows[$0].count && !attribute.isDefault(table.rows[$0][column]) })
            else { continue }
            diagnostics.error(
                at: table.location(ofRow: row),
                "\(schema.noun) '\(table.header[column])' has \(attribute.name) = \(table.rows[row][column]) in snapshot "
                    + "'\(table.rows[row].first ?? "")' (PyPSA's default: \(attribute.defaultValue)): \(refusal.reason)",
                fix: refusal.fix)
        }
    }

    /// The columns of a component file: unknown ones are refused at the header, refused attributes at each row with a non-default value.
    mutating func checkColumns(_ table: CSVTable, _ schema: PyPSAComponentSchema) {
        for (column, name) in table.header.enumerated() where column > 0 {
            guard let attribute = schema.attribute(named: name) else {
                diagnostics.error(
                    at: table.headerLocation,
                    "column '\(name)' of \(schema.listName).csv: \(PyPSARefusal.unknownColumn.reason)",
                    fix: PyPSARefusal.unknownColumn.fix)
                continue
            }
            guard case .refused(let refusal) = attribute.status else { continue }
            for row in table.rows.indices where column < table.rows[row].count && !attribute.isDefault(table.rows[row][column]) {
                diagnostics.error(
                    at: table.location(ofRow: row),
                    "\(schema.noun) '\(table.rows[row].first ?? "")' has \(name) = \(table.rows[row][column]) "
                        + "(PyPSA's default: \(attribute.defaultValue)): \(refusal.reason)",
                    fix: refusal.fix)
            }
        }
    }
}
