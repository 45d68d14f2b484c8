import Foundation

/// What one job computed, as `results/<hash>.json` holds it: the job and one of the summaries. Numbers are rounded
/// (money to 0.01, energy and CO2 to 0.001, prices and shares to 1e-6) so that the bytes are stable.
public struct JobResult: Sendable, Codable, Equatable {
    /// The job (its hash, parameters and inputs).
    public var job: StudyJob
    /// The yrdplan version that computed it.
    public var yrdplanVersion: String
    /// The dispatch summary, for a dispatch job.
    public var dispatch: DispatchSummary?
    /// Each region's peak, for a projection job.
    public var projection: [RegionPeak]?
    /// Each required property's outcome, for a check job.
    public var checks: [PropertyOutcome]?
    /// Each rule's allocation, for a game job.
    public var game: GameAllocation?

    /// The result's bytes as written to the store: sorted keys, pretty-printed, a trailing newline.
    public func encoded() throws -> Data {
        var data = try Self.encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads a result file's bytes.
    public static func decode(_ data: Data) throws -> JobResult {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(JobResult.self, from: data)
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }
}

/// The figures of one typical-day dispatch that a study compares across draws.
public struct DispatchSummary: Sendable, Codable, Equatable {
    /// The network solved (e.g. `yrd-policy-2030`).
    public var network: String
    /// Total system cost of the represented year, yuan.
    public var objectiveYuan: Double
    /// CO2 of all generation, t.
    public var totalCo2T: Double
    /// Load shed, MWh.
    public var shedMwh: Double
    /// Demand met, MWh (after the draw's factors).
    public var demandMwh: Double
    /// Every corridor: energy sent and congested hours.
    public var links: [LinkSummary]
    /// Every bus: load-weighted mean price and the CO2 intensity of its imports.
    public var buses: [BusSummary]
}

/// One corridor of a dispatch summary.
public struct LinkSummary: Sendable, Codable, Equatable {
    /// The link's name.
    public var name: String
    /// Energy sent, MWh.
    public var energyMwh: Double
    /// Hours at capacity.
    public var congestedHours: Double
}

/// One bus of a dispatch summary.
public struct BusSummary: Sendable, Codable, Equatable {
    /// The bus's name.
    public var name: String
    /// Mean price, yuan/MWh.
    public var meanPrice: Double
    /// CO2 intensity of the power it imports, t/MWh (`nil` when it imports none).
    public var importEmissionFactor: Double?
}

/// One region's projected peak in a projection job.
public struct RegionPeak: Sendable, Codable, Equatable {
    /// The province id, or `delta` for the four together.
    public var region: String
    /// The year of the highest emissions.
    public var peakYear: Int
    /// The emissions in that year, Mt CO2.
    public var peakMt: Double
    /// Emissions in 2030, Mt CO2.
    public var total2030Mt: Double?
    /// Emissions in 2060, Mt CO2.
    public var total2060Mt: Double?
    /// Whether the peak falls in 2030 or earlier (the analysis' verdict).
    public var peaksBefore2030: Bool
}

/// One required property of an agreement, checked in a check job.
public struct PropertyOutcome: Sendable, Codable, Equatable {
    /// The property, e.g. `core`.
    public var property: String
    /// Whether it held.
    public var held: Bool
    /// How far it is broken (0 when it holds), in the agreement's payoff unit.
    public var violation: Double
}

/// The allocation rules compared on an agreement's game.
public struct GameAllocation: Sendable, Codable, Equatable {
    /// The parties, in the game's order.
    public var parties: [String]
    /// The payoff unit.
    public var unit: String
    /// Each rule with one value per party.
    public var rules: [RuleValues]
}

/// One allocation rule's values per party.
public struct RuleValues: Sendable, Codable, Equatable {
    /// The rule (agreed, shapley, nucleolus, banzhaf, equal).
    public var rule: String
    /// One value per party.
    public var values: [Double]
}

/// Rounds to `digits` decimals (non-finite values become 0, which JSON cannot carry otherwise).
func rounded(_ value: Double, _ digits: Int) -> Double {
    guard value.isFinite else { return 0 }
    let scale = pow(10, Double(digits))
    let result = (value * scale).rounded() / scale
    return result == 0 ? 0 : result
}
