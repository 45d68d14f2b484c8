import Foundation

/// Golden-file comparison: rendered output is checked against a file kept beside the tests.
/// With `RECORD_SNAPSHOTS=1` the file is (re)written and the check fails, so recording is never silent.
public enum Golden {
    /// Returns `nil` when `actual` matches the golden file, else a message with a line diff.
    public static func mismatch(_ actual: String, goldenFile: URL) -> String? {
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        let expected = try? String(contentsOf: goldenFile, encoding: .utf8)
        if record || expected == nil {
            try? FileManager.default.createDirectory(
                at: goldenFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: goldenFile, atomically: true, encoding: .utf8)
            return "recorded \(goldenFile.path); run again without RECORD_SNAPSHOTS to compare"
        }
        guard let expected, expected != actual else { return nil }
        return "output differs from \(goldenFile.lastPathComponent) (re-record with RECORD_SNAPSHOTS=1):\n"
            + LineDiff.render(expected: expected, actual: actual)
    }
}

/// A small line diff for readable test failures.
public enum LineDiff {
    /// Lines only in `expected` start with `-`, lines only in `actual` with `+` (first 40 differences).
    public static func render(expected: String, actual: String, limit: Int = 40) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let diff = b.difference(from: a)
        var lines: [String] = []
        for change in diff {
            switch change {
            case .remove(let offset, let element, _): lines.append("-\(offset + 1): \(element)")
            case .insert(let offset, let element, _): lines.append("+\(offset + 1): \(element)")
            }
            if lines.count >= limit {
                lines.append("… (more differences)")
                break
            }
        }
        return lines.joined(separator: "\n")
    }
}

// MARK: - JSON golden files

/// A JSON document as data, for structural comparison (booleans stay apart from numbers).
public indirect enum JSONValue: Decodable, Equatable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    /// Decodes any JSON value.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}

extension Golden {
    /// Returns `nil` when the JSON text `actual` means the same as the golden file: same structure, keys, strings
    /// and booleans, numbers within `relativeTolerance` of each other (key order and number spelling do not
    /// matter). Otherwise a message listing each difference by path. Records like `mismatch(_:goldenFile:)`.
    public static func jsonMismatch(_ actual: String, goldenFile: URL, relativeTolerance: Double = 1e-9) -> String? {
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        if record || !FileManager.default.fileExists(atPath: goldenFile.path) { return mismatch(actual, goldenFile: goldenFile) }
        let decoder = JSONDecoder()
        let expected: JSONValue, got: JSONValue
        do { expected = try decoder.decode(JSONValue.self, from: Data(contentsOf: goldenFile)) } catch {
            return "golden file \(goldenFile.lastPathComponent) is not JSON: \(error)"
        }
        do { got = try decoder.decode(JSONValue.self, from: Data(actual.utf8)) } catch {
            return "output is not JSON (\(error)):\n\(actual.prefix(2000))"
        }
        var differences: [String] = []
        compare(expected, got, path: "$", tolerance: relativeTolerance, into: &differences)
        guard !differences.isEmpty else { return nil }
        let shown = differences.prefix(40) + (differences.count > 40 ? ["… (\(differences.count - 40) more)"] : [])
        return "JSON differs from \(goldenFile.lastPathComponent) (numbers within relative \(relativeTolerance); "
            + "re-record with RECORD_SNAPSHOTS=1):\n" + shown.joined(separator: "\n")
    }

    /// Appends one line per difference between `expected` and `actual` below `path`.
    static func compare(_ expected: JSONValue, _ actual: JSONValue, path: String, tolerance: Double, into differences: inout [String]) {
        switch (expected, actual) {
        case (.number(let e), .number(let a)):
            if abs(e - a) > tolerance * max(abs(e), abs(a)) { differences.append("\(path): expected \(e), got \(a)") }
        case (.array(let e), .array(let a)):
            if e.count != a.count { differences.append("\(path): expected \(e.count) elements, got \(a.count)") }
            for (index, pair) in zip(e, a).enumerated() {
                compare(pair.0, pair.1, path: "\(path)[\(index)]", tolerance: tolerance, into: &differences)
            }
        case (.object(let e), .object(let a)):
            for key in Set(e.keys).union(a.keys).sorted() {
                switch (e[key], a[key]) {
                case (let ev?, let av?): compare(ev, av, path: "\(path).\(key)", tolerance: tolerance, into: &differences)
                case (_?, nil): differences.append("\(path).\(key): missing")
                case (nil, _?): differences.append("\(path).\(key): not in the golden file")
                case (nil, nil): break
                }
            }
        default:
            if expected != actual { differences.append("\(path): expected \(expected), got \(actual)") }
        }
    }
}
