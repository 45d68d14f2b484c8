import Diagnostics
import Yams

/// Helpers to turn a Yams node position into a `SourceLocation` for diagnostics.
extension Node {
    /// The 1-based line of this node in `file`.
    func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark.map { $0.line })
    }
}
