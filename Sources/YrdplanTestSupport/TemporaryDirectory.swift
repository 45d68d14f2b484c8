import Foundation

/// A scratch folder for one test, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL

    public init(prefix: String = "yrdplan-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `contents` to `relativePath` inside the folder, creating parent folders.
    @discardableResult
    public func write(_ contents: String, to relativePath: String) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Copies a whole folder (e.g. the project's `Regions/`) into this one under `name`.
    @discardableResult
    public func copy(_ source: URL, as name: String) throws -> URL {
        let destination = url.appendingPathComponent(name)
        try FileManager.default.copyItem(at: source, to: destination)
        return destination
    }
}

/// Locations of the project checkout, found from the working directory `swift test` runs in, else from the
/// test bundle (which SwiftPM builds inside the checkout's `.build/`).
public enum ProjectPaths {
    /// The package root: the first folder upward from the working directory, else from the running test
    /// bundle, that holds Package.swift.
    public static var root: URL {
        let starts = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
        ]
        for start in starts {
            var dir = start.standardizedFileURL
            while dir.path != "/" {
                if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                    return dir
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return starts[0]
    }

    /// The project's `Regions/` data.
    public static var regions: URL { root.appendingPathComponent("Regions") }

    /// Reference data several test targets read (the PyPSA reference cases): `Tests/Fixtures/` of the checkout,
    /// copied from the project's shared material so that tests need nothing beside the checkout.
    public static var fixtures: URL { root.appendingPathComponent("Tests/Fixtures") }

    /// The PyPSA reference cases (`Tests/Fixtures/cases/<name>`): CSV folders with PyPSA's results.
    public static func referenceCase(_ name: String) -> URL {
        fixtures.appendingPathComponent("cases").appendingPathComponent(name)
    }
}
