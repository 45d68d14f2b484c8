import ArgumentParser
import BenefitSharing
import Diagnostics
import Foundation
import RegionLoading
import RegionModel

// MARK: - `check --suggest`: the deal designer

extension CheckCommand {
    /// Designs a passing split for each failing agreement and prints it (writing it with --suggest-out);
    /// returns how many checks fail in the agreements that have no passing design.
    func suggestSplits(_ model: RegionalModel, _ agreements: [Agreement]) throws -> Int {
        var undesigned = 0
        var wrote = false
        for agreement in agreements {
            let checkable = try self.checkable(agreement, model)
            guard !RuleChecker.check(checkable).allSatisfy(\.held) else { continue }
            let design: DealDesign
            do {
                switch agreement {
                case .relocation(let a): design = try a.designSplit(objective: objective)
                case .jointFund(let a):
                    let rule: String
                    switch a.contribution {
                    case .fixedShares: rule = "fixed contribution shares"
                    case .proportional(let basis, _): rule = "contributions by \(basis)"
                    }
                    design = .noSplitPasses(
                        try NoPassingSplit.explain(
                            a,
                            reason: "the fund has no split schedule to change (\(rule); each project's benefit follows its spillover): "
                                + "only a side payment moves money between the parties"))
                case .pooledDispatch(let a):
                    design = .noSplitPasses(
                        try NoPassingSplit.explain(
                            checkable,
                            reason: "the savings are shared by the \(a.rule) rule, not a split schedule: only a side payment moves money"))
                }
            } catch {
                print("suggest  \(agreement.id): the agreement cannot be evaluated: \(error)")
                undesigned += checkable.requiredProperties.count
                continue
            }
            switch design {
            case .amended(let amendment):
                printAmendment(amendment)
                if let suggestOut {
                    try writeAmendment(amendment, of: agreement, to: suggestOut, model)
                    wrote = true
                }
            case .noSplitPasses(let none):
                printNoSplit(none)
                undesigned += none.failing.count
            }
        }
        if let suggestOut, !wrote, undesigned == 0 { print("suggest: every check passes; nothing written to \(suggestOut)") }
        return undesigned
    }

    func share(_ x: Double) -> String { Format.amount(x, decimals: RelocationAgreement.designDecimals) }

    func printAmendment(_ a: DealAmendment) {
        let aim =
            switch a.objective {
            case .closest: "least total change of tax shares"
            case .equalGain: "nearest equal gains over stand-alone, then least change"
            case .proportional: "nearest gains in proportion to separable contributions, then least change"
            }
        print("suggest  \(a.agreement.id)  (objective \(a.objective.rawValue): \(aim); LP on Clp)")
        for change in a.changes {
            let parties = a.parties.filter { change.before[$0] != nil || change.after[$0] != nil }
            let moves = parties.map { party in
                let before = change.before[party] ?? 0
                let after = change.after[party] ?? 0
                return "\(party) \(share(before)) → \(share(after)) (\(after >= before ? "+" : "")\(share(after - before)))"
            }
            print("  \(change.stream) split, years \(change.years.lowerBound)-\(change.years.upperBound): " + moves.joined(separator: ", "))
        }
        let npvs = a.parties.indices.map { "\(a.parties[$0]) \(Format.amount(a.before[$0])) → \(Format.amount(a.after[$0]))" }
        print("  NPV: " + npvs.joined(separator: ", ") + " \(a.unit)")
        let held = a.checks.filter(\.held).count
        print(
            "  designed against: " + a.designedAgainst.map(\.name).joined(separator: ", ")
                + "; rechecked on the amended agreement: \(held) passed, \(a.checks.count - held) failed")
        if a.agreement.checks.contains(.monotonicity) {
            print("  monotonicity: a constraint of the LP (each province's NPV with a 10% larger total ≥ its NPV), then rechecked")
        }
    }

