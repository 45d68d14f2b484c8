import ArgumentParser
import Diagnostics
import Foundation
import RegionLoading
import RegionModel

/// Options every data-reading command shares.
struct RegionOptions: ParsableArguments {
    @Option(name: .long, help: "The Regions/ data folder (default: ./Regions, or $YRDPLAN_REGIONS).")
    var regions: String?

    var regionsPath: String {
        regions ?? ProcessInfo.processInfo.environment["YRDPLAN_REGIONS"] ?? "Regions"
    }

    /// Loads and validates the model; data problems become `CommandFailure.badInput`.
    func loadModel() throws -> RegionalModel {
        do {
            return try RegionLoader.load(from: URL(fileURLWithPath: regionsPath), displayRoot: regionsPath)
        } catch {
            throw CommandFailure.badInput(error)
        }
    }
}

/// A span of years written `2017-2019`, `2017...2019` or a single year.
struct YearSpan: ExpressibleByArgument {
    var range: ClosedRange<Int>

    init?(argument: String) {
        let parts = argument.replacingOccurrences(of: "...", with: "-").replacingOccurrences(of: "–", with: "-")
            .split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        switch parts.count {
        case 1:
            guard let year = parts[0] else { return nil }
            range = year...year
        case 2:
            guard let a = parts[0], let b = parts[1], a <= b else { return nil }
            range = a...b
        default:
            return nil
        }
    }

    static var defaultValueDescription: String { "A-B" }
}
