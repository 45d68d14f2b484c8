import Analysis
import ArgumentParser
import Briefs
import Diagnostics
import Foundation
import Site

/// `yrdplan publish`: build, validate and atomically publish the static site of briefs.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Build, validate and atomically publish the site of policy briefs (default _site/).",
        discussion: """
            Steps: load → validate → analyse → render → validate output → stage → swap. The site is built in \
            DIR.staging, checked (XML briefs against the schema, HTML parsed), then swapped in atomically; the \
            previous site is kept in DIR.previous. A lock (DIR.lock) keeps two runs apart. The Monte Carlo figures are \
            kept in DIR.cache, keyed by the data, the draws and the binary, so an unchanged publish skips them \
            (--no-cache computes them afresh). Output is byte-identical \
            for identical inputs; feed times come from SOURCE_DATE_EPOCH or the edition date. Prints one summary \
            line. Exit codes: 0 published, 1 bad data or templates (nothing written), 2 usage, 3 lock busy or IO.
            """)

    @Option(name: .long, help: "The published folder.")
    var out: String = "_site"

    @Flag(name: .long, help: "List what would change; write nothing.")
    var dryRun = false

    @Option(name: .long, help: "The model's data folder (default: ./Regions, or $YRDPLAN_REGIONS).")
    var regions: String?

    @Option(name: .long, help: "Templates, string tables, schema and CSS.")
    var templates: String = "Templates"

    @Option(name: .long, help: "Site settings (baseURL).")
    var site: String = "Reports/site.yaml"

    @Option(name: .long, help: "Publish from a BriefInput JSON file instead of computing from --regions.")
    var input: String?

    @Option(name: .long, help: "The edition's date YYYY-MM-DD (default: editionDate in the site settings, else SOURCE_DATE_EPOCH).")
    var edition: String?

    @Option(name: .long, help: "Seconds to wait for another publish to finish (0: exit at once).")
    var wait: Double = 0

    @Flag(name: .long, help: "Swap DIR.previous back in (undo the last publish).")
    var rollback = false

    @Flag(name: .long, help: "Do not print the [i/n] step lines, only the summary.")
    var quiet = false

    @Flag(name: .long, help: "Compute the Monte Carlo figures even if DIR.cache holds them for the same inputs (and do not store them).")
    var noCache = false

    func run() throws {
        let started = Date()
        var settings: SiteSettings
        do {
            settings = try SiteSettings.load(from: URL(fileURLWithPath: site), displayPath: site)
        } catch {
            throw CommandFailure.badInput(error)
        }
        if let edition {
            guard EditionArchive.isDate(edition) else {
                throw ValidationError("--edition '\(edition)' is not a date YYYY-MM-DD (e.g. --edition 2026-12-15)")
            }
            settings.editionDate = edition
        }
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        let request = PublishRequest(
            outDirectory: URL(fileURLWithPath: out), templatesDirectory: URL(fileURLWithPath: templates), settings: settings,
            dryRun: dryRun, waitSeconds: wait, sourceDateEpoch: epoch)
        let editionDate = settings.editionDate ?? epoch.map { String(Timestamp.rfc3339(epochSeconds: $0).prefix(10)) }
        let cache = analysisCache(request)
        let cached = cache?.load()
        let publisher = Publisher(request: request, loadInput: inputLoader(editionDate: editionDate, cache: cache, cached: cached))
        if quiet { publisher.log = { _ in } }
        let result: Result<PublishSummary?, PublishError>
        if rollback {
            result = Result { () throws(PublishError) -> PublishSummary? in
                try publisher.rollback(); return nil
            }
        } else {
            result = Result { () throws(PublishError) -> PublishSummary? in try publisher.run() }
        }
        switch result {
        case .success(let summary?):
            let line = summary.line(seconds: Date().timeIntervalSince(started))
            print(cached == nil ? line : line + ", Monte Carlo figures from \(request.cacheDirectory.lastPathComponent)")
        case .success(nil): print("yrdplan publish: rolled back \(out) to the previous site")
        case .failure(let error): throw Self.commandFailure(error)
        }
    }

    /// Bad data or templates exit 1 with every problem; the lock and IO exit 3 with a message.
    static func commandFailure(_ error: PublishError) -> CommandFailure {
        if case .badInput(_, let diagnostics) = error { return .badInput(diagnostics) }
        return .internalFailure(error.description)
    }

    /// The regions folder: --regions, else $YRDPLAN_REGIONS, else ./Regions.
    private var regionsPath: String { regions ?? ProcessInfo.processInfo.environment["YRDPLAN_REGIONS"] ?? "Regions" }

    /// The cache entry of this run's Monte Carlo figures in DIR.cache; `nil` with --no-cache, --input or --rollback.
    private func analysisCache(_ request: PublishRequest) -> AnalysisCache? {
        guard !noCache, input == nil, !rollback else { return nil }
        return AnalysisCache(
            directory: request.cacheDirectory, regions: URL(fileURLWithPath: regionsPath), draws: SiteInput.draws, seed: SiteInput.seed)
    }

    /// Where the brief's figures come from: a BriefInput JSON file, or the model computed from --regions (the Monte
    /// Carlo figures from `cached` when the cache had them; else computed and stored, unless this is a dry run).
    private func inputLoader(
        editionDate: String?, cache: AnalysisCache?, cached: EditionMonteCarlo?
    ) -> @Sendable () throws(DiagnosticsError) -> BriefInput {
        if let input {
            return { () throws(DiagnosticsError) -> BriefInput in try BriefInputFile.load(path: input) }
        }
        let regions = regionsPath
        let store = dryRun ? nil : cache
        return { () throws(DiagnosticsError) -> BriefInput in
            let made = try SiteInput.make(regions: regions, editionDate: editionDate, monteCarlo: cached)
            if cached == nil, let figures = made.monteCarlo { store?.store(figures) }
            return made.input
        }
    }
}

/// A `BriefInput` stored as JSON (model runs exported elsewhere, test fixtures).
enum BriefInputFile {
    static func load(path: String) throws(DiagnosticsError) -> BriefInput {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticsError([.error(at: SourceLocation(file: path), "input file is missing")])
        }
        do {
            return try JSONDecoder().decode(BriefInput.self, from: data)
        } catch {
            throw DiagnosticsError([
                .error(at: SourceLocation(file: path), "not a BriefInput JSON: \(error)", fix: "see docs/publishing.md")
            ])
        }
    }
}
