import Analysis
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
        abstract:
            "Solve explicit TU cooperative games (Shapley, Banzhaf, nucleolus, core, τ-value, Gately, Myerson, Owen) and bankruptcy problems.",
        subcommands: [GameSolveCommand.self])
}

/// `yrdplan game solve FILE [--json]`.
struct GameSolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solutions and properties of an explicit TU game or a bankruptcy problem.",
        discussion: """
            FILE is JSON: {"players": ["A","B"], "values": {"": 0, "A": 1, "B": 1, "A,B": 3}} (every coalition, \
            names joined by commas in any order), optionally with "edges": [["A","B"], ...] (a communication graph: \
            adds the Myerson value) and "unions": [["A","B"], ["C"]] (a priori unions: adds the Owen value), \
            or {"bankruptcy": {"estate": E, "claims": {"A": c, ...}}}. See docs/benefit-sharing.md.
            """)

    @Argument(help: "The game file (JSON).")
    var file: String

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "Also estimate the Shapley value from N random player orders (with standard errors).")
    var samples: Int?

    @Option(help: "Seed of the sampled orders.")
    var seed: UInt64 = 1

    func validate() throws {
        if let samples, samples < 2 { throw ValidationError("--samples must be at least 2") }
    }

    func run() throws {
        let parsed: GameFileContents
        do { parsed = try GameFileReader.read(contentsOf: URL(fileURLWithPath: file), displayPath: file) } catch {
            throw CommandFailure.badInput(error)
        }
        switch parsed.game {
        case .table(let players, let values):
            let game: CoalitionGame
            do { game = try CoalitionGame(playerCount: players.count, values: values) } catch {
                throw CommandFailure.badInput(DiagnosticsError([.error(at: SourceLocation(file: file), error.description)]))
            }
            var solution: GameSolution
            do {
                solution = try GameSolution(game)
                if let edges = parsed.edges {
                    solution.myerson = game.myersonValue(
                        graph: try CommunicationGraph(playerCount: players.count, links: edges.map { ($0[0], $0[1]) }))
                }
                if let unions = parsed.unions {
                    solution.owen = game.owenValue(structure: try CoalitionStructure(playerCount: players.count, unions: unions))
                }
            } catch { throw CommandFailure.internalFailure(error.description) }
            solution.sampled = samples.map { game.sampledShapleyValue(samples: $0, seed: seed) }
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
                print(JSONValue.object(rules.map { ($0.0, GameSolution.perPlayer(claimants, $0.2)) }).rendered(), terminator: "")
            } else {
                var table = TextTable(headers: ["claimant", "claim"] + rules.map(\.1), rightAligned: Set(1...rules.count + 1))
                for (i, name) in claimants.enumerated() {
                    table.add([name, Format.amount(claims[i], decimals: 4)] + rules.map { Format.amount($0.2[i], decimals: 4) })
                }
                print("estate \(Format.amount(estate, decimals: 4)), total claim \(Format.amount(claims.reduce(0, +), decimals: 4))")
                print(table.rendered(), terminator: "")
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
    /// The τ-value; `nil` when the game is not quasi-balanced.
    var tau: [Double]?
    /// The Gately point; `nil` where it is not defined.
    var gately: [Double]?
    /// The Myerson value, when the file gives `edges`.
    var myerson: [Double]?
    /// The Owen value, when the file gives `unions`.
    var owen: [Double]?
    /// The sampled Shapley estimate, when asked for.
    var sampled: SampledShapley?

    init(_ game: CoalitionGame) throws(GameError) {
        shapley = game.shapleyValue()
        banzhaf = game.normalizedBanzhafValue()
        nucleolus = try game.nucleolus()
        prenucleolus = try game.prenucleolus()
        leastCore = try game.leastCore()
        coreNonEmpty = leastCore.epsilon <= game.tolerance
        convex = game.isConvex
        tau = game.tauValue()
        gately = game.gatelyPoint()
    }

    /// The point reported in the least core: the pre-nucleolus, which always lies there (its largest
    /// excess is ε₁) and, unlike the vertex the LP solver returns, does not depend on the pivoting.
    var leastCorePoint: [Double] { prenucleolus }

    /// `{player: value}` in player order, rounded to 1e-9 so solver noise does not show.
    static func perPlayer(_ players: [String], _ values: [Double]?) -> JSONValue {
        guard let values else { return .null }
        return .object(zip(players, values).map { ($0, JSONValue.rounded($1, 9)) })
    }

    func json(players: [String]) -> String {
        var fields: [(String, JSONValue)] = [
            ("shapley", Self.perPlayer(players, shapley)),
            ("banzhaf_normalized", Self.perPlayer(players, banzhaf)),
            ("nucleolus", Self.perPlayer(players, nucleolus)),
            ("prenucleolus", Self.perPlayer(players, prenucleolus)),
            ("core_nonempty", .bool(coreNonEmpty)),
            ("convex", .bool(convex)),
            ("least_core_epsilon", JSONValue.rounded(leastCore.epsilon, 9)),
            ("least_core_point", Self.perPlayer(players, leastCorePoint)),
            ("tau", Self.perPlayer(players, tau)),
            ("gately", Self.perPlayer(players, gately)),
        ]
        if let myerson { fields.append(("myerson", Self.perPlayer(players, myerson))) }
        if let owen { fields.append(("owen", Self.perPlayer(players, owen))) }
        if let sampled {
            fields.append(
                (
                    "shapley_sampled",
                    .object([
                        ("samples", .number(Double(sampled.samples))), ("seed", .number(Double(sampled.seed))),
                        ("estimate", Self.perPlayer(players, sampled.estimate)),
                        ("standard_error", Self.perPlayer(players, sampled.standardError)),
                    ])
                ))
        }
        return JSONValue.object(fields).rendered()
    }

    func table(players: [String]) -> String {
        func cell(_ v: [Double]?, _ i: Int) -> String { v.map { Format.amount($0[i], decimals: 4) } ?? "—" }
        var table = TextTable(
            headers: ["player", "Shapley", "Banzhaf (normalised)", "nucleolus", "pre-nucleolus"], rightAligned: [1, 2, 3, 4])
        for (i, name) in players.enumerated() {
            table.add([name, cell(shapley, i), cell(banzhaf, i), cell(nucleolus, i), cell(prenucleolus, i)])
        }
        var text = table.rendered()
        var more: [(String, [Double]?)] = [("τ-value", tau), ("Gately", gately)]
        if let myerson { more.append(("Myerson", myerson)) }
        if let owen { more.append(("Owen", owen)) }
        var second = TextTable(headers: ["player"] + more.map(\.0), rightAligned: Set(1...more.count))
        for (i, name) in players.enumerated() { second.add([name] + more.map { cell($0.1, i) }) }
        text += "\n" + second.rendered()
        if let sampled {
            text +=
                "sampled Shapley (\(sampled.samples) orders, seed \(sampled.seed)): "
                + players.indices.map {
                    "\(players[$0]) \(Format.amount(sampled.estimate[$0], decimals: 4)) ± \(Format.amount(sampled.standardError[$0], decimals: 4))"
                }.joined(separator: ", ") + "\n"
        }
        text +=
            "core: \(coreNonEmpty ? "non-empty" : "empty") (least-core ε = \(Format.amount(leastCore.epsilon, decimals: 4)); "
            + "the pre-nucleolus is the least-core point)\n"
        text += "convex: \(convex ? "yes" : "no")\n"
        if nucleolus == nil { text += "nucleolus: none (the players' stand-alone values exceed v(N): no imputation)\n" }
        if tau == nil { text += "τ-value: none (the game is not quasi-balanced: not m ≤ M with Σm ≤ v(N) ≤ ΣM)\n" }
        if gately == nil {
            text += "Gately point: none (it needs v(N) > Σ v(i) and v(N) − v(N∖i) ≥ v(i) for every player, not all equal)\n"
        }
        return text
    }
}
