import BenefitSharing
import Foundation
import Testing

/// One published example: a game (table, bankruptcy problem or airport costs) and the values
/// the literature gives for it.
struct ReferenceCase: Decodable {
    struct Bankruptcy: Decodable {
        var estate: Double
        var claims: [Double]
    }
    struct Expect: Decodable {
        var shapley: [Double]?
        var nucleolus: [Double]?
        var prenucleolus: [Double]?
        var talmud: [Double]?
        var proportional: [Double]?
        var cea: [Double]?
        var cel: [Double]?
        var core_nonempty: Bool?
        var convex: Bool?
        var least_core_epsilon: Double?
        var myerson: [Double]?
        var owen: [Double]?
        var tau: [Double]?
        var tau_undefined: Bool?
        var gately: [Double]?
        var gately_undefined: Bool?
        var gately_propensity: Double?
    }
    var name: String
    var players: [String]?
    var values: [Double]?
    var bankruptcy: Bankruptcy?
    var airport: [Double]?
    /// Links of a communication graph (player indices), for the Myerson value.
    var edges: [[Int]]?
    /// A priori unions (player indices), for the Owen value.
    var unions: [[Int]]?
    var expect: Expect
}

struct ReferenceFile: Decodable {
    var source: String
    var cases: [ReferenceCase]
}

/// Walks every file in Fixtures/reference: each published example is data, checked by this one test.
@Suite struct ReferenceGameTests {
    static let tolerance = 1e-6

    static func referenceFiles() throws -> [URL] {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures/reference", withExtension: nil))
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    func expectClose(_ actual: [Double]?, _ expected: [Double]?, _ what: String, _ file: String, _ name: String) {
        guard let expected else { return }
        guard let actual else {
            Issue.record("\(file) / \(name): \(what) missing")
            return
        }
        #expect(actual.count == expected.count, "\(file) / \(name): \(what) length")
        for (a, e) in zip(actual, expected) {
            #expect(abs(a - e) <= Self.tolerance * max(1, abs(e)), "\(file) / \(name): \(what) \(actual) ≠ \(expected)")
        }
    }

    @Test func publishedExamplesAreReproduced() throws {
        let files = try Self.referenceFiles()
        #expect(files.count >= 8)
        var checked = 0
        for url in files {
            let file = try JSONDecoder().decode(ReferenceFile.self, from: Data(contentsOf: url))
            let fileName = url.lastPathComponent
            for reference in file.cases {
                let game: CoalitionGame
                if let b = reference.bankruptcy {
                    let problem = try BankruptcyProblem(estate: b.estate, claims: b.claims)
                    expectClose(problem.talmud, reference.expect.talmud, "Talmud", fileName, reference.name)
                    expectClose(problem.proportional, reference.expect.proportional, "proportional", fileName, reference.name)
                    expectClose(problem.constrainedEqualAwards, reference.expect.cea, "CEA", fileName, reference.name)
                    expectClose(problem.constrainedEqualLosses, reference.expect.cel, "CEL", fileName, reference.name)
                    game = try problem.game()
                } else if let costs = reference.airport {
                    // The airport cost game: a coalition pays for the longest runway any member needs.
                    game = try CoalitionGame(playerCount: costs.count) { s in s.members.map { costs[$0] }.max() ?? 0 }
                } else {
                    let values = try #require(reference.values)
                    game = try CoalitionGame(playerCount: try #require(reference.players).count, values: values)
                }
                expectClose(game.shapleyValue(), reference.expect.shapley, "Shapley", fileName, reference.name)
                if reference.expect.nucleolus != nil {
                    expectClose(try game.nucleolus(), reference.expect.nucleolus, "nucleolus", fileName, reference.name)
                }
                if reference.expect.prenucleolus != nil {
                    expectClose(try game.prenucleolus(), reference.expect.prenucleolus, "pre-nucleolus", fileName, reference.name)
                }
                if let nonEmpty = reference.expect.core_nonempty {
                    #expect(try game.coreIsNonEmpty() == nonEmpty, "\(fileName) / \(reference.name): core non-empty")
                }
                if let convex = reference.expect.convex {
                    #expect(game.isConvex == convex, "\(fileName) / \(reference.name): convexity")
                }
                if let epsilon = reference.expect.least_core_epsilon {
                    let leastCore = try game.leastCore()
                    #expect(
                        abs(leastCore.epsilon - epsilon) <= Self.tolerance,
                        "\(fileName) / \(reference.name): least core \(leastCore.epsilon)")
                }
                if let edges = reference.edges {
                    let graph = try CommunicationGraph(playerCount: game.playerCount, links: edges.map { ($0[0], $0[1]) })
                    expectClose(game.myersonValue(graph: graph), reference.expect.myerson, "Myerson", fileName, reference.name)
                }
                if let unions = reference.unions {
                    let structure = try CoalitionStructure(playerCount: game.playerCount, unions: unions)
                    expectClose(game.owenValue(structure: structure), reference.expect.owen, "Owen", fileName, reference.name)
                }
                expectClose(game.tauValue(), reference.expect.tau, "τ-value", fileName, reference.name)
                if reference.expect.tau_undefined == true {
                    #expect(game.tauValue() == nil, "\(fileName) / \(reference.name): τ-value should be undefined")
                }
                expectClose(game.gatelyPoint(), reference.expect.gately, "Gately point", fileName, reference.name)
                if reference.expect.gately_undefined == true {
                    #expect(game.gatelyPoint() == nil, "\(fileName) / \(reference.name): Gately point should be undefined")
                }
                if let d = reference.expect.gately_propensity {
                    expectClose(game.gatelyPropensity().map { [$0] }, [d], "Gately propensity", fileName, reference.name)
                }
                checked += 1
            }
        }
        #expect(checked >= 20)
    }
}
