import Foundation
import Testing
import YrdplanTestSupport

/// `game solve` output kept as golden files beside the tests (re-record with RECORD_SNAPSHOTS=1).
@Suite struct GameSolveGoldenTests {
    static let snapshots = ProjectPaths.root.appendingPathComponent("Tests/YrdplanEndToEndTests/Snapshots")

    func solve(_ json: String, _ arguments: [String]) throws -> String {
        let dir = try TemporaryDirectory()
        let file = try dir.write(json, to: "game.json")
        let result = try BinaryRunner.run(["game", "solve", file.path] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test(arguments: [
        (
            "glove",
            #"{"players": ["L","R1","R2"], "values": {"": 0, "L": 0, "R1": 0, "R2": 0, "L,R1": 1, "L,R2": 1, "R1,R2": 0, "L,R1,R2": 1}}"#
        ),
        ("majority", #"{"players": ["A","B","C"], "values": {"": 0, "A": 0, "B": 0, "C": 0, "A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1}}"#),
        ("talmud-300", #"{"bankruptcy": {"estate": 300, "claims": {"A": 100, "B": 200, "C": 300}}}"#),
    ])
    func matchesGolden(name: String, json: String) throws {
        for (suffix, arguments) in [("json", ["--json"]), ("txt", [])] {
            let output = try solve(json, arguments)
            let golden = Self.snapshots.appendingPathComponent("game-solve-\(name).\(suffix)")
            // JSON is compared as data (numbers within relative 1e-9); the table as text.
            let mismatch =
                suffix == "json" ? Golden.jsonMismatch(output, goldenFile: golden) : Golden.mismatch(output, goldenFile: golden)
            if let mismatch { Issue.record(Comment(rawValue: mismatch)) }
        }
    }
}
