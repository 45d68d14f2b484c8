import Analysis
import Pathways

// MARK: - The methods page: every source, the thresholds of the difficulties, downloads and the XML briefs.

extension PageBuilder {
    func methodsContext() -> TemplateNode {
        var c = TemplateNode()
        c["allSources"] = .list(input.allProvenances.map(provenanceNode))
        c["thresholdRows"] = .list(
            plan.rules.map { rule in
                .node([
                    "ruleTitle": .text(t(rule.key("title"))),
                    "ruleIndicator": .text(rule.indicator),
                    "ruleThreshold": .text(rule.label(rule.threshold, language: t.language)),
                ])
            })
        c["downloads"] = .list(
            input.downloads.map { .node(["fileName": .text($0.fileName), "downloadHref": .text("../data/\($0.fileName)")]) })
        c["briefXMLs"] = .list(input.provinces.map { .node(["provinceName": .text(name($0.id)), "xmlHref": .text("\($0.id).xml")]) })
        c["deadline"] = .text(String(PeakVerdict.deadline))
        return c
    }
}
