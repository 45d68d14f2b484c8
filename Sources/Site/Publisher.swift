import Analysis
import Briefs
import Diagnostics
import Foundation

/// What `yrdplan publish` was asked to do.
public struct PublishRequest: Sendable {
    /// The published folder (`_site/`).
    public var outDirectory: URL
    public var templatesDirectory: URL
    public var settings: SiteSettings
    /// List what would change and write nothing.
    public var dryRun: Bool
    /// Seconds to wait for another run's lock (0: exit at once with a message).
    public var waitSeconds: Double
    public var sourceDateEpoch: Int64?

    public init(
        outDirectory: URL, templatesDirectory: URL, settings: SiteSettings, dryRun: Bool = false, waitSeconds: Double = 0,
        sourceDateEpoch: Int64? = nil
    ) {
        self.outDirectory = outDirectory.standardizedFileURL
        self.templatesDirectory = templatesDirectory
        self.settings = settings
        self.dryRun = dryRun
        self.waitSeconds = waitSeconds
        self.sourceDateEpoch = sourceDateEpoch
    }

    /// `DIR.staging`, `DIR.previous`, `DIR.lock` and `DIR.cache` (the CLI's analysis cache): beside DIR, on the same
    /// file system.
    public var stagingDirectory: URL { sibling("staging") }
    public var previousDirectory: URL { sibling("previous") }
    public var lockFile: URL { sibling("lock") }
    public var cacheDirectory: URL { sibling("cache") }

    private func sibling(_ suffix: String) -> URL {
        outDirectory.deletingLastPathComponent().appendingPathComponent(outDirectory.lastPathComponent + "." + suffix)
    }
}

/// Why a publish stopped, and in which step.
public enum PublishError: Error, Equatable, CustomStringConvertible {
    /// Input, templates or output had problems (exit 1): every one is listed.
    case badInput(step: String, DiagnosticsError)
    /// The file system or the lock said no (exit 3).
    case io(step: String, PublishIOError)
    /// A step was stopped on purpose (tests inject failures between steps).
    case interrupted(step: String, reason: String)

    public var description: String {
        switch self {
        case .badInput(let step, let error): "step '\(step)' found problems:\n\(error.description)"
        case .io(let step, let error): "step '\(step)': \(error)"
        case .interrupted(let step, let reason): "stopped after step '\(step)': \(reason)"
        }
    }
}

/// What a publish did: counts for the one summary line of cron and systemd logs.
public struct PublishSummary: Sendable, Equatable {
    public var files: Int
    public var pages: Int
    public var briefs: Int
    public var added: [String]
    public var changed: [String]
    public var removed: [String]
    public var dryRun: Bool
    public var outDirectory: String

    /// `yrdplan publish: …` in one line.
    public func line(seconds: Double) -> String {
        let verb = dryRun ? "would publish" : (added.isEmpty && changed.isEmpty && removed.isEmpty ? "unchanged" : "published")
        return
            "yrdplan publish: \(verb) \(outDirectory): \(files) files (\(added.count) added, \(changed.count) changed, \(removed.count) removed), \(pages) pages, \(briefs) briefs, \(NumberFormat.fixed(seconds, 2)) s"
    }
}

/// Publishing as a pipeline of named steps over one context: load → validate → analyse → render →
/// validate output → stage → swap. Each step prints `[i/n] step`; any failure leaves DIR untouched.
public final class Publisher {
    /// The context the steps share.
    struct Context {
        var templates: TemplateSet?
        var input: BriefInput?
        var previous: SiteManifest?
        /// The earlier editions kept in the published site.
        var archive = EditionArchive()
        var pages: [PageSpec] = []
        var output: SiteBuilder.Output?
        var summary: PublishSummary?
    }

    /// One named step.
    struct Step {
        var name: String
        var run: (inout Context) throws(PublishError) -> Void
    }