    func printNoSplit(_ none: NoPassingSplit) {
        func amount(_ x: Double) -> String { "\(Format.amount(x)) \(none.unit)" }
        print("suggest  \(none.agreementID): no split passes — \(none.reason)")
        print("  fails as proposed: " + none.failing.map(\.name).joined(separator: ", "))
        let epsilon = none.leastCoreEpsilon
        print(
            "  least-core ε = \(amount(epsilon)) "
                + (epsilon > 1e-9
                    ? "(the core is empty: every allocation leaves some coalition \(amount(epsilon)) short)"
                    : "(the core is not empty: an allocation every coalition accepts exists)"))
        if let payment = none.sidePayment {
            let received = none.parties.indices.filter { payment.transfers[$0] > 1e-9 }
                .map { "\(none.parties[$0]) receives \(Format.amount(payment.transfers[$0]))" }
            let paid = none.parties.indices.filter { payment.transfers[$0] < -1e-9 }
                .map { "\(none.parties[$0]) pays \(Format.amount(-payment.transfers[$0]))" }
            var line = "  smallest side payment that closes the gap: \(amount(payment.total))"
            if payment.total > 1e-9 { line += " (" + (received + paid).joined(separator: ", ") + ")" }
            if payment.fromOutside > 1e-9 { line += "; \(amount(payment.fromOutside)) of it from outside the agreement" }
            print(line)
            if !payment.theta.isEmpty, payment.theta.contains(where: { abs($0) > 1e-9 }) {
                print(
                    "  (with the shares moved as far as they help: " + payment.theta.map { share($0) }.joined(separator: ", ")
                        + " per period)")
            }
        } else {
            print(
                "  no side payment passes either: shares and payments only move money between the parties, and the deal's total "
                    + "is not what they could create together (efficiency)")
        }
        if !none.undesignable.isEmpty {
            print(
                "  neither shares nor side payments change: " + none.undesignable.map(\.name).joined(separator: ", ")
                    + " (benefits and contributions stay as they are)")
        }
    }

    /// Writes the original file with only the changed shares replaced, then reads it back and checks it.
    func writeAmendment(_ amendment: DealAmendment, of agreement: Agreement, to path: String, _ model: RegionalModel) throws {
        let original: String
        do { original = try String(contentsOfFile: agreement.file, encoding: .utf8) } catch {
            throw CommandFailure.internalFailure("cannot read \(agreement.file) to amend it: \(error.localizedDescription)")
        }
        var lines = original.components(separatedBy: "\n")
        let against = amendment.designedAgainst.map(\.name).joined(separator: ", ")
        // From the last period up, so earlier line numbers stay valid when a multi-line period collapses.
        for change in amendment.changes.sorted(by: { ($0.location?.line ?? 0) > ($1.location?.line ?? 0) }) {
            guard let line = change.location?.line else {
                throw CommandFailure.internalFailure("the \(change.stream) split period \(change.period + 1) has no line to amend")
            }
            let was = amendment.parties.compactMap { p in change.before[p].map { "\(p) \(share($0))" } }.joined(separator: ", ")
            let note =
                "designed by `yrdplan check --suggest` (objective \(amendment.objective.rawValue)) against \(against); was \(was)"
            let shares = change.after.mapValues { share($0) }
            guard SplitPeriodText.amend(&lines, line: line, shares: shares, note: note) else {
                throw CommandFailure.internalFailure(
                    "\(agreement.file):\(line): the designer amends periods written as `- {years: …, shares: {…}, …}`; "
                        + "set the shares by hand: " + shares.keys.sorted().map { "\($0) \(shares[$0]!)" }.joined(separator: ", "))
            }
        }
        do { try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure.internalFailure("cannot write \(path): \(error.localizedDescription)")
        }
        let reread: Agreement
        do {
            reread = try AgreementReader.read(
                contentsOf: URL(fileURLWithPath: path), displayPath: path, knownProvinces: model.provinceIDs,
                knownSources: Set(model.sources.keys))
        } catch { throw CommandFailure.badInput(error) }
        let results = RuleChecker.check(try checkable(reread, model))
        let held = results.filter(\.held).count
        print("  wrote \(path); `yrdplan check \(path)`: \(held) passed, \(results.count - held) failed")
        guard held == results.count else {
            throw CommandFailure.internalFailure("the amended agreement \(path) does not pass its checks")
        }
    }
}

// MARK: - Amending one split period in the file's own text

