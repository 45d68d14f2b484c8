import Diagnostics

/// How far a number can be trusted: published, derived by us, or made up to exercise the model.
public enum Confidence: String, CaseIterable, Hashable, Sendable, Comparable {
    /// The value appears in the cited publication.
    case sourced
    /// Derived or a rough magnitude; the note gives the reasoning.
    case estimate
    /// Made up (e.g. a shaped profile) so that the model can run; never a fact.
    case synthetic

    public static func < (a: Confidence, b: Confidence) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The weakest of several confidences (a figure computed from them is no better).
    public static func weakest<S: Sequence>(_ values: S) -> Confidence where S.Element == Confidence {
        values.max() ?? .sourced
    }
}

/// Where a number comes from: a source key, the fact-sheet row, how sure we are and why.
public struct Provenance: Hashable, Sendable {
    /// A key of `Regions/sources.yaml`.
    public var source: String
    /// The row id in `shared/reference/yrd-facts.md`, when the number comes from one.
    public var reference: String?
    public var confidence: Confidence
    /// The reasoning behind an estimate, or a remark.
    public var note: String?
    /// The year the number describes, or the span of years it covers (`2020-2022`); `nil` where the
    /// years are given beside the values (a scenario lever's `values: {2030: …}`).
    public var years: ClosedRange<Int>?
    /// For a judgement (an estimate that is not a checked derivation): the range the true value lies in, in the
    /// number's own unit; uncertainty analyses draw from it. `nil` for sourced numbers and derivations.
    public var range: ClosedRange<Double>?
    /// For a derivation (an estimate computed from other rows of the same file): the formula the loader rechecks.
    public var derivation: Derivation?
    /// Where the number is written in `Regions/`.
    public var location: SourceLocation?

    /// Creates the value from its parts.
    public init(
        source: String, reference: String? = nil, confidence: Confidence, note: String? = nil,
        years: ClosedRange<Int>? = nil, range: ClosedRange<Double>? = nil, derivation: Derivation? = nil,
        location: SourceLocation? = nil
    ) {
        self.source = source
        self.reference = reference
        self.confidence = confidence
        self.note = note
        self.years = years
        self.range = range
        self.derivation = derivation
        self.location = location
    }
}

/// One entry of the source catalogue (`Regions/sources.yaml`).
public struct SourceReference: Hashable, Sendable {
    /// What kind of publication this is.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        case statistics, paper, policy, news, dataset, estimate
    }

    /// The key that `source:` fields use.
    public var key: String
    /// The primary publisher and document, e.g. 国家统计局《中国统计年鉴2021》.
    public var title: String
    public var url: String?
    public var kind: Kind
    /// Where we read it, when not from the publisher: a public repository with path and commit, or a URL.
    public var via: String?
    /// The licence under which the copy we read is published, where known.
    public var licence: String?

    /// Creates the entry from its parts.
    public init(key: String, title: String, url: String? = nil, kind: Kind, via: String? = nil, licence: String? = nil) {
        self.key = key
        self.title = title
        self.url = url
        self.kind = kind
        self.via = via
        self.licence = licence
    }

    /// Whether `title` is an opaque identifier rather than the name of a publication: it mentions "id" followed by
    /// digits (a search-index or database id), or most of it is made of long digit or hexadecimal strings.
    public static func isOpaque(title: String) -> Bool {
        let lowered = title.lowercased()
        let words = lowered.split { !$0.isLetter && !$0.isNumber }
        for (index, word) in words.enumerated() where word == "id" || word == "ids" {
            if index + 1 < words.count, words[index + 1].allSatisfy(\.isNumber) { return true }
        }
        let visible = lowered.filter { $0.isLetter || $0.isNumber }.count
        let opaque = words.filter { $0.count >= 6 && $0.allSatisfy(\.isHexDigit) && $0.contains(where: \.isNumber) }
        return visible > 0 && Double(opaque.map(\.count).reduce(0, +)) / Double(visible) > 0.5
    }
}