    public let request: PublishRequest
    private let loadInput: @Sendable () throws(DiagnosticsError) -> BriefInput
    /// Where `[i/n] step` lines go (standard output in the CLI).
    public var log: (String) -> Void = { print($0) }
    /// Called after each step by name; throwing stops the run there (tests inject failures and pauses with it).
    public var afterStep: (String) throws(PublishError) -> Void = { _ throws(PublishError) in }

    /// A publisher for `request` whose input comes from `loadInput` (the model, or a fixture in tests).
    public init(request: PublishRequest, loadInput: @escaping @Sendable () throws(DiagnosticsError) -> BriefInput) {
        self.request = request
        self.loadInput = loadInput
    }

    private var steps: [Step] {
        var steps = [
            Step(name: "load", run: load), Step(name: "validate", run: validate), Step(name: "analyse", run: analyse),
            Step(name: "render", run: render), Step(name: "validate output", run: validateOutput),
        ]
        steps += request.dryRun ? [Step(name: "compare", run: compare)] : [Step(name: "stage", run: stage), Step(name: "swap", run: swap)]
        return steps
    }

    /// Runs every step; under the lock unless it is a dry run.
    public func run() throws(PublishError) -> PublishSummary {
        var lock: PublishLock?
        if !request.dryRun {
            do {
                try FileManager.default.createDirectory(
                    at: request.outDirectory.deletingLastPathComponent(), withIntermediateDirectories: true)
                lock = try PublishLock(path: request.lockFile.path, timeout: request.waitSeconds)
            } catch let error as PublishIOError {
                throw .io(step: "lock", error)
            } catch {
                throw .io(step: "lock", .system(operation: "create folder for", path: request.outDirectory.path, errno: EIO))
            }
        }
        defer { withExtendedLifetime(lock) {} }
        var context = Context()
        let steps = self.steps
        for (index, step) in steps.enumerated() {
            log("[\(index + 1)/\(steps.count)] \(step.name)")
            try step.run(&context)
            try afterStep(step.name)
        }
        return context.summary!
    }

    // MARK: - Steps

    private func load(_ context: inout Context) throws(PublishError) {
        var diagnostics = DiagnosticEngine()
        do {
            context.templates = try TemplateSet.load(from: request.templatesDirectory, displayRoot: displayPath(request.templatesDirectory))
        } catch { diagnostics.absorb(error) }
        do { context.input = try loadInput() } catch { diagnostics.absorb(error) }
        if let input = context.input {
            do { context.archive = try EditionArchive.read(site: request.outDirectory, excluding: input.editionDate) } catch {
                diagnostics.absorb(error)
            }
        }
        do { try diagnostics.failIfErrors() } catch { throw .badInput(step: "load", error) }
        let manifestURL = request.outDirectory.appendingPathComponent("manifest.json")
        if let data = FileManager.default.contents(atPath: manifestURL.path) {
            context.previous = try? JSONDecoder().decode(SiteManifest.self, from: data)
        }
    }

    private func validate(_ context: inout Context) throws(PublishError) {
        let problems = context.input!.problems(languages: context.templates!.tables.map(\.language))
        if problems.contains(where: { $0.severity == .error }) { throw .badInput(step: "validate", DiagnosticsError(problems)) }
    }

    private var builder: (TemplateSet) -> SiteBuilder {
        { SiteBuilder(templates: $0, settings: self.request.settings, sourceDateEpoch: self.request.sourceDateEpoch) }
    }

    private func analyse(_ context: inout Context) throws(PublishError) {
        do { context.pages = try builder(context.templates!).plan(context.input!, archive: context.archive) } catch {
            throw .badInput(step: "analyse", error)
        }
    }

    private func render(_ context: inout Context) throws(PublishError) {
        do {
            context.output = try builder(context.templates!).build(
                context.input!, pages: context.pages, previous: context.previous, archive: context.archive)
        } catch {
            throw .badInput(step: "render", error)
        }
    }

    private func validateOutput(_ context: inout Context) throws(PublishError) {
        do { try builder(context.templates!).validate(context.output!, pages: context.pages) } catch {
            throw .badInput(step: "validate output", error)
        }
        context.summary = summarize(context.output!, previous: context.previous)
    }

