import Foundation

// MARK: - PyPSA's standard line types (facts, kept as data)

/// One of PyPSA's standard line types: series resistance and reactance per km of one circuit (PyPSA's
/// `r_per_length`, `x_per_length`, ohm/km).
public struct PyPSALineType: Sendable, Hashable {
    public let name: String
    public let resistancePerKm: Double
    public let reactancePerKm: Double
}

extension PyPSAImport {
    /// PyPSA's standard line types, from `pypsa/data/standard_types/line_types.csv` of PyPSA v1.4.0 (MIT licence,
    /// Copyright (c) 2015-2026 PyPSA contributors, github.com/PyPSA/PyPSA), columns name, r_per_length and
    /// x_per_length; PyPSA cites for them:
    /// - Calculation similar to Al/St 240/40 4-bundle 380.0 using the conductor 490-AL1/64-ST1A 380.0
    /// - HTLS based on line Oudon-Taute line in JAO Static Grid model, compared also to similar lines in Germany
    /// - Oeding and Oswald "Elektrische Kraftwerke und Netze", 2011, Appendix
    /// - Oeding and Oswald "Elektrische Kraftwerke und Netze", 2011, Chapter 9
    /// - Regional Group North Sea, “Offshore Transmission Technology,”ENTSO-E AISBL, Brussels, Belgium, Tech. Rep., 2011. P.19-20
    /// - Regional Group North Sea, “Offshore Transmission Technology,”ENTSO-E AISBL, Brussels, Belgium, Tech. Rep., 2011. P.21-22
    /// - pandapower
    /// - pandapower; Heuck et al. Elektrische Energieversorgung 8. Auflage (2010);  Vierweg+Teubner
    /// - pandapower; Heuck et al. Elektrische Energieversorgung 8. Auflage (2010);  Vierweg+Teubner (2013)
    /// - pandapower; Heuck et al. Elektrische Energieversorgung 8. Auflage (2010);  Vierweg+Teubner (2013); Werth Netzberechnung mit Erzeugungsprofilen
    /// A line that names one gets x = x_per_length·length/num_parallel and r = r_per_length·length/num_parallel, as PyPSA
    /// computes them before optimising.
    public static let standardLineTypes: [PyPSALineType] = [
        .init(name: "149-AL1/24-ST1A 10.0", resistancePerKm: 0.194, reactancePerKm: 0.315),
        .init(name: "149-AL1/24-ST1A 110.0", resistancePerKm: 0.194, reactancePerKm: 0.41),
        .init(name: "149-AL1/24-ST1A 20.0", resistancePerKm: 0.194, reactancePerKm: 0.337),
        .init(name: "15-AL1/3-ST1A 0.4", resistancePerKm: 1.8769, reactancePerKm: 0.35),
        .init(name: "184-AL1/30-ST1A 110.0", resistancePerKm: 0.1571, reactancePerKm: 0.4),
        .init(name: "184-AL1/30-ST1A 20.0", resistancePerKm: 0.1571, reactancePerKm: 0.33),
        .init(name: "24-AL1/4-ST1A 0.4", resistancePerKm: 1.2012, reactancePerKm: 0.335),
        .init(name: "243-AL1/39-ST1A 110.0", resistancePerKm: 0.1188, reactancePerKm: 0.39),
        .init(name: "243-AL1/39-ST1A 20.0", resistancePerKm: 0.1188, reactancePerKm: 0.32),
        .init(name: "305-AL1/39-ST1A 110.0", resistancePerKm: 0.0949, reactancePerKm: 0.38),
        .init(name: "34-AL1/6-ST1A 10.0", resistancePerKm: 0.8342, reactancePerKm: 0.36),
        .init(name: "34-AL1/6-ST1A 20.0", resistancePerKm: 0.8342, reactancePerKm: 0.382),
        .init(name: "48-AL1/8-ST1A 0.4", resistancePerKm: 0.5939, reactancePerKm: 0.3),
        .init(name: "48-AL1/8-ST1A 10.0", resistancePerKm: 0.5939, reactancePerKm: 0.35),
        .init(name: "48-AL1/8-ST1A 20.0", resistancePerKm: 0.5939, reactancePerKm: 0.372),
        .init(name: "48-AL1/8-ST1A 110.0", resistancePerKm: 0.5939, reactancePerKm: 0.46),
        .init(name: "70-AL1/11-ST1A 10.0", resistancePerKm: 0.4132, reactancePerKm: 0.339),
        .init(name: "70-AL1/11-ST1A 20.0", resistancePerKm: 0.4132, reactancePerKm: 0.36),
        .init(name: "70-AL1/11-ST1A 110.0", resistancePerKm: 0.4132, reactancePerKm: 0.45),
        .init(name: "94-AL1/15-ST1A 0.4", resistancePerKm: 0.306, reactancePerKm: 0.29),
        .init(name: "94-AL1/15-ST1A 10.0", resistancePerKm: 0.306, reactancePerKm: 0.33),
        .init(name: "94-AL1/15-ST1A 20.0", resistancePerKm: 0.306, reactancePerKm: 0.35),
        .init(name: "94-AL1/15-ST1A 110.0", resistancePerKm: 0.306, reactancePerKm: 0.44),
        .init(name: "122-AL1/20-ST1A 10.0", resistancePerKm: 0.2376, reactancePerKm: 0.323),
        .init(name: "122-AL1/20-ST1A 20.0", resistancePerKm: 0.2376, reactancePerKm: 0.344),
        .init(name: "122-AL1/20-ST1A 110.0", resistancePerKm: 0.2376, reactancePerKm: 0.43),
        .init(name: "490-AL1/64-ST1A 220.0", resistancePerKm: 0.059, reactancePerKm: 0.285),
        .init(name: "490-AL1/64-ST1A 380.0", resistancePerKm: 0.059, reactancePerKm: 0.253),
        .init(name: "490-AL1/64-ST1A 110.0", resistancePerKm: 0.059, reactancePerKm: 0.37),
        .init(name: "679-AL1/86-ST1A 110.0", resistancePerKm: 0.042, reactancePerKm: 0.36),
        .init(name: "679-AL1/86-ST1A 220.0", resistancePerKm: 0.042, reactancePerKm: 0.275),
        .init(name: "679-AL1/86-ST1A 380.0", resistancePerKm: 0.042, reactancePerKm: 0.25),
        .init(name: "N2XS(FL)2Y 1x120 RM/35 64/110 kV", resistancePerKm: 0.153, reactancePerKm: 0.166),
        .init(name: "N2XS(FL)2Y 1x185 RM/35 64/110 kV", resistancePerKm: 0.099, reactancePerKm: 0.156),
        .init(name: "N2XS(FL)2Y 1x240 RM/35 64/110 kV", resistancePerKm: 0.075, reactancePerKm: 0.149),
        .init(name: "N2XS(FL)2Y 1x300 RM/35 64/110 kV", resistancePerKm: 0.06, reactancePerKm: 0.144),
        .init(name: "NA2XS2Y 1x95 RM/25 6/10 kV", resistancePerKm: 0.313, reactancePerKm: 0.123),
        .init(name: "NA2XS2Y 1x185 RM/25 6/10 kV", resistancePerKm: 0.161, reactancePerKm: 0.11),
        .init(name: "NA2XS2Y 1x240 RM/25 6/10 kV", resistancePerKm: 0.122, reactancePerKm: 0.105),
        .init(name: "NA2XS2Y 1x150 RM/25 12/20 kV", resistancePerKm: 0.206, reactancePerKm: 0.116),
        .init(name: "NA2XS2Y 1x185 RM/25 12/20 kV", resistancePerKm: 0.161, reactancePerKm: 0.117),
        .init(name: "NA2XS2Y 1x240 RM/25 12/20 kV", resistancePerKm: 0.122, reactancePerKm: 0.112),
        .init(name: "NA2XS2Y 1x120 RM/25 12/20 kV", resistancePerKm: 0.253, reactancePerKm: 0.119),
        .init(name: "NA2XS2Y 1x70 RM/25 12/20 kV", resistancePerKm: 0.443, reactancePerKm: 0.132),
        .init(name: "NA2XS2Y 1x95 RM/25 12/20 kV", resistancePerKm: 0.313, reactancePerKm: 0.132),
        .init(name: "NA2XS2Y 1x150 RM/25 6/10 kV", resistancePerKm: 0.206, reactancePerKm: 0.11),
        .init(name: "NA2XS2Y 1x120 RM/25 6/10 kV", resistancePerKm: 0.253, reactancePerKm: 0.113),
        .init(name: "NA2XS2Y 1x70 RM/25 6/10 kV", resistancePerKm: 0.443, reactancePerKm: 0.123),
        .init(name: "NAYY 4x120 SE", resistancePerKm: 0.225, reactancePerKm: 0.08),
        .init(name: "NAYY 4x150 SE", resistancePerKm: 0.208, reactancePerKm: 0.08),
        .init(name: "NAYY 4x50 SE", resistancePerKm: 0.642, reactancePerKm: 0.083),
        .init(name: "Al/St 240/40 2-bundle 220.0", resistancePerKm: 0.06, reactancePerKm: 0.301),
        .init(name: "Al/St 240/40 3-bundle 300.0", resistancePerKm: 0.04, reactancePerKm: 0.265),
        .init(name: "Al/St 240/40 4-bundle 380.0", resistancePerKm: 0.03, reactancePerKm: 0.246),
        .init(name: "Al/St 490/64 4-bundle 380.0", resistancePerKm: 0.015, reactancePerKm: 0.16),
        .init(name: "HTLS 4-bundle 380.0", resistancePerKm: 0.02, reactancePerKm: 0.26),
        .init(name: "Al/St 560/50 4-bundle 750.0", resistancePerKm: 0.013, reactancePerKm: 0.276),
        .init(name: "HVDC XLPE 1000", resistancePerKm: 0.0022, reactancePerKm: 0.000001),
        .init(name: "HVDC Oil filled 1400", resistancePerKm: 0.00264, reactancePerKm: 0.000001),
    ]
}
