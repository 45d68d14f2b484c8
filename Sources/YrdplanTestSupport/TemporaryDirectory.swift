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

/// Locations of the project checkout, found from the working directory `swift test` runs in.
public enum ProjectPaths {
    /// The package root: the first folder upward from the working directory holding Package.swift.
    public static var root: URL {
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                return dir
            }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// The project's `Regions/` data.
    public static var regions: URL { root.appendingPathComponent("Regions") }

    /// The shared reference material (the paper, fact sheet and PyPSA reference cases): `$YRDPLAN_SHARED`, else
    /// `../shared` beside the checkout, as CI lays it out.
    public static var shared: URL {
        if let path = ProcessInfo.processInfo.environment["YRDPLAN_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return root.deletingLastPathComponent().appendingPathComponent("shared")
    }
}
