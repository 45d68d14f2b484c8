import BenefitSharing
import RegionModel

/// What a relocation moves from the origin to the destination, per year: CO2, value added (GDP), jobs and tax,
/// before (at the origin) and after (at the destination).
public struct RelocationMove: Hashable, Sendable, Codable {
    /// `co2`, `gdp`, `jobs` or `tax`.
    public var quantity: String
    public var before: Figure
    public var after: Figure

    public init(quantity: String, before: Figure, after: Figure) {
        self.quantity = quantity
        self.before = before
        self.after = after
    }
}

/// The pooled-dispatch agreement in full: the saving the four make together, each share under the agreed rule and
/// every check `yrdplan check` runs on it.
public struct PooledDeal: Hashable, Sendable, Codable {
    public var id: String
    /// The agreed rule (`shapley`, …).
    public var rule: String
    public var total: Figure
    /// Each party's share under the agreed rule, by province id.
    public var shares: [String: Figure]
    public var checks: [RuleCheckResult]

    public init(id: String, rule: String, total: Figure, shares: [String: Figure], checks: [RuleCheckResult]) {
        self.id = id
        self.rule = rule
        self.total = total
        self.shares = shares
        self.checks = checks
    }
}

/// One province's share of one stream in one period, before and after the designed amendment.
public struct ShareChange: Hashable, Sendable, Codable {
    public var stream: String
    public var fromYear: Int
    public var toYear: Int
    public var before: Double
    public var after: Double

    public init(stream: String, fromYear: Int, toYear: Int, before: Double, after: Double) {
        self.stream = stream
        self.fromYear = fromYear
        self.toYear = toYear
        self.before = before
        self.after = after
    }
}

/// What one province should do about one agreement, from `yrdplan check` and the deal designer (`check --suggest`).
public struct DealAction: Hashable, Sendable, Codable {
    /// Sign it as written (every check passes), renegotiate it (the amendment or the side payment that passes), or
    /// refuse it (nothing that shares or payments can change passes).
    public enum Kind: String, Hashable, Sendable, Codable {
        case sign, renegotiate, refuse
    }

    public var province: String
    /// The agreement id and kind (`relocation`, `pooled-dispatch`, `joint-fund`).
    public var agreement: String
    public var agreementKind: String
    public var kind: Kind
    /// The province's net position as proposed.
    public var net: Figure?
    /// Its net position under the designed amendment.
    public var amendedNet: Figure?
    /// The failing checks as proposed (property ids).
    public var failing: [String]
    /// The province's shares the amendment changes.
    public var changes: [ShareChange]
    /// What the province receives (positive) or pays (negative) in the smallest side payment that passes, when no
    /// split does.
    public var sidePayment: Figure?

    public init(
        province: String, agreement: String, agreementKind: String, kind: Kind, net: Figure?, amendedNet: Figure? = nil,
        failing: [String] = [], changes: [ShareChange] = [], sidePayment: Figure? = nil
    ) {
        self.province = province
        self.agreement = agreement
        self.agreementKind = agreementKind
        self.kind = kind
        self.net = net
        self.amendedNet = amendedNet
        self.failing = failing
        self.changes = changes
        self.sidePayment = sidePayment
    }
}

extension AgreementAnalysis {
    /// What each party should do about `agreement` (checked as `checkable`): sign when every check passes; else
    /// renegotiate with the deal designer's amendment (a relocation's tax split, objective `closest`) or with the
    /// smallest side payment; refuse when neither passes.
    public static func actions(
        _ agreement: Agreement, checkable: some CheckableAgreement, citation: Citation
    ) throws -> [DealAction] {
        let outcome = try checkable.evaluate()
        let failing = RuleChecker.check(checkable).filter { !$0.held }.map(\.property.name)
        let kind: String
        switch agreement {
        case .relocation: kind = "relocation"
        case .jointFund: kind = "joint-fund"
        case .pooledDispatch: kind = "pooled-dispatch"
        }
        func net(_ values: [Double], _ i: Int) -> Figure { Figure(values[i], unit: outcome.unit, citation) }
        guard !failing.isEmpty else {
            return outcome.parties.indices.map {
                DealAction(
                    province: outcome.parties[$0], agreement: agreement.id, agreementKind: kind, kind: .sign,
                    net: net(outcome.allocation, $0))
            }
        }
        let design: DealDesign
        if case .relocation(let relocation) = agreement {
            design = try relocation.designSplit(objective: .closest)
        } else {
            design = .noSplitPasses(
                try NoPassingSplit.explain(checkable, reason: "no split schedule to change: only a side payment moves money"))
        }
        switch design {
        case .amended(let amendment):
            return amendment.parties.indices.map { i in
                let party = amendment.parties[i]
                let changes = amendment.changes.compactMap { change -> ShareChange? in
                    guard let before = change.before[party], let after = change.after[party] else { return nil }
                    return ShareChange(
                        stream: change.stream, fromYear: change.years.lowerBound, toYear: change.years.upperBound, before: before,
                        after: after)
                }
                return DealAction(
                    province: party, agreement: agreement.id, agreementKind: kind, kind: .renegotiate, net: net(amendment.before, i),
                    amendedNet: net(amendment.after, i), failing: failing, changes: changes)
            }
        case .noSplitPasses(let none):
            return none.parties.indices.map { i in
                let payment = none.sidePayment.map { Figure($0.transfers[i], unit: none.unit, citation) }
                return DealAction(
                    province: none.parties[i], agreement: agreement.id, agreementKind: kind,
                    kind: payment == nil ? .refuse : .renegotiate, net: net(none.allocation, i), failing: failing,
                    sidePayment: payment)
            }
        }
    }

    /// What a relocation moves, per year, with the agreement's figures' citations.
    public static func moves(_ agreement: RelocationAgreement, path: String) -> [RelocationMove] {
        let quantityZh = ["co2": "二氧化碳排放", "gdp": "增加值", "jobs": "就业", "tax": "税收"]
        func figure(_ f: AgreementFigure, _ what: String) -> Figure {
            let parts = what.split(separator: ".").map(String.init)
            let whatZh = (parts.first == "before" ? "迁移前" : "迁移后") + (quantityZh[parts.last ?? ""] ?? what)
            return Figure(
                f.value, unit: f.unit.symbol,
                Citation(
                    sourceKey: "agreement-\(agreement.id)-plant", source: "plant figures of \(path)",
                    year: f.provenance.years?.upperBound ?? 0,
                    confidence: f.confidence, note: f.provenance.note ?? "see \(what) in \(path)",
                    sourceZh: "\(path) 中的企业数据", noteZh: f.provenance.note == nil ? "见 \(path) 中的\(whatZh)数据" : nil))
        }
        let pairs: [(String, AgreementFigure, AgreementFigure)] = [
            ("co2", agreement.before.co2, agreement.after.co2), ("gdp", agreement.before.valueAdded, agreement.after.valueAdded),
            ("jobs", agreement.before.jobs, agreement.after.jobs), ("tax", agreement.before.tax, agreement.after.tax),
        ]
        return pairs.map { RelocationMove(quantity: $0.0, before: figure($0.1, "before.\($0.0)"), after: figure($0.2, "after.\($0.0)")) }
    }
}
