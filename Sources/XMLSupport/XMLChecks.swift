import Diagnostics

/// Well-formedness of XML and parse problems of HTML pages, as diagnostics with `file:line`.
public enum XMLChecks {
    /// Problems that make `text` not well-formed XML (parsed without network or entity expansion).
    public static func wellFormedness(of text: String, file: String) -> [Diagnostic] {
        LibXML2.wellFormednessProblems(text, name: file).map { $0.diagnostic(file: file) }
    }

    /// Problems libxml2's HTML parser finds in `text`. HTML5 element names libxml2 does not know
    /// (`section`, `nav`, `svg`, … — code 801) are not problems; broken structure is.
    public static func htmlProblems(in text: String, file: String) -> [Diagnostic] {
        LibXML2.htmlProblems(text, name: file)
            .filter { $0.level != .warning && $0.code != unknownHTMLTagCode }
            .map { $0.diagnostic(file: file) }
    }

    /// libxml2's XML_HTML_UNKNOWN_TAG.
    static let unknownHTMLTagCode = 801
}

extension XMLProblem {
    /// This problem as `file:line: message — fix`.
    func diagnostic(file: String) -> Diagnostic {
        Diagnostic(
            level == .warning ? .warning : .error, at: SourceLocation(file: file, line: line),
            message, fix: nil)
    }
}
