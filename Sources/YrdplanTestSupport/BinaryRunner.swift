import Foundation

/// What one run of a built executable produced.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the built `yrdplan` (or another product) the way a user would, for end-to-end tests.
public enum BinaryRunner {
    /// The folder holding the built products: the test bundle sits beside them.
    public static var productsDirectory: URL {
        let bundleExecutable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = bundleExecutable.deletingLastPathComponent()
        while dir.path != "/" && dir.pathExtension == "xctest" || dir.lastPathComponent == "MacOS"
            || dir.lastPathComponent == "Contents"
        {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }

    /// Runs `product` with `arguments` in `directory`; standard input is empty.
    public static func run(
        _ arguments: [String], product: String = "yrdplan", in directory: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent(product)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a large output never blocks the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a system tool (e.g. Info-ZIP's `unzip`, an independent reader of what yrdplan wrote) at `path`; its standard
    /// output and error together, as bytes and as text.
    public static func runTool(_ path: String, _ arguments: [String]) throws -> (status: Int32, data: Data, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data, String(decoding: data, as: UTF8.self))
    }
}
