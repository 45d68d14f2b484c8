import Diagnostics
import RegionLoading
import RegionModel
import Testing

/// Every bad-input case names the exact `file:line` where the problem is written.
@Suite struct BadInputTests {
    func problems(game text: String) -> [String] {
        do {
            _ = try GameFileReader.parse(text, file: "game.json")
            return []
        } catch { return error.diagnostics.map(\.description) }
    }

    func problems(agreement text: String) -> [String] {
        do {
            _ = try AgreementReader.parse(text, file: "deal.yaml", knownProvinces: ["shanghai", "jiangsu", "zhejiang", "anhui"])
            return []
        } catch { return error.diagnostics.map(\.description) }
    }

    @Test func missingCoalition() {
        let found = problems(
            game: """
                {"players": ["A", "B"],
                 "values": {"": 0, "A": 1, "A,B": 3}}
                """)
        #expect(
            found == [
                #"game.json:2: 1 coalition is missing: "B" — every one of the 4 coalitions needs a value ("" for the empty coalition)"#
            ])
    }

    @Test func duplicatedCoalitionInAnotherOrder() {
        let found = problems(
            game: """
                {"players": ["A", "B"],
                 "values": {"": 0, "A": 1, "B": 1,
                            "A,B": 3,
                            "B,A": 4}}
                """)
        #expect(
            found == [
                "game.json:4: coalition \"B,A\" is given twice (first at line 3) — keep one entry per coalition; names may be in any order"
            ])
    }

    @Test func duplicatedKeyVerbatim() {
        let found = problems(
            game: """
                {"players": ["A"],
                 "values": {"": 0,
                            "A": 1,
                            "A": 2}}
                """)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("game.json:3: duplicated key `A`") == true)
    }

    @Test func unknownPlayer() {
        let found = problems(
            game: """
                {"players": ["A", "B"],
                 "values": {"": 0, "A": 1, "B": 1, "A,B": 3,
                            "A,C": 2}}
                """)
        #expect(found == ["game.json:3: unknown player `C` in coalition \"A,C\" — players are: A, B"])
    }

    @Test func nonFiniteValue() {
        let found = problems(
            game: """
                {"players": ["A"],
                 "values": {"": 0,
                            "A": 1e999}}
                """)
        #expect(found == ["game.json:3: the value of coalition \"A\" is not a finite number (1e999) — write a finite value"])
    }

    @Test func tooManyPlayersSuggestsSampling() {
        let names = (1...21).map { "\"P\($0)\"" }.joined(separator: ", ")
        let found = problems(game: "{\"values\": {},\n \"players\": [\(names)]}")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("game.json:2: 21 players is more than the exact limit of 20") == true)
        #expect(found.first?.contains("permutation sampling") == true)
    }

    static let fund = """
        kind: joint-fund
        id: f
        title: t
        parties: [shanghai, anhui]
        budget: {value: 10, unit: 亿元, source: yrdplan-estimate, year: "2025", confidence: synthetic, note: "test"}
        contribution:
          rule: fixed-shares
          weights:
            shanghai: {value: 0.5, unit: fraction, source: yrdplan-estimate, year: "2025", confidence: synthetic, note: "test"}
            anhui: {value: 0.5, unit: fraction, source: yrdplan-estimate, year: "2025", confidence: synthetic, note: "test"}
        carbon_price: {value: 50, unit: 元/t CO2, source: yrdplan-estimate, year: "2025", confidence: synthetic, note: "test"}
        horizon_years: 10
        discount_rate: {value: 0.05, unit: fraction, source: yrdplan-estimate, year: "2025", confidence: synthetic, note: "test"}
        projects:
          - id: p
            name: P
            lead: LEAD
            cost: {value: 12, unit: 亿元, source: yrdplan-estimate, year: "2025", confidence: synthetic, note: "test"}
            co2_abated: {value: 1, unit: Mt CO2/yr, source: yrdplan-estimate, year: "2025", confidence: synthetic, note: "test"}
            other_benefit: {value: 1, unit: 亿元/yr, source: yrdplan-estimate, year: "2025", confidence: synthetic, note: "test"}
            spillover: {value: 0.3, unit: fraction, source: yrdplan-estimate, year: "2025", confidence: synthetic, note: "test"}
            mandatory: true
        checks: [efficiency]
        """

    static let majority =
        #""players": ["A", "B", "C"], "values": {"": 0, "A": 0, "B": 0, "C": 0, "A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1}"#

    @Test func edgesAndUnionsAreReadAsPlayerIndices() throws {
        let contents = try GameFileReader.parse(
            "{\(Self.majority),\n \"edges\": [[\"C\", \"A\"]], \"unions\": [[\"B\"], [\"C\", \"A\"]]}", file: "game.json")
        #expect(contents.edges == [[2, 0]])
        #expect(contents.unions == [[1], [2, 0]])
        let plain = try GameFileReader.parse("{\(Self.majority), \"edges\": []}", file: "game.json")
        #expect(plain.edges == [] && plain.unions == nil, "an empty edge list is a graph without links, not a missing graph")
    }

    @Test func badEdgesNameTheirLine() {
        let found = problems(
            game: """
                {\(Self.majority),
                 "edges": [["A", "B"],
                           ["A", "A"],
                           ["A", "D"],
                           ["B"]]}
                """)
        #expect(
            found == [
                "game.json:3: the edge links `A` to itself — an edge joins two different players",
                "game.json:4: unknown player `D` in `edges` — players are: A, B, C",
                #"game.json:5: an edge must be a pair of player names — write ["A", "B"]"#,
            ])
    }

    @Test func unionsThatDoNotPartitionThePlayersNameTheirLine() {
        let partition = "the unions must partition the players: each player in exactly one union (a union of one is allowed)"
        let found = problems(
            game: """
                {\(Self.majority),
                 "unions": [["A", "B"],
                            ["B"],
                            []]}
                """)
        #expect(
            found == [
                "game.json:2: `C` is in no union — \(partition)",
                "game.json:3: player `B` is in the unions twice (first at line 2) — \(partition)",
                "game.json:4: a union must be a non-empty list of player names — \(partition)",
            ])
    }

    @Test func edgesBesideABankruptcyProblemAreUnknown() {
        let found = problems(game: #"{"bankruptcy": {"estate": 1, "claims": {"A": 1}}, "edges": []}"#)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("game.json:1: unknown key `edges`") == true)
    }

    @Test func infeasibleFundBudget() {
        let found = problems(agreement: Self.fund.replacingOccurrences(of: "LEAD", with: "anhui"))
        #expect(
            found == [
                "deal.yaml:5: infeasible fund budget: mandatory projects cost 12.0 亿元, more than the budget of 10.0 亿元 — raise the budget or drop `mandatory: true` from a project"
            ])
    }

    @Test func unknownProvince() {
        let found = problems(agreement: Self.fund.replacingOccurrences(of: "LEAD", with: "fujian"))
        #expect(found.first == "deal.yaml:17: unknown province `fujian` — use one of: anhui, jiangsu, shanghai, zhejiang")
    }

    @Test func sourcedFigureWithoutRowAndUnknownKeysAreReported() {
        let text = Self.fund.replacingOccurrences(of: "LEAD", with: "anhui")
            .replacingOccurrences(of: "horizon_years: 10", with: "horizon_years: 10\nhorizon: 3")
            .replacingOccurrences(
                of:
                    "carbon_price: {value: 50, unit: 元/t CO2, source: yrdplan-estimate, year: \"2025\", confidence: synthetic, note: \"test\"}",
                with: "carbon_price: {value: 50, unit: 元/t, source: ets_p1, confidence: sourced}")
        let found = problems(agreement: text)
        #expect(found.contains("deal.yaml:11: `carbon_price` has unit `元/t` — write it in `元/t CO2`"))
        #expect(
            found.contains(
                "deal.yaml:11: `carbon_price` is sourced but names no fact-sheet row — add `ref:` (e.g. bsh-013) or mark it estimate"))
        #expect(found.contains { $0.hasPrefix("deal.yaml:13: unknown key `horizon`") })
        #expect(found.contains("deal.yaml:11: missing `year` — add `year:` to this mapping"))
    }
}
