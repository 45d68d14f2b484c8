// MARK: - What breaks a property, as data

/// What breaks a property of an agreement, as data: the kind of failure, the parties involved (ids), the
/// amounts and their unit. Render it with `rendered(in:name:)` in English or Chinese, with the names a
/// report uses (province names from the model); the CLI's English line uses the ids.
public struct Counterexample: Sendable, Equatable {
    /// The kinds of failure, each with a fixed meaning of `parties` and `amounts`.
    public enum Kind: String, Sendable, CaseIterable {
        /// Efficiency: amounts `[sum of shares, v(N)]`.
        case sharesDoNotAddUp = "shares-do-not-add-up"
        /// Core, when no coalition blocks but the shares do not add up: amounts `[sum of shares, v(N)]`.
        case notEfficient = "not-efficient"
        /// Individual rationality: parties `[i]`, amounts `[x_i, v({i})]`.
        case belowStandAlone = "below-stand-alone"
        /// Core: parties = the members of S, amounts `[x(S), v(S), excess]`.
        case blockingCoalition = "blocking-coalition"
        /// Symmetry: parties `[i, j]`, amounts `[x_i, x_j]`.
        case unequalTreatment = "unequal-treatment"
        /// Null player: parties `[i]`, amounts `[x_i]`.
        case paidNullPlayer = "paid-null-player"
        /// Monotonicity: parties `[i]`, amounts `[v(N), grown v(N), x_i, grown x_i]`.
        case fallsWhenTotalGrows = "falls-when-total-grows"
        /// Floor: parties `[i]`, amounts `[x_i, floor_i]`.
        case belowFloor = "below-floor"
        /// Benefit/contribution gap: parties `[highest, lowest]`, amounts `[ratio high, ratio low, gap, limit]`, unit `ratio`.
        case benefitContributionGap = "benefit-contribution-gap"
        /// The agreement has no contributions to compare.
        case noContributions = "no-contributions"
        /// The grown agreement (monotonicity) cannot be evaluated: amounts `[growth in %]`.
        case grownCannotBeEvaluated = "grown-cannot-be-evaluated"
        /// The agreement cannot be evaluated; `reason` says why.
        case cannotBeEvaluated = "cannot-be-evaluated"
    }

    /// The kind of failure.
    public var kind: Kind
    /// Party ids, in the order the kind documents.
    public var parties: [String]
    /// Amounts, in the order the kind documents.
    public var amounts: [Double]
    /// The unit of the amounts (the agreement's payoff unit, e.g. `亿元 NPV`; `ratio` for the gap).
    public var unit: String
    /// Why the agreement cannot be evaluated (English, from the error), for `cannotBeEvaluated`.
    public var reason: String?

    /// A counterexample from its parts.
    public init(kind: Kind, parties: [String] = [], amounts: [Double] = [], unit: String, reason: String? = nil) {
        self.kind = kind
        self.parties = parties
        self.amounts = amounts
        self.unit = unit
        self.reason = reason
    }
}

/// The languages reports and briefs are written in.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en
    case zhCN = "zh-CN"
}

// MARK: - Rendering

extension Counterexample {
    /// The counterexample as a sentence in `language`; `name` turns a party id into the name to show
    /// (a province's `name.en` or `name.zh` from the model; the ids by default).
    public func rendered(in language: ReportLanguage, name: (String) -> String = { $0 }) -> String {
        switch language {
        case .en: english(name)
        case .zhCN: chinese(name)
        }
    }

