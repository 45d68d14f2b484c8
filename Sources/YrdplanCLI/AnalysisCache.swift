import Analysis
import Foundation
import Site

/// `yrdplan publish`'s cache of an edition's Monte Carlo figures (`EditionMonteCarlo`: the verdicts' peak-year spreads
/// and the goal seek, most of a publish's time) in `DIR.cache/`, one JSON file per key. The key is the SHA-256 of
/// everything the figures depend on: the cache format, every file of the regions folder (relative path and bytes),
/// the draws, the seed, the goal and the running executable (resolved path, size, modification time), so changed
/// data or a rebuilt binary never reuses old figures. A missing, unreadable or corrupt entry is a miss, never an
/// error; entries are written atomically (temporary file, then rename) and only the newest `kept` are kept.
struct AnalysisCache: Sendable {
    /// Bumped whenever the stored figures or what the key covers change meaning.
    static let formatVersion = 1
    /// How many entries stay in the folder (the newest by modification time).
    static let kept = 4

    /// `DIR.cache/`.
    let directory: URL
    /// The hex SHA-256 key of this run's inputs.
    let key: String

    /// One stored entry: the format and key it was written for, and the figures.
    struct Entry: Codable {
        var format: Int
        var key: String
        var figures: EditionMonteCarlo
    }

    /// The cache entry of a publish from `regions` with `draws` draws from `seed` and the edition's goal, in
    /// `directory`; `nil` when a file of the regions folder or the executable cannot be read (the run then computes
    /// without a cache and the loader reports unreadable data).
    init?(directory: URL, regions: URL, draws: Int, seed: UInt64) {
        guard let executable = Self.executableIdentity(), let files = Self.regionBytes(regions) else { return nil }
        var message = Array(
            """
            yrdplan analysis cache \(Self.formatVersion)
            draws \(draws) seed \(seed)
            goal \(EditionAnalysis.goalToward) \(EditionAnalysis.goalYear) \(EditionAnalysis.goalProbability.bitPattern) \
            \(GoalSeekAnalysis.defaultIterations)
            executable \(executable)

            """.utf8)
        message += files
        self.directory = directory
        key = SHA256.hex(bytes: message)
    }

    /// This key's file.
    var entryURL: URL { directory.appendingPathComponent("\(key).json") }

    /// The stored figures, or `nil` when there are none or they cannot be read (a corrupt or foreign file).
    func load() -> EditionMonteCarlo? {
        guard let data = FileManager.default.contents(atPath: entryURL.path),
            let entry = try? JSONDecoder().decode(Entry.self, from: data),
            entry.format == Self.formatVersion, entry.key == key
        else { return nil }
        // Used now: the newest entries are kept.
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: entryURL.path)
        return entry.figures
    }

    /// Stores `figures` under the key (temporary file, then rename) and removes all but the newest entries. A
    /// failure only costs the next run its time: it is reported on standard error and the publish goes on.
    func store(_ figures: EditionMonteCarlo) {
        let fm = FileManager.default
        let temporary = directory.appendingPathComponent(".\(key).json.\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(Entry(format: Self.formatVersion, key: key, figures: figures)).write(to: temporary)
            try FolderSwap.rename(temporary.path, entryURL.path)
        } catch {
            try? fm.removeItem(at: temporary)
            FileHandle.standardError.write(
                Data("warning: could not write the analysis cache \(entryURL.path): \(error) — the next publish computes it again\n".utf8))
            return
        }
        prune()
    }

    /// Removes every entry but the `kept` newest.
    private func prune() {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return }
        let entries = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { name -> (String, Date) in
            let path = directory.appendingPathComponent(name).path
            return (name, (try? fm.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast)
        }
        let newestFirst = entries.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        for (name, _) in newestFirst.dropFirst(Self.kept) { try? fm.removeItem(at: directory.appendingPathComponent(name)) }
    }

    /// Every regular file under `root`, sorted by relative path: each as its path, its length and its bytes.
    static func regionBytes(_ root: URL) -> [UInt8]? {
        let fm = FileManager.default
        let rootPath = root.resolvingSymlinksInPath().path
        guard let enumerator = fm.enumerator(atPath: rootPath) else { return nil }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: rootPath + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(relative)
            }
        }
        var bytes: [UInt8] = []
        for path in paths.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            guard let data = fm.contents(atPath: rootPath + "/" + path) else { return nil }
            bytes += Array("file \(path)\u{0}\(data.count)\u{0}".utf8)
            bytes += data
        }
        return bytes
    }

    /// The running executable as `resolved-path size modification-time`, so that a rebuilt binary has another key.
    static func executableIdentity() -> String? {
        let fm = FileManager.default
        let path =
            (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executableURL?.resolvingSymlinksInPath().path
        guard let path, let attributes = try? fm.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return nil }
        return "\(path) \(size.int64Value) \(modified.timeIntervalSince1970.bitPattern)"
    }
}
