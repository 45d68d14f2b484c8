/// A physical or economic unit. Each unit is its own type so that the compiler refuses to add
/// TWh to Mt CO2; `symbol` is the spelling used in `Regions/` files.
public protocol UnitOfMeasure: Sendable {
    /// The spelling in data files and tables, e.g. `Mt CO2`.
    static var symbol: String { get }
    /// Spellings accepted in data files besides `symbol` (e.g. Chinese statistical units).
    static var aliases: [String: Double] { get }
}

extension UnitOfMeasure {
    public static var aliases: [String: Double] { [:] }

    /// The factor that turns a value written in `spelling` into this unit, or `nil` if unknown.
    public static func factor(for spelling: String) -> Double? {
        if spelling == symbol { return 1 }
        return aliases[spelling]
    }

    /// Every spelling accepted for this unit, for error messages.
    public static var acceptedSpellings: [String] { [symbol] + aliases.keys.sorted() }
}

/// A value carrying its unit in its type.
public struct Quantity<Unit: UnitOfMeasure>: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: Double

    public init(_ value: Double) { self.value = value }

    public static var zero: Quantity { Quantity(0) }

    public static func + (a: Quantity, b: Quantity) -> Quantity { Quantity(a.value + b.value) }
    public static func - (a: Quantity, b: Quantity) -> Quantity { Quantity(a.value - b.value) }
    public static func * (a: Quantity, k: Double) -> Quantity { Quantity(a.value * k) }
    public static func * (k: Double, a: Quantity) -> Quantity { Quantity(a.value * k) }
    public static func / (a: Quantity, k: Double) -> Quantity { Quantity(a.value / k) }
    /// The ratio of two quantities of the same unit is a plain number.
    public static func / (a: Quantity, b: Quantity) -> Double { a.value / b.value }
    public static func += (a: inout Quantity, b: Quantity) { a = a + b }
    public static func -= (a: inout Quantity, b: Quantity) { a = a - b }
    public static prefix func - (a: Quantity) -> Quantity { Quantity(-a.value) }
    public static func < (a: Quantity, b: Quantity) -> Bool { a.value < b.value }

    public var description: String { "\(value) \(Unit.symbol)" }
}

extension Sequence {
    /// Sums quantities of one unit.
    public func sum<U>() -> Quantity<U> where Element == Quantity<U> {
        reduce(.zero, +)
    }
}

// MARK: - Units used by the model

/// Million tonnes of CO2 (1 亿吨 = 100 Mt).
public enum MtCO2: UnitOfMeasure {
    public static let symbol = "Mt CO2"
    public static let aliases: [String: Double] = ["亿吨 CO2": 100, "万吨 CO2": 0.01, "t CO2": 1e-6]
}

/// Tonnes of CO2 per 10,000 yuan of GDP (吨/万元), the paper's carbon intensity.
public enum TonnesCO2Per10kYuan: UnitOfMeasure {
    public static let symbol = "t CO2/万元"
}

/// Tonnes of CO2 per MWh (= kg/kWh), an emission factor of electricity.
public enum TonnesCO2PerMWh: UnitOfMeasure {
    public static let symbol = "t CO2/MWh"
    public static let aliases: [String: Double] = ["kg CO2/kWh": 1, "tCO2/MWh": 1]
}

/// 100 million yuan (亿元), current prices unless a series says otherwise.
public enum HundredMillionYuan: UnitOfMeasure {
    public static let symbol = "亿元"
}

/// 10,000 people (万人).
public enum TenThousandPeople: UnitOfMeasure {
    public static let symbol = "万人"
}

/// 10,000 tonnes of coal equivalent (万吨标准煤).
public enum TenThousandTCE: UnitOfMeasure {
    public static let symbol = "万tce"
    public static let aliases: [String: Double] = ["万吨标准煤": 1, "Mtce": 100]
}

/// Terawatt-hours (1 TWh = 10 亿千瓦时).
public enum TWh: UnitOfMeasure {
    public static let symbol = "TWh"
    public static let aliases: [String: Double] = ["亿千瓦时": 0.1, "亿kWh": 0.1, "GWh": 0.001]
}

/// Gigawatts of capacity (1 GW = 100 万千瓦).
public enum GW: UnitOfMeasure {
    public static let symbol = "GW"
    public static let aliases: [String: Double] = ["万千瓦": 0.01, "万kW": 0.01, "MW": 0.001]
}

/// Million square metres of floor area (1 万㎡ = 0.01 million m²).
public enum MillionSquareMetres: UnitOfMeasure {
    public static let symbol = "million m²"
    public static let aliases: [String: Double] = ["万平方米": 0.01, "万㎡": 0.01]
}

/// A share between 0 and 1 (percent values are written as `%` and divided by 100).
public enum Fraction: UnitOfMeasure {
    public static let symbol = "fraction"
    public static let aliases: [String: Double] = ["%": 0.01]
}

/// A growth rate per year as a fraction (0.05 = 5%/yr).
public enum PerYear: UnitOfMeasure {
    public static let symbol = "1/yr"
    public static let aliases: [String: Double] = ["%/yr": 0.01]
}

/// A dimensionless ratio or index (1 = the base-year level; an elasticity).
public enum Ratio: UnitOfMeasure {
    public static let symbol = "ratio"
    public static let aliases: [String: Double] = ["index": 1]
}
