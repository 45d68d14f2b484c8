/// One number for one year, with its provenance.
public struct Observation<Unit: UnitOfMeasure>: Hashable, Sendable {
    public var year: Int
    public var quantity: Quantity<Unit>
    public var provenance: Provenance

    public init(year: Int, quantity: Quantity<Unit>, provenance: Provenance) {
        self.year = year
        self.quantity = quantity
        self.provenance = provenance
    }

    public var value: Double { quantity.value }
}

/// A yearly series of one quantity (at most one observation per year), ordered by year.
public struct Series<Unit: UnitOfMeasure>: Hashable, Sendable {
    public private(set) var observations: [Observation<Unit>]

    public init(_ observations: [Observation<Unit>] = []) {
        self.observations = observations.sorted { $0.year < $1.year }
    }

    /// The series read from schema-driven raw data (values already in `Unit.symbol`).
    public init(_ raw: RawSeries?) {
        self.init(
            (raw?.points ?? []).map {
                Observation(year: $0.year, quantity: Quantity($0.value), provenance: $0.provenance)
            })
    }

    public var years: [Int] { observations.map(\.year) }
    public var isEmpty: Bool { observations.isEmpty }

    public subscript(year: Int) -> Observation<Unit>? {
        observations.first { $0.year == year }
    }

    /// The value in `year`, if observed.
    public func value(in year: Int) -> Quantity<Unit>? { self[year]?.quantity }
}

/// A series as the loader reads it: plain numbers already converted to the schema's unit.
public struct RawSeries: Hashable, Sendable {
    /// One year's converted value.
    public struct Point: Hashable, Sendable {
        public var year: Int
        public var value: Double
        public var provenance: Provenance

        public init(year: Int, value: Double, provenance: Provenance) {
            self.year = year
            self.value = value
            self.provenance = provenance
        }
    }

    public var points: [Point]

    public init(points: [Point]) { self.points = points.sorted { $0.year < $1.year } }
}
