import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Timing and memory helpers shared by every benchmark section.
enum Bench {
    /// A PyPSA reference case: `Tests/Fixtures/cases/<name>` of the checkout when it is there (the
    /// 4-province cases), else `<shared>/cases/<name>` (`../shared` by default; city41-8760 lives only there).
    static func referenceCase(_ name: String, shared: URL? = nil) -> URL {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let inCheckout = root.appendingPathComponent("Tests/Fixtures/cases").appendingPathComponent(name)
        if shared == nil, FileManager.default.fileExists(atPath: inCheckout.path) { return inCheckout }
        let sharedFolder = shared ?? root.deletingLastPathComponent().appendingPathComponent("shared")
        return sharedFolder.appendingPathComponent("cases").appendingPathComponent(name)
    }

    /// Seconds of wall time `body` takes (best of `repeats`), and its result.
    static func time<T>(repeats: Int = 1, _ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
        var best = Double.infinity
        var result: T?
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            result = try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return (best, result!)
    }

    /// The process's peak resident memory so far, in MiB (getrusage's ru_maxrss).
    static func peakMemoryMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// The current resident memory in MiB (from /proc/self/statm), to show growth per section.
    static func currentMemoryMiB() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let pages = text.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return .nan }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    static func format(_ seconds: Double) -> String {
        seconds < 1e-3
            ? String(format: "%.1f µs", seconds * 1e6)
            : seconds < 1 ? String(format: "%.2f ms", seconds * 1e3) : String(format: "%.2f s", seconds)
    }

    /// Prints a section heading.
    static func section(_ title: String) {
        print("\n## \(title)")
    }

    /// The project checkout: the working directory (bench runs via `swift run` from the package root).
    static var projectRoot: URL { URL(fileURLWithPath: FileManager.default.currentDirectoryPath) }
}
