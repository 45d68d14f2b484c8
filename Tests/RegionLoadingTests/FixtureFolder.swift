import Diagnostics
import Foundation
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// A copy of the minimal fixture folder that a test may break, line by tagged line.
/// Lines end with `#@tag`; a test names the tag, and the expected diagnostic must point at that line.
final class FixtureFolder {
    let directory: TemporaryDirectory
    var root: URL { directory.url.appendingPathComponent("Regions") }

    /// A copy of `Fixtures/<fixture>` (default: the minimal province folder).
    init(fixture: String = "minimal") throws {
        directory = try TemporaryDirectory()
        let source = try #require(Bundle.module.url(forResource: "Fixtures/\(fixture)", withExtension: nil))
        try directory.copy(source, as: "Regions")
    }

    func path(_ file: String) -> URL { root.appendingPathComponent(file) }

    func read(_ file: String) throws -> [String] {
        try String(contentsOf: path(file), encoding: .utf8).components(separatedBy: "\n")
    }

    func write(_ file: String, _ lines: [String]) throws {
        try lines.joined(separator: "\n").write(to: path(file), atomically: true, encoding: .utf8)
    }

    /// The 1-based line carrying `#@tag` in `file`.
    func line(of tag: String, in file: String = "testland.yaml") throws -> Int {
        let lines = try read(file)
        let index = try #require(lines.firstIndex { $0.hasSuffix("#@\(tag)") }, "no line tagged #@\(tag) in \(file)")
        return index + 1
    }

    /// Replaces `old` with `new` on the line tagged `tag`; returns that line number.
    @discardableResult
    func edit(_ tag: String, _ old: String, _ new: String, in file: String = "testland.yaml") throws -> Int {
        var lines = try read(file)
        let number = try line(of: tag, in: file)
        let original = lines[number - 1]
        try #require(original.contains(old), "line \(number) of \(file) has no '\(old)'")
        lines[number - 1] = original.replacingOccurrences(of: old, with: new)
        try write(file, lines)
        return number
    }

    /// Removes the lines of `file` tagged with any of `tags`.
    func delete(_ tags: [String], in file: String = "testland.yaml") throws {
        let lines = try read(file).filter { line in !tags.contains { line.hasSuffix("#@\($0)") } }
        try write(file, lines)
    }

    /// Loads the folder; returns the diagnostics it failed with (empty when it loaded).
    func load() -> [Diagnostic] {
        do {
            _ = try RegionLoader.load(from: root, displayRoot: "Regions")
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Loads the folder as a grid folder (`grid.yaml`, profiles, `scenarios/`) with the given source keys;
    /// returns the diagnostics it failed with (empty when it loaded).
    func loadGrid(sourceKeys: Set<String> = ["testbook", "guess"]) -> [Diagnostic] {
        do {
            _ = try GridLoader.loadModel(directory: root, displayRoot: "grid", sourceKeys: sourceKeys)
            return []
        } catch {
            return error.diagnostics
        }
    }
}
