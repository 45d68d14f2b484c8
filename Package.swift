// swift-tools-version: 6.0
// yrdplan — Yangtze River Delta regional coordination planner.
// Layering (see docs/ARCHITECTURE.md): pure model targets know nothing of files, templates or C;
// IO sits at the edges; unsafe C lives only in the wrapper targets.
import PackageDescription

let package = Package(
    name: "yrdplan",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "yrdplan", targets: ["yrdplan"]),
        .executable(name: "yrdplan-bench", targets: ["yrdplan-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // MARK: Foundation (issue 2)
        .target(name: "Diagnostics"),
        .target(name: "ParallelWork"),
        .target(name: "Hashing"),
        .target(name: "RegionModel", dependencies: ["Diagnostics"]),
        .target(
            name: "RegionLoading",
            dependencies: ["Diagnostics", "RegionModel", .product(name: "Yams", package: "Yams")]),
        .target(name: "Pathways", dependencies: ["RegionModel"]),
        .target(
            name: "YrdplanCLI",
            dependencies: [
                "Diagnostics", "RegionModel", "RegionLoading", "Pathways", "PowerFlow", "LinearProgramming", "BenefitSharing",
                "Analysis", "Briefs", "Site", "Studies",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "yrdplan", dependencies: ["YrdplanCLI"]),
        .executableTarget(
            name: "yrdplan-bench",
            dependencies: [
                "RegionModel", "RegionLoading", "Pathways", "YrdplanCLI", "PowerFlow", "LinearProgramming", "BenefitSharing",
                "Analysis", "Briefs", "Site", "Diagnostics", "SeededRandom",
            ]),
        .target(name: "SeededRandom"),
        .target(name: "YrdplanTestSupport", dependencies: ["Diagnostics", "SeededRandom"]),

        // MARK: Tests
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "RegionModelTests", dependencies: ["RegionModel", "YrdplanTestSupport"]),
        .testTarget(
            name: "RegionLoadingTests",
            dependencies: ["RegionLoading", "RegionModel", "Diagnostics", "YrdplanTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "PathwaysTests",
            dependencies: ["Pathways", "RegionLoading", "RegionModel", "YrdplanTestSupport"]),
        .testTarget(
            name: "YrdplanEndToEndTests",
            dependencies: ["YrdplanTestSupport", "yrdplan-publish-probe", "Analysis", "RegionLoading", "RegionModel"]),

        // MARK: Power flows (issue 3)
        .systemLibrary(
            name: "CClp", pkgConfig: "clp",
            providers: [.apt(["coinor-libclp-dev"]), .brew(["clp"])]),
        .target(name: "LinearProgramming", dependencies: ["CClp"]),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming", "YrdplanTestSupport"]),
        .target(name: "PowerFlow", dependencies: ["Diagnostics", "LinearProgramming", "ParallelWork", "RegionModel"]),
        .testTarget(
            name: "PowerFlowTests",
            dependencies: ["PowerFlow", "LinearProgramming", "RegionModel", "RegionLoading", "YrdplanTestSupport"]),

        // MARK: Benefit sharing (issue 4)
        .target(
            name: "BenefitSharing", dependencies: ["RegionModel", "LinearProgramming", "PowerFlow", "ParallelWork", "SeededRandom"]),
        .testTarget(
            name: "BenefitSharingTests",
            dependencies: ["BenefitSharing", "LinearProgramming", "PowerFlow", "RegionModel", "RegionLoading", "YrdplanTestSupport"],
            resources: [.copy("Fixtures")]),

        // MARK: The analysis layer (issue 8): every published figure, computed once, with its provenance
        .target(
            name: "Analysis",
            dependencies: [
                "Diagnostics", "RegionModel", "Pathways", "PowerFlow", "LinearProgramming", "BenefitSharing", "ParallelWork",
                "SeededRandom",
            ]),
        .testTarget(
            name: "AnalysisTests",
            dependencies: ["Analysis", "RegionLoading", "RegionModel", "Pathways", "PowerFlow", "YrdplanTestSupport"]),

        // MARK: Briefs and the site (issue 5)
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .target(name: "CXMLSchemaShim", dependencies: ["CLibXML2"]),
        .target(name: "XMLSupport", dependencies: ["Diagnostics", "CXMLSchemaShim"]),
        .target(
            name: "Briefs",
            dependencies: [
                "Diagnostics", "RegionModel", "Pathways", "PowerFlow", "XMLSupport", "Analysis", "ParallelWork",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ]),
        .target(
            name: "Site",
            dependencies: [
                "Diagnostics", "Analysis", "Briefs", "XMLSupport", "Hashing", "ParallelWork", .product(name: "Yams", package: "Yams"),
            ]),
        .testTarget(name: "XMLSupportTests", dependencies: ["XMLSupport", "Diagnostics"]),
        .testTarget(
            name: "BriefsTests",
            dependencies: [
                "Analysis", "Briefs", "XMLSupport", "Diagnostics", "RegionLoading", "RegionModel", "Pathways", "YrdplanTestSupport",
            ],
            exclude: ["Fixtures", "Snapshots"]),
        .testTarget(
            name: "SiteTests", dependencies: ["Analysis", "Site", "Briefs", "Diagnostics", "YrdplanTestSupport"]),
        // Test-only (not a product): publishes and pauses after a named step so a test can SIGKILL it there.
        .executableTarget(
            name: "yrdplan-publish-probe", dependencies: ["Analysis", "Site", "Briefs", "Diagnostics"], path: "Tests/PublishProbe"),

        // MARK: Studies (issue 13): scenario sweeps as independent, hashed jobs, run locally or as a Slurm job array
        .target(
            name: "Studies",
            dependencies: [
                "Diagnostics", "Hashing", "RegionModel", "RegionLoading", "Pathways", "PowerFlow", "BenefitSharing", "Analysis",
                "SeededRandom",
            ]),
        .testTarget(
            name: "StudiesTests",
            dependencies: ["Studies", "Hashing", "RegionLoading", "RegionModel", "Diagnostics", "YrdplanTestSupport"],
            exclude: ["Fixtures"]),
    ]
)
