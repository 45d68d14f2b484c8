import Diagnostics
import Foundation
import RegionModel
import Yams

/// What a game file holds: the game, and for a table game the communication graph and the coalition
/// structure it may carry (player indices in the order of `players`).
public struct GameFileContents: Hashable, Sendable {
    /// The table game or the bankruptcy problem.
    public var game: ExplicitGameFile
    /// `"edges"`: each a pair of linked players; `nil` when the file has no `edges` (`[]` is a graph without links).
    public var edges: [[Int]]?
    /// `"unions"`: a partition of the players into a priori unions; `nil` when the file has no `unions`.
    public var unions: [[Int]]?

    /// Contents from their parts.
    public init(game: ExplicitGameFile, edges: [[Int]]? = nil, unions: [[Int]]? = nil) {
        self.game = game
        self.edges = edges
        self.unions = unions
    }
}

/// Reads the explicit-game JSON of `yrdplan game solve`: a full coalition table
/// `{"players": [...], "values": {"": 0, "A": 1, "A,B": 3, ...}}`, optionally with a communication graph
/// `"edges": [["A","B"], ...]` and a priori unions `"unions": [["A","B"], ["C"]]`, or a bankruptcy problem
/// `{"bankruptcy": {"estate": E, "claims": {"A": c, ...}}}`. Parsed with Yams (JSON is YAML)
/// so every problem has a line.
public enum GameFileReader {
    /// The most players a table may list (2^20 values).
    public static let exactPlayerLimit = 20

