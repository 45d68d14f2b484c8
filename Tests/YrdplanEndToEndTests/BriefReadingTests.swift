import Foundation
import Testing
import YrdplanTestSupport

/// The published site as a reader meets it, on the shipped data: Chinese pages in Chinese, and no page wider than
/// a 360 px phone screen (measured in headless Chromium, skipped where Chromium is not installed).
@Suite struct BriefReadingTests {
    /// One publish of the shipped data (copied to a temporary folder) shared by the tests of this suite.
    static let site: Result<URL, PublishFailure> = {
        do {
            let dir = try TemporaryDirectory(prefix: "yrdplan-reading")
            let regions = try dir.copy(ProjectPaths.regions, as: "Regions")
            let root = ProjectPaths.root
            let result = try BinaryRunner.run(
                [
                    "publish", "--regions", regions.path, "--out", "_site", "--templates",
                    root.appendingPathComponent("Templates").path, "--site",
                    root.appendingPathComponent("Reports/site.yaml").path, "--quiet",
                ],
                in: dir.url, environment: ["SOURCE_DATE_EPOCH": "1767225600"])
            guard result.status == 0 else { return .failure(PublishFailure(message: result.stderr)) }
            directories.append(dir)
            return .success(dir.url.appendingPathComponent("_site"))
        } catch {
            return .failure(PublishFailure(message: "\(error)"))
        }
    }()
    /// Keeps the temporary folder alive for the whole run.
    nonisolated(unsafe) static var directories: [TemporaryDirectory] = []

    /// Why the shared publish failed.
    struct PublishFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Every HTML page of the published site, `lang/file.html` and `index.html`, sorted.
    static func pages(in site: URL) throws -> [String] {
        var pages = ["index.html"]
        for folder in ["en", "zh"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent(folder).path)
            pages += files.filter { $0.hasSuffix(".html") }.map { "\(folder)/\($0)" }
        }
        return pages.sorted()
    }

    // MARK: - Chinese pages in Chinese

    @Test func chinesePagesHaveNoLatinWordsOutsideTheAllowlist() throws {
        let site = try Self.site.get()
        let pages = try Self.pages(in: site).filter { $0.hasPrefix("zh/") }
        #expect(pages.count >= 8)
        for page in pages {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            let runs = LatinRuns.outsideAllowlist(in: VisibleText.of(html))
            #expect(runs.isEmpty, "\(page): \(runs.count) Latin runs outside the allowlist: \(runs.prefix(20))")
            // The catalogue's own entry for team estimates (Regions/sources.yaml) is a title without a Chinese form yet.
            let english = VisibleText.languageExempt(in: html).filter {
                $0.contains("yrdplan") && !$0.hasPrefix("yrdplan-estimate (")
            }
            #expect(english.isEmpty, "\(page): yrdplan's own words passed off as a quoted title: \(english.prefix(5))")
        }
    }

    @Test func latinRunCounterSeesVisibleTextOnly() {
        let html = """
            <p title="English title">上海 <a href="https://x.example/a.html">Shanghai</a> 1.81 亿吨 CO2, 2.5 TWh</p>\
            <style>p { color: red }</style><cite lang="en">China Statistical Yearbook</cite><cite class="title">安徽省碳达峰实施方案 (Anhui gov)</cite><code>coal-power-share</code>\
            <span lang="en">note in English</span><svg><text>Baseline</text><line x1="0"/></svg> &amp; sitemap.xml\
            <cite>yrdplan projection to 2060, Regions/scenarios/policy.yaml</cite> <cite>yrdplan 电力调度（COIN-OR Clp 求解），Regions/grid/grid.yaml</cite>
            """
        #expect(LatinRuns.outsideAllowlist(in: VisibleText.of(html)) == ["Shanghai", "Baseline", "projection", "to"])
        #expect(
            VisibleText.languageExempt(in: html) == ["China Statistical Yearbook", "安徽省碳达峰实施方案 (Anhui gov)", "note in English"])
    }

    // MARK: - No page wider than a phone

    @Test(.enabled(if: Chromium.executable != nil, "needs headless Chromium (`chromium` on PATH); CI's `make test` has none"))
    func noPageIsWiderThan360Pixels() throws {
        let site = try Self.site.get()
        let pages = try Self.pages(in: site)
        let measured = try Chromium.measure(pages, in: site, viewport: 360)
        #expect(measured.count == pages.count, "measured \(measured.count) of \(pages.count) pages")
        for (page, layout) in measured.sorted(by: { $0.key < $1.key }) {
            #expect(layout.scrollWidth <= 360, "\(page) is \(layout.scrollWidth) px wide in a 360 px viewport")
        }
    }

    /// Charts re-lay out rather than shrink: at a phone's width, on both sides of the 42rem switch and on a desktop,
    /// no chart text is drawn smaller than 11 px.
    @Test(
        .enabled(if: Chromium.executable != nil, "needs headless Chromium (`chromium` on PATH); CI's `make test` has none"),
        arguments: [360, 671, 672, 1280])
    func chartTextIsAtLeast11Pixels(viewport: Int) throws {
        let site = try Self.site.get()
        let pages = try Self.pages(in: site)
        let measured = try Chromium.measure(pages, in: site, viewport: viewport)
        #expect(measured.count == pages.count)
        #expect(measured.values.contains { $0.smallestChartText != nil }, "no chart was measured")
        for (page, layout) in measured.sorted(by: { $0.key < $1.key }) {
            guard let smallest = layout.smallestChartText else { continue }
            #expect(smallest >= 11, "\(page) at \(viewport) px draws chart text at \(smallest) px")
        }
    }
}

