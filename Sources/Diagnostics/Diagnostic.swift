/// Where a problem was found: a file and, when known, a line and column (1-based).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line` (or `file:line:column`, or just `file`), the form editors jump to.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.column ?? 0) < (rhs.file, rhs.line ?? 0, rhs.column ?? 0)
    }
}

/// One problem found in input data, a template or a run, told as
/// `file:line: what is wrong — how to fix it`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// Whether the problem stops the run.
    public enum Severity: String, Hashable, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation?
    /// What is wrong, in words a planner understands.
    public var message: String
    /// How to fix it; `nil` when the message says it all.
    public var fix: String?

    public init(_ severity: Severity = .error, at location: SourceLocation?, _ message: String, fix: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.fix = fix
    }

    /// An error at `location`.
    public static func error(at location: SourceLocation?, _ message: String, fix: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, fix: fix)
    }

    /// A warning at `location`: reported, but the run goes on.
    public static func warning(at location: SourceLocation?, _ message: String, fix: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, fix: fix)
    }

    /// The one-line form: `file:line: what is wrong — how to fix it` (warnings say so).
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        if severity == .warning { text += "warning: " }
        text += message
        if let fix, !fix.isEmpty { text += " — \(fix)" }
        return text
    }
}

/// The error thrown once after all problems of a run were collected.
public struct DiagnosticsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
