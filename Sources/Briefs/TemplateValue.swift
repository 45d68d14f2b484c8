import Mustache

/// Markup produced by yrdplan's own Swift code (the SVG charts), already escaped where it holds data.
/// The only value a template may insert unescaped, with `{{{…Markup}}}`.
public struct TrustedMarkup: Hashable, Sendable, MustacheCustomRenderable {
    public let markup: String

    /// Wraps markup built by yrdplan code; never call this with text that came from data unescaped.
    public init(_ markup: String) { self.markup = markup }

    public var renderText: String { markup }
    public var isNull: Bool { false }
}

/// A value handed to a template: text (escaped on output), a flag for sections, a list, a nested node
/// or trusted markup. Numbers are formatted to text before they reach a template.
public indirect enum TemplateValue: Hashable, Sendable {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case node(TemplateNode)
    case markup(TrustedMarkup)

    /// Every text value in this value and its children (for checks on characters).
    func forEachText(_ body: (String) -> Void) {
        switch self {
        case .text(let text): body(text)
        case .flag, .markup: break
        case .list(let items): items.forEach { $0.forEachText(body) }
        case .node(let node): node.fields.values.forEach { $0.forEachText(body) }
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
}

/// A set of named values: the context a template or one of its sections renders with.
public struct TemplateNode: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    public var fields: [String: TemplateValue]

    public init(_ fields: [String: TemplateValue] = [:]) { self.fields = fields }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        fields = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(key: String) -> TemplateValue? {
        get { fields[key] }
        set { fields[key] = newValue }
    }

    /// Adds every field of `other`, replacing fields with the same name.
    public mutating func merge(_ other: TemplateNode) {
        fields.merge(other.fields) { _, new in new }
    }
}

// MARK: - What swift-mustache sees

/// Records names that no level of the context stack had: the renderer turns them into errors.
final class MissingKeyRecorder: @unchecked Sendable {
    // One recorder per render call, used by one thread.
    var missing: [String] = []
}

/// A node as swift-mustache sees it. The root node reports lookups that reached it without a value:
/// swift-mustache looks a name up from the innermost section outward, so a name that reaches the
/// root unanswered is missing everywhere.
final class MustacheNode: MustacheParent {
    let fields: [String: Any]
    let recorder: MissingKeyRecorder?

    init(_ node: TemplateNode, recorder: MissingKeyRecorder?) {
        fields = node.fields.mapValues { MustacheNode.object(for: $0) }
        self.recorder = recorder
    }

    func child(named name: String) -> Any? {
        if let value = fields[name] { return value }
        recorder?.missing.append(name)
        return nil
    }

    static func object(for value: TemplateValue) -> Any {
        switch value {
        case .text(let text): text
        case .flag(let flag): flag
        case .list(let items): items.map { object(for: $0) }
        case .node(let node): MustacheNode(node, recorder: nil)
        case .markup(let markup): markup
        }
    }
}

// MARK: - Escaping inside templates

/// The escaping of `{{value}}` in yrdplan templates: the same five characters as swift-mustache's HTML
/// escaping (`& < > " '`), valid in HTML text and attributes, XML and SVG, but checked on UTF-8 bytes first
/// so that text without them is not rebuilt character by character. Templates opt in with
/// `{{% CONTENT_TYPE: YRDPLAN}}`; without it swift-mustache's own escaping applies (same output, slower).
struct YrdplanContentType: MustacheContentType {
    /// The pragma value that selects this escaping.
    static let name = "YRDPLAN"

    func escapeText(_ text: String) -> String { Escape.htmlAttribute(text) }

    /// Registers the content type with swift-mustache once per process.
    static let registered: Bool = {
        MustacheContentTypes.register(YrdplanContentType(), named: name)
        return true
    }()
}