// MARK: - Visible text and Latin runs

/// The text a reader sees in an HTML page: element content outside `<style>`, `<script>`, `<code>` (ids and
/// commands), elements marked with a non-Chinese `lang` and `<cite class="title">` (titles quoted from the data in
/// their original language); attributes are not text. Entities become a space. Any other `<cite>` is read:
/// yrdplan's own descriptions of its computations are cited that way and must be Chinese on a Chinese page.
enum VisibleText {
    static let skipped: Set<String> = ["style", "script", "code"]
    static let void: Set<String> = ["br", "meta", "link", "img", "input", "hr", "wbr", "source"]

    /// The text of the elements `of(_:)` leaves out as quoted in their own language (`<cite class="title">` and
    /// elements with a `lang`), each as written in the page. Sources yrdplan writes itself must never be among them.
    static func languageExempt(in html: String) -> [String] {
        let pattern = #"<cite class="title"[^>]*>([^<]*)</cite>|<(?:span|cite) lang="[^"z][^"]*">([^<]*)</(?:span|cite)>"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(html.startIndex..., in: html)
        return regex.matches(in: html, range: range).compactMap { match in
            (1...2).lazy.compactMap { Range(match.range(at: $0), in: html).map { String(html[$0]) } }.first
        }
    }

    static func of(_ html: String) -> String {
        var text = ""
        var stack: [(name: String, skips: Bool)] = []
        var index = html.startIndex
        while index < html.endIndex {
            guard html[index] == "<" else {
                if !(stack.last?.skips ?? false) { text.append(html[index]) }
                index = html.index(after: index)
                continue
            }
            if html[index...].hasPrefix("<!--") {
                index = html[index...].range(of: "-->")?.upperBound ?? html.endIndex
                continue
            }
            let end = html[index...].firstIndex(of: ">") ?? html.endIndex
            let tag = html[html.index(after: index)..<end]
            index = end < html.endIndex ? html.index(after: end) : end
            text.append(" ")
            if tag.hasPrefix("!") || tag.hasPrefix("?") { continue }
            if tag.hasPrefix("/") {
                let name = tag.dropFirst().lowercased().trimmingCharacters(in: .whitespaces)
                if let open = stack.lastIndex(where: { $0.name == name }) { stack.removeSubrange(open...) }
                continue
            }
            let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
            if void.contains(name) || tag.hasSuffix("/") { continue }
            let lang = tag.range(of: "lang=\"").map { tag[$0.upperBound...].prefix { $0 != "\"" } }
            let quoted = name == "cite" && tag.contains("class=\"title\"")
            let skips =
                (stack.last?.skips ?? false) || skipped.contains(name) || quoted || (lang.map { !$0.hasPrefix("zh") } ?? false)
            stack.append((name, skips))
            if name == "script" || name == "style" {
                index = html[index...].range(of: "</\(name)>")?.lowerBound ?? html.endIndex
            }
        }
        return text.replacingOccurrences(of: "&[#a-zA-Z0-9]+;", with: " ", options: .regularExpression)
    }
}

