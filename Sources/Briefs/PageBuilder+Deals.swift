import Analysis

// MARK: - Agreements in a brief: industry-relocation deals and the province's shares under each allocation rule.

extension PageBuilder {
    /// An industry-relocation deal: what moves where, the split schedule, the NPV per party and the rule checks.
    func relocationNode(_ deal: RelocationDeal) -> TemplateValue {
        let origin = name(deal.origin)
        let destination = name(deal.destination)
        let title = relocationTitle(deal)
        let parties = [deal.origin, deal.destination] + deal.npv.keys.sorted().filter { $0 != deal.origin && $0 != deal.destination }
        return .node([
            "relocationId": .text(deal.id), "relocationTitle": .text(title),
            "originId": .text(deal.origin), "destinationId": .text(deal.destination),
            "horizonYears": .text(String(deal.horizonYears)),
            "relocationDeal": .text(
                t(
                    "relocation_deal",
                    ["title": title, "origin": origin, "destination": destination, "years": String(deal.horizonYears)])),
            "splitCaption": .text(t("relocation_split_caption", ["origin": origin, "destination": destination])),
            "colOriginShare": .text(t("col_share_of", ["province": origin])),
            "colDestinationShare": .text(t("col_share_of", ["province": destination])),
            "splitRows": .list(
                deal.splits.map { row in
                    .node([
                        "streamId": .text(row.stream), "streamName": .text(t(StringKey.for(.stream, id: row.stream))),
                        "fromYear": .text(String(row.fromYear)), "toYear": .text(String(row.toYear)),
                        "yearsText": .text(t("relocation_years", ["from": String(row.fromYear), "to": String(row.toYear)])),
                        "originShareMachine": .text(NumberFormat.machine(row.originShare)),
                        "destinationShareMachine": .text(NumberFormat.machine(row.destinationShare)),
                        "originShare": figure(
                            Figure(row.originShare * 100, unit: "%", deal.splitProvenance), name: "split-\(row.stream)-origin",
                            label: t("col_share_of", ["province": origin]), display: NumberFormat.fixed(row.originShare * 100, 0)),
                        "destinationShare": figure(
                            Figure(row.destinationShare * 100, unit: "%", deal.splitProvenance), name: "split-\(row.stream)-destination",
                            label: t("col_share_of", ["province": destination]),
                            display: NumberFormat.fixed(row.destinationShare * 100, 0)),
                    ])
                }),
            "splitSourceKey": .text(deal.splitProvenance.sourceKey), "splitSource": .text(sourceShort(deal.splitProvenance)),
            "splitYear": .text(String(deal.splitProvenance.year)), "splitConfidence": .text(deal.splitProvenance.confidence.rawValue),
            "npvFigures": .list(
                parties.compactMap { party in
                    deal.npv[party].map {
                        figure($0, name: "relocation-npv-\(party)", label: t("relocation_npv", ["province": name(party)]))
                    }
                }),
            "checkRows": .list(deal.checks.map(checkNode)),
            "movesTables": .list(movesTable(deal)),
            "moves": .list(
                (deal.moves ?? []).map { move in
                    .node([
                        "quantity": .text(move.quantity), "unit": .text(move.after.unit),
                        "before": .text(NumberFormat.machine(move.before.value)), "after": .text(NumberFormat.machine(move.after.value)),
                    ])
                }),
        ])
    }

    /// The deal's title as printed: the agreement's own (English) title on English pages; on Chinese pages a
    /// title built from the industry and the two provinces (`石化产业转移：上海→江苏`), the industry being the sector
    /// whose id the agreement's id names (`relocation-petrochemical-…` → `petrochemicals`), if any.
    func relocationTitle(_ deal: RelocationDeal) -> String {
        guard isChinese else { return deal.title }
        let words = Set(deal.id.split(separator: "-").map(String.init))
        let sectors = Set(input.provinces.flatMap { $0.sectors.map(\.sector) }).sorted()
        let names = ["origin": name(deal.origin), "destination": name(deal.destination)]
        if let sector = sectors.first(where: { words.contains($0) || ($0.hasSuffix("s") && words.contains(String($0.dropLast()))) }) {
            return t("relocation_title_industry", names.merging(["industry": t(StringKey.for(.sector, id: sector))]) { $1 })
        }
        return t("relocation_title_any", names)
    }

    /// A failed check's counterexample in the page's language (the English sentence when no Chinese one was given).
    func counterexample(_ result: RuleCheckResult) -> String? {
        isChinese ? result.counterexampleZh ?? result.counterexample : result.counterexample
    }

    func allocationShares(for province: String) -> [TemplateValue] {
        guard let allocation = input.allocation else { return [] }
        return allocation.rules.compactMap { rule in
            guard let share = allocation.shares[rule]?[province] else { return nil }
            return .node([
                "ruleName": .text(t(StringKey.for(.rule, id: rule))),
                "share": figure(
                    Figure(share, unit: allocation.unit, allocation.provenance), name: "allocation-\(rule)",
                    label: t(StringKey.for(.rule, id: rule))),
            ])
        }
    }
}
