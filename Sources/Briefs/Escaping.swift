import Diagnostics

/// Escaping for each output context. Templates escape `{{value}}` through swift-mustache (the same
/// five characters); Swift-drawn SVG and XML use these functions.
public enum Escape {
    /// Text between HTML tags.
    public static func htmlText(_ text: String) -> String { replacing(text, quotes: false) }

    /// A double-quoted HTML attribute value.
    public static func htmlAttribute(_ text: String) -> String { replacing(text, quotes: true) }

    /// XML character data or a quoted attribute value (XML and SVG): also escapes quotes so one
    /// function serves both, and `]]>` can never close a CDATA section because `>` is escaped.
    public static func xml(_ text: String) -> String { replacing(text, quotes: true) }

    private static func replacing(_ text: String, quotes: Bool) -> String {
        // Most text has nothing to escape: check the UTF-8 bytes first and return it unchanged.
        let needsWork = text.utf8.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || (quotes && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")))
        }
        guard needsWork else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// The characters XML 1.0 allows (`Char` production): text holding others cannot be published.
public enum XMLCharacters {
    /// Whether `scalar` is allowed in an XML 1.0 document.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF: true
        case 0xE000...0xFFFD: true
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The 1-based line and the code point of every disallowed character in `text`.
    public static func violations(in text: String) -> [(line: Int, scalar: Unicode.Scalar)] {
        // Fast path over UTF-8 bytes: a Swift string holds no surrogates, so only C0 controls and
        // U+FFFE/U+FFFF (EF BF BE/BF) can be disallowed.
        var clean = true
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if (byte < 0x20 && byte != 0x9 && byte != 0xA && byte != 0xD)
                || ((byte == 0xBE || byte == 0xBF) && previous == (0xEF, 0xBF))
            {
                clean = false
                break
            }
            previous = (previous.1, byte)
        }
        if clean { return [] }
        var line = 1
        var found: [(Int, Unicode.Scalar)] = []
        for scalar in text.unicodeScalars {
            if !isAllowed(scalar) { found.append((line, scalar)) }
            if scalar == "\n" { line += 1 }
        }
        return found
    }

    /// Diagnostics for every disallowed character of `text` read from `file` (lines offset by `firstLine - 1`).
    public static func diagnostics(in text: String, file: String, firstLine: Int = 1) -> [Diagnostic] {
        violations(in: text).map { violation in
            .error(
                at: SourceLocation(file: file, line: violation.line + firstLine - 1),
                "character U+\(hex(violation.scalar.value)) is not allowed in XML 1.0",
                fix: "remove it or replace it by a visible character")
        }
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// Ids that become paths and anchors: lowercase `[a-z0-9-]`, not empty, not starting with `-`.
public enum SafeID {
    /// Whether `id` can safely name a file or an anchor (no `/`, `.`, `..`, spaces or capitals).
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first != "-" else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