/// Runs of Latin letters in Chinese text that are not on the allowlist: units (CO2, TWh, MW, GW, kWh), terms
/// official Chinese documents write in Latin letters (GDP, CCUS), format and product names (XML, CSV, JSON, Atom, yrdplan),
/// the solver's name (COIN-OR Clp), document ids (`bsh-013`), URLs, URNs, file names and paths (`Regions/grid/grid.yaml`).
enum LatinRuns {
    static let allowed: Set<String> = [
        "CO2", "TWh", "MW", "GW", "kWh", "GDP", "CCUS", "XML", "CSV", "JSON", "Atom", "yrdplan", "COIN-OR", "Clp",
    ]

    static func outsideAllowlist(in text: String) -> [String] {
        let cleaned = text.replacingOccurrences(
            of: #"(https?://|urn:)\S+|[\w./-]+\.(xml|html|json|csv|xsd|yaml)\b|\w[\w.-]*/[\w./-]*"#, with: " ", options: .regularExpression)
        var runs: [String] = []
        var current = ""
        func close() {
            if !current.isEmpty && !allowed.contains(current) && current.range(of: #"^[a-z]+-\d+$"#, options: .regularExpression) == nil {
                runs.append(current)
            }
            current = ""
        }
        for character in cleaned {
            if character.isASCII && (character.isLetter || (!current.isEmpty && (character.isNumber || character == "-"))) {
                current.append(character)
            } else {
                close()
            }
        }
        close()
        return runs
    }
}

// MARK: - Headless Chromium

/// Measures pages in headless Chromium. Its windows do not go below about 500 px, so each page is loaded in an
/// iframe of the wanted width inside a small harness page, whose script writes every iframe document's
/// `scrollWidth` and smallest chart text into the DOM that `--dump-dom` prints once all frames have loaded.
enum Chromium {
    /// `chromium` or `chromium-browser` on PATH.
    static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }()

    /// What is measured of a page: the document's `scrollWidth` and the smallest chart text as drawn (the SVG
    /// `font-size` times the chart's rendered width over its view box width), `nil` when no chart is shown.
    struct Layout: Equatable {
        var scrollWidth: Int
        var smallestChartText: Double?
    }

    /// Each page (relative to `site`) measured in a `viewport` px wide frame.
    static func measure(_ pages: [String], in site: URL, viewport: Int) throws -> [String: Layout] {
        let executable = try #require(executable)
        let dir = try TemporaryDirectory(prefix: "yrdplan-width")
        let frames = pages.map {
            "<iframe src=\"\(site.appendingPathComponent($0).absoluteString)\" width=\"\(viewport)\" height=\"640\" data-page=\"\($0)\"></iframe>"
        }
        let harness = try dir.write(
            """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\(frames.joined())<pre id="out"></pre>
            <script>window.addEventListener("load", function () {
              var lines = [];
              document.querySelectorAll("iframe").forEach(function (frame) {
                var doc = frame.contentDocument, smallest = -1;
                if (!doc) { lines.push("width " + frame.dataset.page + " -1 -1"); return; }
                doc.querySelectorAll("svg.chart").forEach(function (svg) {
                  var shown = svg.getBoundingClientRect().width, box = svg.viewBox.baseVal.width;
                  if (shown === 0 || box === 0) { return; }
                  svg.querySelectorAll("text").forEach(function (text) {
                    var size = parseFloat(text.getAttribute("font-size")) * shown / box;
                    if (smallest < 0 || size < smallest) { smallest = size; }
                  });
                });
                lines.push("width " + frame.dataset.page + " " + doc.documentElement.scrollWidth + " " + smallest.toFixed(2));
              });
              document.getElementById("out").textContent = lines.join("\\n");
            });</script></body></html>
            """, to: "harness.html")
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files",
            "--virtual-time-budget=15000", "--dump-dom", harness.absoluteString,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var measured: [String: Layout] = [:]
        for match in String(decoding: data, as: UTF8.self).matches(of: #/width (\S+) (-?\d+) (-?[\d.]+)/#) {
            guard let width = Int(match.2), let text = Double(match.3) else { continue }
            measured[String(match.1)] = Layout(scrollWidth: width, smallestChartText: text < 0 ? nil : text)
        }
        return measured
    }
}
