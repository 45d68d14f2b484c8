import Diagnostics

/// The unit of a number in an agreement file, as written there. Each kind of figure admits only its own
/// units (the agreement schema in `DataSchema.agreementFields` says which).
public enum AgreementUnit: String, CaseIterable, Hashable, Sendable {
    /// 100 million yuan (亿元), once.
    case hundredMillionYuan = "亿元"
    /// 100 million yuan (亿元) per year.
    case hundredMillionYuanPerYear = "亿元/yr"
    /// A share between 0 and 1.
    case fraction
    /// Yuan per tonne of CO2, a carbon price.
    case yuanPerTonneCO2 = "元/t CO2"
    /// Million tonnes of CO2 per year.
    case megatonnesCO2PerYear = "Mt CO2/yr"
    /// A number of jobs.
    case jobs
    /// 100 million kWh (亿千瓦时), an electricity quantity.
    case hundredMillionKWh = "亿千瓦时"
    /// 10,000 people (万人).
    case tenThousandPeople = "万人"

    /// The spelling in files and messages.
    public var symbol: String { rawValue }
}

/// One number of an agreement file with its unit and provenance.
public struct AgreementFigure: Hashable, Sendable {
    public var value: Double
    public var unit: AgreementUnit
    /// Where the number comes from; `provenance.years` is the year or span it describes.
    public var provenance: Provenance

    /// Creates the figure from its value, unit and provenance.
    public init(value: Double, unit: AgreementUnit, provenance: Provenance) {
        self.value = value
        self.unit = unit
        self.provenance = provenance
    }

    /// Creates the figure from its value, unit and the parts of its provenance.
    public init(
        value: Double, unit: AgreementUnit, source: String, reference: String? = nil, years: ClosedRange<Int>? = nil,
        confidence: Confidence, note: String? = nil, location: SourceLocation? = nil
    ) {
        self.init(
            value: value, unit: unit,
            provenance: Provenance(
                source: source, reference: reference, confidence: confidence, note: note, years: years, location: location))
    }

    /// A key of `Regions/sources.yaml`.
    public var source: String { provenance.source }
    /// How far the number can be trusted.
    public var confidence: Confidence { provenance.confidence }
    /// Where the number is written.
    public var location: SourceLocation? { provenance.location }

    /// The same figure with another value (for perturbations and growth tests).
    public func with(value newValue: Double) -> AgreementFigure {
        var copy = self
        copy.value = newValue
        return copy
    }
}