/// Edits one flow-style split period (`- {years: 10, shares: {shanghai: 0.5, jiangsu: 0.5}, source: …, note: "…"}`)
/// in place: new share values, `confidence: estimate`, `source: yrdplan-estimate`, no `ref:` (the note keeps
/// what the period was), and a note saying how it was designed. Everything else in the file stays as written.
enum SplitPeriodText {
    /// Amends the period mapping that starts on `line` (1-based); false when it is not a flow mapping.
    static func amend(_ lines: inout [String], line: Int, shares: [String: String], note: String) -> Bool {
        guard line >= 1, line <= lines.count, let open = lines[line - 1].firstIndex(of: "{") else { return false }
        let head = lines[line - 1][..<open]
        guard head.trimmingCharacters(in: .whitespaces).hasPrefix("-") || head.trimmingCharacters(in: .whitespaces).isEmpty else {
            return false
        }
        // The mapping may run over several lines: scan to its closing brace.
        let text = lines[(line - 1)...].joined(separator: "\n")
        let start = text.index(text.startIndex, offsetBy: head.count)
        guard let end = closingBrace(in: text, from: start) else { return false }
        let inner = String(text[text.index(after: start)..<end])
        var entries = topLevel(inner).map { entry -> (key: String, value: String) in
            let parts = entry.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
        guard let sharesIndex = entries.firstIndex(where: { $0.key == "shares" }) else { return false }
        let sharesValue = entries[sharesIndex].value
        guard sharesValue.hasPrefix("{"), sharesValue.hasSuffix("}") else { return false }
        let amended = topLevel(String(sharesValue.dropFirst().dropLast())).map { entry -> String in
            let parts = entry.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard let value = shares[parts[0]] else { return entry.trimmingCharacters(in: .whitespacesAndNewlines) }
            return "\(parts[0]): \(value)"
        }
        entries[sharesIndex].value = "{" + amended.joined(separator: ", ") + "}"
        let oldRef = entries.first { $0.key == "ref" }?.value
        let oldNote = entries.first { $0.key == "note" }.map { unquoted($0.value) }
        var was = [oldRef, oldNote].compactMap { $0 }.joined(separator: ": ")
        if !was.isEmpty { was = " (\(was))" }
        entries.removeAll { $0.key == "ref" }
        set(&entries, "source", "yrdplan-estimate")
        set(&entries, "confidence", "estimate")
        set(&entries, "note", quoted(note + was))
        let rebuilt = "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        let tail = String(text[text.index(after: end)...])
        let replaced = (String(head) + rebuilt + tail).components(separatedBy: "\n")
        lines.replaceSubrange((line - 1)..., with: replaced)
        return true
    }

    static func set(_ entries: inout [(key: String, value: String)], _ key: String, _ value: String) {
        if let k = entries.firstIndex(where: { $0.key == key }) { entries[k].value = value } else { entries.append((key, value)) }
    }

    /// Walks `text` from `start`, calling `visit` with each character outside quoted text and the bracket
    /// depth it stands at (a closing bracket at the depth of its opening one); stops when `visit` returns false.
    static func walk(_ text: String, from start: String.Index, _ visit: (String.Index, Character, Int) -> Bool) {
        var depth = 0
        var quote: Character? = nil
        var escaped = false
        var i = start
        while i < text.endIndex {
            let c = text[i]
            if let q = quote {
                if escaped {
                    escaped = false
                } else if c == "\\" && q == "\"" {
                    escaped = true
                } else if c == q {
                    quote = nil
                }
            } else if c == "\"" || c == "'" {
                quote = c
            } else {
                if c == "}" || c == "]" { depth -= 1 }
                if !visit(i, c, depth) { return }
                if c == "{" || c == "[" { depth += 1 }
            }
            i = text.index(after: i)
        }
    }

    /// The index of the `}` closing the `{` at `start`, skipping quoted text.
    static func closingBrace(in text: String, from start: String.Index) -> String.Index? {
        var found: String.Index? = nil
        walk(text, from: start) { i, c, depth in
            if c == "}" && depth == 0 { found = i }
            return found == nil
        }
        return found
    }

    /// The comma-separated entries of a flow mapping's inside, at its top level.
    static func topLevel(_ inner: String) -> [String] {
        var commas: [String.Index] = []
        walk(inner, from: inner.startIndex) { i, c, depth in
            if c == "," && depth == 0 { commas.append(i) }
            return true
        }
        var out: [String] = []
        var start = inner.startIndex
        for comma in commas {
            out.append(String(inner[start..<comma]))
            start = inner.index(after: comma)
        }
        out.append(String(inner[start...]))
        return out.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// A YAML scalar's text without its quotes (double-quoted escapes kept as they are, to be re-quoted).
    static func unquoted(_ value: String) -> String {
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { return String(value.dropFirst().dropLast()) }
        let plain =
            value.count >= 2 && value.hasPrefix("'") && value.hasSuffix("'")
            ? String(value.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'") : value
        return plain.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// Double-quoted; `text` must already have its `\` and `"` escaped where it came from a file.
    static func quoted(_ text: String) -> String { "\"" + text + "\"" }
}
