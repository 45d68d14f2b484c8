import Analysis
import Briefs
import Diagnostics
import Foundation
import Site
import YrdplanTestSupport

/// The hand-made fixture and project templates, and helpers to publish into a scratch folder.
enum SiteFixture {
    static var templatesURL: URL { ProjectPaths.root.appendingPathComponent("Templates") }

    static func input() throws -> BriefInput {
        let url = ProjectPaths.root.appendingPathComponent("Tests/BriefsTests/Fixtures/brief-input.json")
        return try JSONDecoder().decode(BriefInput.self, from: Data(contentsOf: url))
    }

    static let settings = SiteSettings(baseURL: "https://briefs.example.org/")

    static func request(_ out: URL, dryRun: Bool = false, epoch: Int64? = 1_767_225_600, wait: Double = 0) -> PublishRequest {
        PublishRequest(
            outDirectory: out, templatesDirectory: templatesURL, settings: settings, dryRun: dryRun, waitSeconds: wait,
            sourceDateEpoch: epoch)
    }

    static func publisher(_ request: PublishRequest, input: BriefInput) -> Publisher {
        let publisher = Publisher(request: request, loadInput: { () throws(DiagnosticsError) -> BriefInput in input })
        publisher.log = { _ in }
        return publisher
    }

    /// Every file under `directory` (relative path → bytes).
    static func tree(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count + 1))
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }
}

extension Publisher {
    /// The error a run stops with, or `nil` when it publishes (avoids `catch … as` on typed errors,
    /// which crashes this compiler version).
    func failure() -> PublishError? {
        let result = Result { () throws(PublishError) -> PublishSummary in try run() }
        if case .failure(let error) = result { return error }
        return nil
    }
}
