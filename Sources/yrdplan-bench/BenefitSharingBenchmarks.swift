import BenefitSharing
import Dispatch
import Foundation
import LinearProgramming
import PowerFlow
import RegionLoading
import RegionModel
import SeededRandom

/// Release-build timings of the cooperative-game engine (issue 4 targets: exact Shapley n = 20 under
/// 50 ms, nucleolus n = 10 under 10 ms).
enum BenefitSharingBenchmarks {
    /// Median wall time in milliseconds of `repeats` runs of `body`.
    static func median(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[times.count / 2]
    }

    /// A seeded random game with a non-empty core half the time (market games) and ties.
    static func randomGame(players n: Int, seed: UInt64) throws -> CoalitionGame {
        var rng = SplitMix64(seed: seed)
        let weights = (0..<3).map { _ in (0..<n).map { _ in Double(rng.next() % 5) } }
        let noise = (0..<(1 << n)).map { _ in rng.uniform(0, 1) }
        return try CoalitionGame(playerCount: n) { s in
            if s.mask == 0 { return 0 }
            let market = weights.map { w in s.members.reduce(0) { $0 + w[$1] } }.min() ?? 0
            return market + (s.size > 1 ? noise[Int(s.mask)] : 0)
        }
    }

    static func run() throws {
        print("## Benefit sharing")
        for n in [12, 16, 20] {
            let game = try randomGame(players: n, seed: UInt64(n))
            var sink = 0.0
            let ms = median(n == 20 ? 11 : 21) { sink += game.shapleyValue()[0] }
            print("exact Shapley n=\(n) (2^\(n) table): \(Format.amount(ms, decimals: 3)) ms  [\(sink.isFinite ? "ok" : "nan")]")
        }
        for n in [6, 8, 10, 12] {
            let game = try randomGame(players: n, seed: UInt64(100 + n))
            var lps = 0
            let ms = try median(n == 12 ? 5 : 11) {
                let result = try game.sequentialNucleolus(individuallyRational: true)
                lps = result.trace.linearPrograms
            }
            print("nucleolus n=\(n): \(Format.amount(ms, decimals: 3)) ms  (\(lps) LPs)")
        }
        let game = try randomGame(players: 4, seed: 4)
        let savings = try SavingsGame.make(playerCount: 4) { c in 100 * Double(c.size) - game.value(of: c) }
        let ms = try median(101) {
            _ = try savings.nucleolus(); _ = savings.shapleyValue(); _ = savings.isConvex
        }
        print("four-province savings game from a cost oracle (Shapley + nucleolus + convexity): \(Format.amount(ms, decimals: 3)) ms")
        try pooledDispatch(hourly: CommandLine.arguments.contains("--pooled-8760"))
    }

    /// The four-province pooled-dispatch game (15 coalition dispatches in parallel) against one
    /// dispatch of the whole delta, on the PyPSA reference cases and on Regions/grid.
    static func pooledDispatch(hourly: Bool) throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let model = try RegionLoader.load(from: root.appendingPathComponent("Regions"))
        let provinces = model.provinces.map(\.id.rawValue)
        guard let gridModel = model.grid else {
            print("Regions/ has no grid: pooled-dispatch benchmark skipped")
            return
        }
        let grid = try gridModel.network(scenario: "baseline")
        var cases: [(String, () throws -> GridNetwork, [String])] = [
            ("Regions/grid baseline (12 representative days)", { grid }, provinces),
            (
                "shared yrd-typical-days (96 snapshots)",
                {
                    try PyPSAImport.load(folder: Bench.referenceCase("yrd-typical-days"))
                }, ["SH", "JS", "ZJ", "AH"]
            ),
        ]
        if hourly {
            cases.append(
                (
                    "shared yrd-8760 (8760 hours)",
                    {
                        try PyPSAImport.load(folder: Bench.referenceCase("yrd-8760"))
                    }, ["SH", "JS", "ZJ", "AH"]
                ))
        }
        for (name, load, parties) in cases {
            guard let network = try? load() else {
                print("pooled dispatch, \(name): case not found, skipped")
                continue
            }
            let repeats = hourly && name.contains("8760") ? 1 : 5
            var full = 0.0
            let one = try median(repeats) { full = try PowerDispatch.run(network).result.objective }
            var game: CoalitionGame?
            let pooled = try median(repeats) { game = try PooledDispatchGame.game(network, parties: parties) }
            let savings = game.map { Format.amount($0.grandValue) } ?? "?"
            print(
                "pooled dispatch, \(name): one full dispatch \(Format.amount(one, decimals: 1)) ms (objective \(Format.amount(full / 1e8)) 亿元); "
                    + "game of 15 coalition dispatches \(Format.amount(pooled, decimals: 1)) ms = \(Format.amount(pooled / one, decimals: 2))x; savings v(N) \(savings) 亿元"
            )
        }
        if !hourly { print("(add --pooled-8760 for the 8760-hour case: 15 dispatches of up to ~10 s each)") }
    }
}
