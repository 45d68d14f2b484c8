/// Collects every problem of a run so that all are reported at once, then fails once.
public struct DiagnosticEngine: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// Records one diagnostic.
    public mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Records an error.
    public mutating func error(at location: SourceLocation?, _ message: String, fix: String? = nil) {
        report(.error(at: location, message, fix: fix))
    }

    /// Records a warning.
    public mutating func warning(at location: SourceLocation?, _ message: String, fix: String? = nil) {
        report(.warning(at: location, message, fix: fix))
    }

    /// Takes over every diagnostic another engine collected.
    public mutating func absorb(_ other: DiagnosticEngine) {
        diagnostics.append(contentsOf: other.diagnostics)
    }

    /// Takes over the diagnostics of a failed step.
    public mutating func absorb(_ error: DiagnosticsError) {
        diagnostics.append(contentsOf: error.diagnostics)
    }

    /// Diagnostics in a stable order: by file, line and column, then in the order found.
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let la = a.element.location ?? SourceLocation(file: "")
            let lb = b.element.location ?? SourceLocation(file: "")
            return la == lb ? a.offset < b.offset : la < lb
        }.map(\.element)
    }

    /// Throws every collected diagnostic (sorted) when any is an error.
    public func failIfErrors() throws(DiagnosticsError) {
        if hasErrors { throw DiagnosticsError(sorted) }
    }
}