    func english(_ name: (String) -> String) -> String {
        func amount(_ k: Int) -> String { "\(Format.amount(amounts[k])) \(unit)" }
        func party(_ k: Int) -> String { name(parties[k]) }
        switch kind {
        case .sharesDoNotAddUp: return "shares sum to \(amount(0)) but all parties together create \(amount(1))"
        case .notEfficient: return "not efficient: shares sum to \(amount(0)), v(N) = \(amount(1))"
        case .belowStandAlone: return "\(party(0)) gets \(amount(0)), less than the \(amount(1)) it has alone"
        case .blockingCoalition:
            let members = "{" + parties.map(name).joined(separator: ", ") + "}"
            return "coalition \(members) gets \(amount(0)) but can secure \(amount(1)) alone (excess \(amount(2)))"
        case .unequalTreatment:
            return "\(party(0)) and \(party(1)) add the same to every coalition but get \(amount(0)) and \(amount(1))"
        case .paidNullPlayer: return "\(party(0)) adds nothing to any coalition but gets \(amount(0))"
        case .fallsWhenTotalGrows:
            return "when the total grows from \(amount(0)) to \(amount(1)), \(party(0)) falls from \(amount(2)) to \(amount(3))"
        case .belowFloor: return "\(party(0)) gets \(amount(0)), below its floor of \(amount(1))"
        case .benefitContributionGap:
            let f = amounts.map { Format.amount($0) }
            return "\(party(0)) gets \(f[0]) per 亿元 contributed, \(party(1)) \(f[1]): gap \(f[2]) > \(f[3])"
        case .noContributions: return "this agreement has no contributions"
        case .grownCannotBeEvaluated: return "the agreement with a \(Int(amounts[0].rounded()))% larger total cannot be evaluated"
        case .cannotBeEvaluated: return "the agreement cannot be evaluated: \(reason ?? "")"
        }
    }

    /// Chinese as a provincial official writes it: names run into the sentence, a full-width comma, the
    /// minus sign −, `净现值` for NPVs and `/年` for yearly amounts.
    func chinese(_ name: (String) -> String) -> String {
        let npv = unit.hasSuffix("NPV")
        let zhUnit =
            npv ? unit.replacingSuffix(" NPV", with: "") : unit.replacingSuffix(" saved", with: "").replacingSuffix("/yr", with: "/年")
        func number(_ x: Double) -> String {
            let text = Format.amount(x)
            return text.hasPrefix("-") ? "−" + text.dropFirst() : text
        }
        func amount(_ k: Int) -> String { "\(number(amounts[k])) \(zhUnit)" }
        func party(_ k: Int) -> String { name(parties[k]) }
        let gets = npv ? "净现值为" : "分得"
        switch kind {
        case .sharesDoNotAddUp: return "各方所得合计 \(amount(0))，而各方合作可创造 \(amount(1))"
        case .notEfficient: return "分配不满足有效性：各方所得合计 \(amount(0))，而全体合作的价值 v(N) 为 \(amount(1))"
        case .belowStandAlone: return "\(party(0))\(gets) \(amount(0))，低于单独行动时的 \(amount(1))"
        case .blockingCoalition:
            let members = parties.map(name).joined(separator: "、")
            return "\(members)合计\(gets) \(amount(0))，但它们自行合作可获得 \(amount(1))（超出 \(amount(2))）"
        case .unequalTreatment:
            return "\(party(0))与\(party(1))对每个联盟的贡献相同，所得却分别为 \(amount(0)) 和 \(amount(1))"
        case .paidNullPlayer: return "\(party(0))对任何联盟均无贡献，却\(gets) \(amount(0))"
        case .fallsWhenTotalGrows:
            return "总额由 \(amount(0)) 增至 \(amount(1)) 时，\(party(0))的所得反由 \(amount(2)) 降至 \(amount(3))"
        case .belowFloor: return "\(party(0))\(gets) \(amount(0))，低于其下限 \(amount(1))"
        case .benefitContributionGap:
            return "\(party(0))每出资 1 亿元获益 \(number(amounts[0])) 亿元，\(party(1))为 \(number(amounts[1])) 亿元："
                + "差距 \(number(amounts[2]))，超过上限 \(number(amounts[3]))"
        case .noContributions: return "该协议没有出资安排"
        case .grownCannotBeEvaluated: return "总额增加 \(Int(amounts[0].rounded()))% 后，该协议无法评估"
        case .cannotBeEvaluated: return "该协议无法评估：\(reason ?? "")"
        }
    }
}

extension String {
    fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
