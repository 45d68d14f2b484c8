import Diagnostics
import Foundation

/// A CSV file read into memory: the header, and each data row with its 1-based line number.
/// Handles quoted fields (RFC 4180) and CRLF line ends; blank lines are skipped.
struct CSVTable {
    let path: String
    let header: [String]
    let rows: [[Substring]]
    let lines: [Int]

    /// Reads `url`; returns nil (and reports) when the file cannot be read or has no header.
    static func read(_ url: URL, displayPath: String, diagnostics: inout DiagnosticEngine) -> CSVTable? {
        guard let data = try? Data(contentsOf: url) else {
            diagnostics.error(
                at: SourceLocation(file: displayPath), "cannot read the file", fix: "check that it exists and is readable")
            return nil
        }
        let text = String(decoding: data, as: UTF8.self)
        let table = parse(text, path: displayPath)
        if table.header.isEmpty {
            diagnostics.error(
                at: SourceLocation(file: displayPath, line: 1), "the file has no header row", fix: "start with a line of column names")
            return nil
        }
        return table
    }

    /// Parses CSV text.
    static func parse(_ text: String, path: String) -> CSVTable {
        var header: [String] = []
        var rows: [[Substring]] = []
        var lines: [Int] = []
        var lineNumber = 0
        var pendingQuoted: String? = nil
        var pendingLine = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            var record: Substring
            var startLine = lineNumber
            if let pending = pendingQuoted {
                record = Substring(pending + "\n" + line)
                startLine = pendingLine
            } else {
                record = line
            }
            if record.filter({ $0 == "\"" }).count % 2 == 1 {
                pendingQuoted = String(record)
                pendingLine = startLine
                continue
            }
            pendingQuoted = nil
            if record.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = splitFields(record)
            if header.isEmpty && rows.isEmpty && lines.isEmpty {
                header = fields.map { String($0).trimmingCharacters(in: .whitespaces) }
                lines.append(startLine)
            } else {
                rows.append(fields)
                lines.append(startLine)
            }
        }
        return CSVTable(path: path, header: header, rows: rows, lines: Array(lines.dropFirst()))
    }

    private static func splitFields(_ record: Substring) -> [Substring] {
        if !record.contains("\"") { return record.split(separator: ",", omittingEmptySubsequences: false) }
        var fields: [Substring] = []
        var current = ""
        var inQuotes = false
        var index = record.startIndex
        while index < record.endIndex {
            let character = record[index]
            if inQuotes {
                if character == "\"" {
                    let next = record.index(after: index)
                    if next < record.endIndex && record[next] == "\"" {
                        current.append("\"")
                        index = next
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "," {
                fields.append(Substring(current))
                current = ""
            } else {
                current.append(character)
            }
            index = record.index(after: index)
        }
        fields.append(Substring(current))
        return fields
    }

    /// The index of a column, or nil.
    func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The location of data row `row`.
    func location(ofRow row: Int) -> SourceLocation { SourceLocation(file: path, line: lines[row]) }

    /// The location of the header.
    var headerLocation: SourceLocation { SourceLocation(file: path, line: 1) }
}
