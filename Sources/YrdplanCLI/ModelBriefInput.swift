import Briefs
import Diagnostics

/// Fills a `BriefInput` from the shared model (RegionLoading + Pathways, later PowerFlow and
/// BenefitSharing): every figure as the model computed it, with the provenance of its data.
enum ModelBriefInput {
    static func make(regions: String) throws(DiagnosticsError) -> BriefInput {
        throw DiagnosticsError([
            .error(
                at: SourceLocation(file: regions),
                "briefs from the model need RegionLoading and Pathways, which this build does not have yet",
                fix: "pass --input FILE with a BriefInput JSON")
        ])
    }
}
