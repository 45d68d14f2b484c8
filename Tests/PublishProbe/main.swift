import Analysis
// yrdplan-publish-probe: a test-only driver of the site publisher, so that an end-to-end test can SIGKILL a
// real process in the middle of a publish. It publishes like `yrdplan publish --input FILE` and, after the
// step named by --pause-after, prints "paused after STEP" and blocks reading standard input (the test holds
// the other end and kills the process). Not a product: the shipped binary has no pause of any kind.
//
// Usage: yrdplan-publish-probe --out DIR --templates DIR --site FILE --input FILE --pause-after STEP
import Briefs
import Diagnostics
import Foundation
import Site

/// The value following `name` on the command line.
func option(_ name: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else {
        FileHandle.standardError.write(Data("yrdplan-publish-probe: missing \(name)\n".utf8))
        exit(2)
    }
    return arguments[index + 1]
}

let inputPath = option("--input")
let pauseStep = option("--pause-after")
let settings: SiteSettings
do {
    settings = try SiteSettings.load(from: URL(fileURLWithPath: option("--site")), displayPath: option("--site"))
} catch {
    FileHandle.standardError.write(Data("yrdplan-publish-probe: \(error)\n".utf8))
    exit(1)
}
let request = PublishRequest(
    outDirectory: URL(fileURLWithPath: option("--out")), templatesDirectory: URL(fileURLWithPath: option("--templates")),
    settings: settings)
let publisher = Publisher(request: request) { () throws(DiagnosticsError) -> BriefInput in
    guard let data = FileManager.default.contents(atPath: inputPath),
        let input = try? JSONDecoder().decode(BriefInput.self, from: data)
    else { throw DiagnosticsError([.error(at: SourceLocation(file: inputPath), "not a readable BriefInput JSON")]) }
    return input
}
publisher.log = { _ in }
publisher.afterStep = { step throws(PublishError) in
    guard step == pauseStep else { return }
    FileHandle.standardOutput.write(Data("paused after \(step)\n".utf8))
    _ = FileHandle.standardInput.readDataToEndOfFile()
    throw .interrupted(step: step, reason: "standard input closed before the test killed the probe")
}
do {
    _ = try publisher.run()
} catch {
    FileHandle.standardError.write(Data("yrdplan-publish-probe: \(error)\n".utf8))
    exit(1)
}
