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