    /// Reads and parses one game file from disk.
    public static func read(contentsOf url: URL, displayPath: String? = nil) throws(DiagnosticsError) -> GameFileContents {
        let path = displayPath ?? url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DiagnosticsError([.error(at: SourceLocation(file: path), "cannot read the file: \(error.localizedDescription)")])
        }
        return try parse(text, file: path)
    }

    /// Parses game JSON text; `file` names it in diagnostics.
    public static func parse(_ text: String, file: String) throws(DiagnosticsError) -> GameFileContents {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text), node.mapping != nil else {
                throw DiagnosticsError([
                    .error(
                        at: SourceLocation(file: file, line: 1), "a game file must be a JSON object",
                        fix: "write {\"players\": [...], \"values\": {...}} or {\"bankruptcy\": {...}}")
                ])
            }
            root = node
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            throw DiagnosticsError([YAMLFile.diagnostic(for: error, file: file)])
        }
        var d = DiagnosticEngine()
        var c = YAMLMappingCursor(root, file: file)
        let result: GameFileContents?
        if root.mapping?["bankruptcy"] != nil {
            result = bankruptcy(&c, &d).map { GameFileContents(game: $0) }
        } else {
            result = table(&c, &d)
        }
        c.reportUnknownKeys(&d)
        try d.failIfErrors()
        guard let result else { throw DiagnosticsError([.error(at: c.location, "the game could not be read")]) }
        return result
    }

    static func table(_ c: inout YAMLMappingCursor, _ d: inout DiagnosticEngine) -> GameFileContents? {
        let file = c.file
        // Taken first so that an early return does not report them as unknown keys.
        let edgesNode = c.value("edges", required: false, &d)
        let unionsNode = c.value("unions", required: false, &d)
        guard let playersNode = c.value("players", &d) else { _ = c.value("values", &d); return nil }
        guard let list = playersNode.sequence, !list.isEmpty else {
            d.error(at: YAMLMappingCursor.location(of: playersNode, in: file), "`players` must be a non-empty list of names")
            return nil
        }
        var players: [String] = []
        for item in list {
            guard let name = item.string, !name.isEmpty, !name.contains(",") else {
                d.error(at: YAMLMappingCursor.location(of: item, in: file), "a player name must be non-empty text without commas")
                continue
            }
            if players.contains(name) {
                d.error(
                    at: YAMLMappingCursor.location(of: item, in: file), "player `\(name)` is listed twice", fix: "give each player once")
            }
            players.append(name)
        }
        guard players.count <= exactPlayerLimit else {
            d.error(
                at: YAMLMappingCursor.location(of: playersNode, in: file),
                "\(players.count) players is more than the exact limit of \(exactPlayerLimit) (a table of 2^\(players.count) coalition values)",
                fix:
                    "describe the game by a value oracle and estimate the Shapley value by permutation sampling (CoalitionValueOracle.sampledShapleyValue)"
            )
            _ = c.value("values", &d)
            return nil
        }
        let index = Dictionary(uniqueKeysWithValues: players.enumerated().map { ($1, $0) })
        guard let valuesNode = c.value("values", &d) else { return nil }
        guard let mapping = valuesNode.mapping else {
            d.error(at: YAMLMappingCursor.location(of: valuesNode, in: file), "`values` must map coalitions to numbers")
            return nil
        }
        let count = 1 << players.count
        var values = [Double?](repeating: nil, count: count)
        var firstLine = [Int?](repeating: nil, count: count)
        for (key, value) in mapping {
            let at = YAMLMappingCursor.location(of: key, in: file)
            let text = key.string ?? ""
            let names =
                text.isEmpty
                ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            var mask = 0
            var ok = true
            for name in names {
                guard let i = index[name] else {
                    ok = false
                    d.error(
                        at: at, "unknown player `\(name)` in coalition \"\(text)\"", fix: "players are: \(players.joined(separator: ", "))")
                    continue
                }
                if mask & (1 << i) != 0 {
                    ok = false
                    d.error(at: at, "coalition \"\(text)\" names `\(name)` twice")
                }
                mask |= 1 << i
            }
            let x = YAMLMappingCursor.number(value, file: file, what: "the value of coalition \"\(text)\"", &d)
            guard ok else { continue }
            if let line = firstLine[mask] {
                d.error(
                    at: at, "coalition \"\(text)\" is given twice (first at line \(line))",
                    fix: "keep one entry per coalition; names may be in any order")
                continue
            }
            firstLine[mask] = at.line ?? 0
            values[mask] = x
        }
        let missing = (0..<count).filter { values[$0] == nil && firstLine[$0] == nil }
        if !missing.isEmpty {
            let spelled = missing.prefix(5).map { mask in
                "\"" + players.indices.filter { mask & (1 << $0) != 0 }.map { players[$0] }.joined(separator: ",") + "\""
            }
            d.error(
                at: YAMLMappingCursor.location(of: valuesNode, in: file),
                "\(missing.count) coalition\(missing.count == 1 ? " is" : "s are") missing: \(spelled.joined(separator: ", "))\(missing.count > 5 ? ", …" : "")",
                fix: "every one of the \(count) coalitions needs a value (\"\" for the empty coalition)")
        }
        if let empty = values[0], empty != 0 {
            d.error(
                at: YAMLMappingCursor.location(of: valuesNode, in: file), "the empty coalition is worth \(empty)",
                fix: "v(\"\") must be 0")
        }
        let edges = edgesNode.flatMap { edgeList($0, players: players, index: index, file: file, &d) }
        let unions = unionsNode.flatMap { unionList($0, players: players, index: index, file: file, &d) }
        guard !d.hasErrors else { return nil }
        return GameFileContents(game: .table(players: players, values: values.map { $0 ?? 0 }), edges: edges, unions: unions)
    }

    /// The index of the player named by `node`, reporting an unknown name where it is written.
    static func player(
        _ node: Node, in what: String, players: [String], index: [String: Int], file: String, _ d: inout DiagnosticEngine
    ) -> Int? {
        guard let name = node.string, let i = index[name] else {
            d.error(
                at: YAMLMappingCursor.location(of: node, in: file), "unknown player `\(node.string ?? "?")` in `\(what)`",
                fix: "players are: \(players.joined(separator: ", "))")
            return nil
        }
        return i
    }

    /// `"edges": [["A","B"], ...]`: the links of the communication graph, as index pairs.
    static func edgeList(
        _ node: Node, players: [String], index: [String: Int], file: String, _ d: inout DiagnosticEngine
    ) -> [[Int]]? {
        guard let list = node.sequence else {
            d.error(
                at: YAMLMappingCursor.location(of: node, in: file), "`edges` must be a list of player pairs",
                fix: "write \"edges\": [[\"A\", \"B\"], ...], or [] for a graph without links")
            return nil
        }
        var edges: [[Int]] = []
        for item in list {
            let at = YAMLMappingCursor.location(of: item, in: file)
            guard let pair = item.sequence, pair.count == 2 else {
                d.error(at: at, "an edge must be a pair of player names", fix: "write [\"A\", \"B\"]")
                continue
            }
            let ends = pair.compactMap { player($0, in: "edges", players: players, index: index, file: file, &d) }
            guard ends.count == 2 else { continue }
            guard ends[0] != ends[1] else {
                d.error(at: at, "the edge links `\(players[ends[0]])` to itself", fix: "an edge joins two different players")
                continue
            }
            edges.append(ends)
        }
        return edges
    }

    /// `"unions": [["A","B"], ["C"]]`: a priori unions, which must partition the players.
    static func unionList(
        _ node: Node, players: [String], index: [String: Int], file: String, _ d: inout DiagnosticEngine
    ) -> [[Int]]? {
        let partition = "the unions must partition the players: each player in exactly one union (a union of one is allowed)"
        guard let list = node.sequence else {
            d.error(
                at: YAMLMappingCursor.location(of: node, in: file), "`unions` must be a list of lists of player names",
                fix: "write \"unions\": [[\"A\", \"B\"], [\"C\"]]")
            return nil
        }
        var firstLine = [Int: Int]()
        var unions: [[Int]] = []
        for item in list {
            guard let members = item.sequence, !members.isEmpty else {
                d.error(
                    at: YAMLMappingCursor.location(of: item, in: file), "a union must be a non-empty list of player names", fix: partition
                )
                continue
            }
            var union: [Int] = []
            for member in members {
                guard let i = player(member, in: "unions", players: players, index: index, file: file, &d) else { continue }
                let at = YAMLMappingCursor.location(of: member, in: file)
                if let line = firstLine[i] {
                    d.error(at: at, "player `\(players[i])` is in the unions twice (first at line \(line))", fix: partition)
                    continue
                }
                firstLine[i] = at.line ?? 0
                union.append(i)
            }
            unions.append(union)
        }
        let missing = players.indices.filter { firstLine[$0] == nil }.map { "`\(players[$0])`" }
        if !missing.isEmpty {
            d.error(
                at: YAMLMappingCursor.location(of: node, in: file),
                "\(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") in no union", fix: partition)
        }
        return unions
    }

    static func bankruptcy(_ c: inout YAMLMappingCursor, _ d: inout DiagnosticEngine) -> ExplicitGameFile? {
        let file = c.file
        guard let node = c.value("bankruptcy", &d) else { return nil }
        var b = YAMLMappingCursor(node, file: file)
        let estate = b.value("estate", &d).flatMap { YAMLMappingCursor.number($0, file: file, what: "the estate", &d) }
        var claimants: [String] = []
        var claims: [Double] = []
        if let claimsNode = b.value("claims", &d) {
            for (key, value) in claimsNode.mapping ?? [:] {
                guard let name = key.string else { continue }
                if let x = YAMLMappingCursor.number(value, file: file, what: "the claim of \(name)", &d) {
                    if x < 0 { d.error(at: YAMLMappingCursor.location(of: value, in: file), "the claim of \(name) is negative") }
                    claimants.append(name)
                    claims.append(x)
                }
            }
            if claimants.isEmpty {
                d.error(at: YAMLMappingCursor.location(of: claimsNode, in: file), "`claims` must map claimants to amounts")
            }
            if claimants.count > exactPlayerLimit {
                d.error(
                    at: YAMLMappingCursor.location(of: claimsNode, in: file),
                    "\(claimants.count) claimants is more than the exact limit of \(exactPlayerLimit)",
                    fix: "the four rules still apply; split the problem or use sampling for the game's Shapley value")
            }
            if let estate {
                let total = claims.reduce(0, +)
                if estate < 0 { d.error(at: YAMLMappingCursor.location(of: node, in: file), "the estate is negative") }
                if estate > total {
                    d.error(
                        at: YAMLMappingCursor.location(of: node, in: file), "the estate \(estate) exceeds the total claim \(total)",
                        fix: "a bankruptcy problem has E ≤ Σ claims")
                }
            }
        }
        b.reportUnknownKeys(&d)
        guard let estate, !d.hasErrors else { return nil }
        return .bankruptcy(estate: estate, claimants: claimants, claims: claims)
    }
}