    private func compare(_ context: inout Context) throws(PublishError) {
        let summary = context.summary!
        for path in summary.added { log("  + \(path)") }
        for path in summary.changed { log("  ~ \(path)") }
        for path in summary.removed { log("  - \(path)") }
    }

    private func stage(_ context: inout Context) throws(PublishError) {
        let staging = request.stagingDirectory
        let fm = FileManager.default
        do {
            if fm.fileExists(atPath: staging.path) { try fm.removeItem(at: staging) }
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for file in context.output!.files {
                guard SitePath.isSafe(file.path) else {
                    throw PublishIOError.system(operation: "refuse to write", path: file.path, errno: EPERM)
                }
                let url = staging.appendingPathComponent(file.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                if let carried = file.carried {
                    // An earlier edition's file, never rewritten: a hard link to it (a copy across file systems).
                    do { try fm.linkItem(atPath: carried.from, toPath: url.path) } catch {
                        try fm.copyItem(atPath: carried.from, toPath: url.path)
                    }
                } else {
                    try Data(file.data).write(to: url)
                }
            }
        } catch let error as PublishIOError {
            throw .io(step: "stage", error)
        } catch {
            throw .io(step: "stage", .system(operation: "write", path: staging.path, errno: EIO))
        }
    }

    private func swap(_ context: inout Context) throws(PublishError) {
        let fm = FileManager.default
        let out = request.outDirectory.path, staging = request.stagingDirectory.path, previous = request.previousDirectory.path
        do {
            if fm.fileExists(atPath: out) {
                if try FolderSwap.exchange(staging, out) {
                    // DIR is now the new site; the staging path holds the old one: keep it for rollback.
                    if fm.fileExists(atPath: previous) { try? fm.removeItem(atPath: previous) }
                    try FolderSwap.rename(staging, previous)
                } else {
                    // No atomic exchange on this system: two renames, DIR is briefly absent (never mixed).
                    if fm.fileExists(atPath: previous) { try? fm.removeItem(atPath: previous) }
                    try FolderSwap.rename(out, previous)
                    try FolderSwap.rename(staging, out)
                }
            } else {
                try FolderSwap.rename(staging, out)
            }
        } catch {
            throw .io(step: "swap", error)
        }
    }

    /// Rolls DIR back to DIR.previous (atomically exchanging them), under the lock.
    public func rollback() throws(PublishError) {
        let lock: PublishLock
        do { lock = try PublishLock(path: request.lockFile.path, timeout: request.waitSeconds) } catch { throw .io(step: "lock", error) }
        defer { withExtendedLifetime(lock) {} }
        let out = request.outDirectory.path, previous = request.previousDirectory.path
        guard FileManager.default.fileExists(atPath: previous) else {
            throw .io(step: "rollback", .system(operation: "find", path: previous, errno: ENOENT))
        }
        do {
            if try !FolderSwap.exchange(previous, out) {
                let aside = request.stagingDirectory.path
                try FolderSwap.rename(out, aside)
                try FolderSwap.rename(previous, out)
                try FolderSwap.rename(aside, previous)
            }
        } catch {
            throw .io(step: "rollback", error)
        }
    }

    // MARK: - Helpers

    private func summarize(_ output: SiteBuilder.Output, previous: SiteManifest?) -> PublishSummary {
        let old = previous?.files ?? [:]
        let new = output.manifest.files
        var added: [String] = [], changed: [String] = []
        for (path, hash) in new.sorted(by: { $0.key < $1.key }) {
            if let before = old[path] { if before != hash { changed.append(path) } } else { added.append(path) }
        }
        let removed = old.keys.filter { new[$0] == nil }.sorted()
        return PublishSummary(
            files: output.files.count, pages: output.pageCount, briefs: output.briefCount, added: added, changed: changed,
            removed: removed, dryRun: request.dryRun, outDirectory: displayPath(request.outDirectory))
    }

    private func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}
