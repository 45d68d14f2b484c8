import ArgumentParser
import BenefitSharing
import Diagnostics
import Foundation
import RegionLoading
import RegionModel

/// `yrdplan game`: cooperative games given explicitly.
struct GameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "game",
        abstract: "Solve explicit TU cooperative games (Shapley, Banzhaf, nucleolus, core) and bankruptcy problems.",
        subcommands: [GameSolveCommand.self])
}

/// `yrdplan game solve FILE [--json]`.
struct GameSolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solutions and properties of an explicit TU game or a bankruptcy problem.",
        discussion: """
            FILE is JSON: {"players": ["A","B"], "values": {"": 0, "A": 1, "B": 1, "A,B": 3}} (every coalition, \
            names joined by commas in any order), or {"bankruptcy": {"estate": E, "claims": {"A": c, ...}}}. \
            See docs/benefit-sharing.md.
            """)

    @Argument(help: "The game file (JSON).")
    var file: String

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let parsed: ExplicitGameFile
        do { parsed = try GameFileReader.read(contentsOf: URL(fileURLWithPath: file), displayPath: file) } catch {
            throw CommandFailure.badInput(error)
        }
        switch parsed {
        case .table(let players, let values):
            let game: CoalitionGame
            do { game = try CoalitionGame(playerCount: players.count, values: values) } catch {
                throw CommandFailure.badInput(DiagnosticsError([.error(at: SourceLocation(file: file), error.description)]))
            }
            let solution: GameSolution
            do { solution = try GameSolution(game) } catch { throw CommandFailure.internalFailure(error.description) }
            print(json ? solution.json(players: players) : solution.table(players: players), terminator: "")
        case .bankruptcy(let estate, let claimants, let claims):
            let problem: BankruptcyProblem
            do { problem = try BankruptcyProblem(estate: estate, claims: claims) } catch {
                throw CommandFailure.badInput(DiagnosticsError([.error(at: SourceLocation(file: file), error.description)]))
            }
            let rules: [(String, String, [Double])] = [
                ("proportional", "proportional", problem.proportional),
                ("cea", "constrained equal awards", problem.constrainedEqualAwards),
                ("cel", "constrained equal losses", problem.constrainedEqualLosses),
                ("talmud", "Talmud", problem.talmud),
            ]
            if json {
                let body = rules.map { "  \(JSONText.string($0.0)): \(JSONText.object(claimants, $0.2))" }.joined(separator: ",\n")
                print("{\n\(body)\n}")
            } else {
                var rows = [["claimant", "claim"] + rules.map(\.1)]
                for (i, name) in claimants.enumerated() {
                    rows.append([name, Format.amount(claims[i], decimals: 4)] + rules.map { Format.amount($0.2[i], decimals: 4) })
                }
                print("estate \(Format.amount(estate, decimals: 4)), total claim \(Format.amount(claims.reduce(0, +), decimals: 4))")
                print(TextTable.render(rows), terminator: "")
            }
        }
    }
}

/// Everything `game solve` reports for a table game.
struct GameSolution {
    var shapley: [Double]
    var banzhaf: [Double]?
    var nucleolus: [Double]?
    var prenucleolus: [Double]
    var coreNonEmpty: Bool
    var convex: Bool
    var leastCore: LeastCore

    init(_ game: CoalitionGame) throws(GameError) {
        shapley = game.shapleyValue()
        banzhaf = game.normalizedBanzhafValue()
        nucleolus = try game.nucleolus()
        prenucleolus = try game.prenucleolus()
        leastCore = try game.leastCore()
        coreNonEmpty = leastCore.epsilon <= game.tolerance
        convex = game.isConvex
    }

    func json(players: [String]) -> String {
        func obj(_ v: [Double]?) -> String { v.map { JSONText.object(players, $0) } ?? "null" }
        return """
            {
              "shapley": \(obj(shapley)),
              "banzhaf_normalized": \(obj(banzhaf)),
              "nucleolus": \(obj(nucleolus)),
              "prenucleolus": \(obj(prenucleolus)),
              "core_nonempty": \(coreNonEmpty),
              "convex": \(convex),
              "least_core_epsilon": \(JSONText.number(leastCore.epsilon))
            }

            """
    }

    func table(players: [String]) -> String {
        func cell(_ v: [Double]?, _ i: Int) -> String { v.map { Format.amount($0[i], decimals: 4) } ?? "—" }
        var rows = [["player", "Shapley", "Banzhaf (normalised)", "nucleolus", "pre-nucleolus"]]
        for (i, name) in players.enumerated() {
            rows.append([name, cell(shapley, i), cell(banzhaf, i), cell(nucleolus, i), cell(prenucleolus, i)])
        }
        var text = TextTable.render(rows)
        text += "core: \(coreNonEmpty ? "non-empty" : "empty") (least-core ε = \(Format.amount(leastCore.epsilon, decimals: 4)))\n"
        text += "convex: \(convex ? "yes" : "no")\n"
        if nucleolus == nil { text += "nucleolus: none (the players' stand-alone values exceed v(N): no imputation)\n" }
        return text
    }
}

/// Minimal deterministic JSON pieces (keys in the given order).
enum JSONText {
    static func string(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if ch.value < 0x20 {
                    let hex = String(ch.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out + "\""
    }

    /// A number rounded to 1e-9 (solver noise removed), or null when not finite.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        let r = (x * 1e9).rounded() / 1e9
        if r == r.rounded(), abs(r) < 1e15 { return String(Int(r)) }
        return "\(r)"
    }

    static func object(_ keys: [String], _ values: [Double]) -> String {
        "{" + zip(keys, values).map { "\(string($0)): \(number($1))" }.joined(separator: ", ") + "}"
    }
}

/// A plain text table with aligned columns (first column left, others right).
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        let widths = first.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
