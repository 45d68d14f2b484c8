import Diagnostics

/// A compiled XML schema (XSD) that validates documents with libxml2. Owns the C handle.
public final class XMLSchema: @unchecked Sendable {
    // Read-only after init; libxml2 allows one compiled schema to validate from many threads,
    // each with its own validation context (created per call in the shim).
    private let handle: OpaquePointer
    /// Where the schema came from, for messages.
    public let file: String

    /// Compiles the schema `text` read from `file`; a broken schema throws every problem found.
    public init(text: String, file: String) throws(DiagnosticsError) {
        let (handle, problems) = LibXML2.loadSchema(text, baseURL: file)
        guard let handle else {
            var diagnostics = problems.map { $0.diagnostic(file: file) }
            if diagnostics.isEmpty {
                diagnostics = [.error(at: SourceLocation(file: file), "the XML schema could not be compiled")]
            }
            throw DiagnosticsError(diagnostics)
        }
        self.handle = handle
        self.file = file
    }

    deinit { LibXML2.freeSchema(handle) }

    /// Every problem of `text` (named `file` in messages) against this schema; empty when valid.
    public func validate(_ text: String, file: String) -> [Diagnostic] {
        let (status, problems) = LibXML2.validationProblems(handle, text, name: file)
        var diagnostics = problems.filter { $0.level != .warning }.map { $0.diagnostic(file: file) }
        if status != 0 && diagnostics.isEmpty {
            diagnostics = [.error(at: SourceLocation(file: file), "the document is not valid against \(self.file)")]
        }
        return diagnostics
    }
}
