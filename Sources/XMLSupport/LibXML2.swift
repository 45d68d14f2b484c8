internal import CXMLSchemaShim
import Diagnostics

// The only Swift file that touches the C shim: buffers live for one call, the schema handle is owned by
// `XMLSchema` and freed in `deinit`, every libxml2 problem becomes a `Diagnostic` with `file:line`.

/// One problem libxml2 reported, before it becomes a `Diagnostic`.
public struct XMLProblem: Hashable, Sendable {
    /// libxml2's severity.
    public enum Level: Int, Hashable, Sendable {
        case warning = 1
        case error = 2
        case fatal = 3
    }

    public var level: Level
    /// libxml2's error code (e.g. 801 for an HTML element name libxml2's HTML 4 parser does not know).
    public var code: Int
    /// 1-based line, `nil` when libxml2 did not know it.
    public var line: Int?
    public var message: String
}

/// Collects problems from the C callback; lives only for one call.
private final class ProblemCollector {
    var problems: [XMLProblem] = []
}

private let collect: yrd_xml_error_callback = { context, level, code, line, _, message in
    guard let context else { return }
    let collector = Unmanaged<ProblemCollector>.fromOpaque(context).takeUnretainedValue()
    collector.problems.append(
        XMLProblem(
            level: XMLProblem.Level(rawValue: Int(level)) ?? .error, code: Int(code),
            line: line > 0 ? Int(line) : nil,
            message: message.map { String(cString: $0) } ?? "unknown libxml2 error"))
}

/// Runs `body` with a collector whose address is handed to C, and returns what it collected.
private func withCollector(_ body: (UnsafeMutableRawPointer) -> Void) -> [XMLProblem] {
    let collector = ProblemCollector()
    let unmanaged = Unmanaged.passRetained(collector)
    defer { unmanaged.release() }
    body(unmanaged.toOpaque())
    return collector.problems
}

/// Calls `body` with the UTF-8 bytes of `text` (never copied into C-owned memory).
private func withBytes<R>(_ text: String, _ body: (UnsafePointer<CChar>, Int) -> R) -> R {
    var text = text
    return text.withUTF8 { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
            // An empty document still needs a valid pointer.
            if let base = chars.baseAddress { return body(base, chars.count) }
            return "".withCString { body($0, 0) }
        }
    }
}

/// Low-level entry points over libxml2; `XMLChecks` and `XMLSchema` turn their output into diagnostics.
enum LibXML2 {
    static func wellFormednessProblems(_ text: String, name: String) -> [XMLProblem] {
        withCollector { context in
            withBytes(text) { bytes, count in
                _ = yrd_xml_check_well_formed(bytes, count, name, collect, context)
            }
        }
    }

    static func htmlProblems(_ text: String, name: String) -> [XMLProblem] {
        withCollector { context in
            withBytes(text) { bytes, count in
                _ = yrd_html_parse(bytes, count, name, collect, context)
            }
        }
    }

    static func loadSchema(_ text: String, baseURL: String) -> (OpaquePointer?, [XMLProblem]) {
        var handle: OpaquePointer?
        let problems = withCollector { context in
            handle = withBytes(text) { bytes, count in
                yrd_schema_load(bytes, count, baseURL, collect, context)
            }
        }
        return (handle, problems)
    }

    static func validationProblems(_ schema: OpaquePointer, _ text: String, name: String) -> (Int32, [XMLProblem]) {
        var status: Int32 = 0
        let problems = withCollector { context in
            status = withBytes(text) { bytes, count in
                yrd_schema_validate(schema, bytes, count, name, collect, context)
            }
        }
        return (status, problems)
    }

    static func freeSchema(_ schema: OpaquePointer) {
        yrd_schema_free(schema)
    }
}
