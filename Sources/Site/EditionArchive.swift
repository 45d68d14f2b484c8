import Analysis
import Briefs
import Diagnostics
import Foundation

/// The earlier editions kept in the published site (`DIR/editions/<date>/…`): the files to carry over into the new
/// site unchanged, and each edition's brief data (`data/brief-<province>.json`), from which the changelog is computed.
public struct EditionArchive: Sendable {
    /// Site path → absolute path on disk, for every archived file of an edition other than the one being published.
    public var files: [String: String] = [:]
    /// Edition date → province id → the brief's data as that edition published it.
    public var data: [String: [String: BriefData]] = [:]

    public init(files: [String: String] = [:], data: [String: [String: BriefData]] = [:]) {
        self.files = files
        self.data = data
    }

    /// Reads `site/editions/`, leaving out the folder of `edition` (it is built anew). A folder that is not an
    /// edition date, or brief data that does not parse, is reported with its path: the archive is refused, not guessed.
    public static func read(site: URL, excluding edition: String) throws(DiagnosticsError) -> EditionArchive {
        let root = site.appendingPathComponent("editions")
        let fm = FileManager.default
        guard let dates = try? fm.contentsOfDirectory(atPath: root.path) else { return EditionArchive() }
        var archive = EditionArchive()
        var diagnostics = DiagnosticEngine()
        for date in dates.sorted() where date != edition {
            let folder = root.appendingPathComponent(date)
            guard isDate(date) else {
                diagnostics.error(
                    at: SourceLocation(file: folder.path), "'\(date)' in the editions archive is not an edition date (YYYY-MM-DD)",
                    fix: "move it out of \(root.path)")
                continue
            }
            var briefs: [String: BriefData] = [:]
            let enumerator = fm.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
            while let url = enumerator?.nextObject() as? URL {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
                let path = SitePlan.editionPath(date, relative)
                archive.files[path] = url.path
                let name = url.lastPathComponent
                guard relative.hasPrefix("data/brief-"), name.hasSuffix(".json") else { continue }
                do {
                    let data = try BriefData.decode(json: try Data(contentsOf: url))
                    briefs[data.brief] = data
                } catch {
                    diagnostics.error(
                        at: SourceLocation(file: url.path), "archived brief data does not parse: \(error)",
                        fix: "restore the file from the previous site (DIR.previous) or remove edition \(date) from the archive")
                }
            }
            if !briefs.isEmpty { archive.data[date] = briefs }
        }
        try diagnostics.failIfErrors()
        return archive
    }

    /// Whether `text` is an edition date `YYYY-MM-DD`.
    public static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
