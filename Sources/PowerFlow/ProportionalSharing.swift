/// Flow tracing by proportional sharing (Bialek, 1996): power entering a bus mixes, and every MWh
/// leaving it (to a load, a store or a line) carries the same CO2 intensity.
///
/// Convention: a link carries its sending bus's intensity on the power sent (p0), so the emissions of
/// the losses travel with the flow and are borne by the receiver; storage charging is consumption at
/// its bus, and storage dispatch and shed energy inject zero-carbon power. Total consumption-based
/// emissions therefore equal total production-based emissions.
public enum ProportionalSharing {
    /// One flow of a snapshot: `sent` MWh/h leave `from`, `efficiency·sent` arrive at `to`.
    public struct Flow: Sendable, Hashable {
        public var from: Int
        public var to: Int
        public var sent: Double
        public var efficiency: Double

        public init(from: Int, to: Int, sent: Double, efficiency: Double) {
            self.from = from
            self.to = to
            self.sent = sent
            self.efficiency = efficiency
        }
    }

    /// The CO2 intensity (t/MWh) of power at each bus in one snapshot.
    /// - Parameters:
    ///   - localInjection: MW injected at each bus by its own sources (generation, storage dispatch, shed).
    ///   - localEmissions: t/h emitted by those sources.
    ///   - flows: link flows of the snapshot (flows with `sent ≤ 0` are ignored).
    public static func intensities(localInjection: [Double], localEmissions: [Double], flows: [Flow]) -> [Double] {
        let n = localInjection.count
        var workspace = Workspace(busCount: n)
        return workspace.solve(localInjection: localInjection, localEmissions: localEmissions, flows: flows)
    }

    /// Reusable buffers for solving many snapshots of the same network without allocating.
    public struct Workspace: Sendable {
        let n: Int
        var matrix: [Double]
        var rhs: [Double]

        public init(busCount: Int) {
            n = busCount
            matrix = [Double](repeating: 0, count: busCount * busCount)
            rhs = [Double](repeating: 0, count: busCount)
        }

        /// Solves M·c = e where M[i][i] = inflow at i and M[i][from] −= sent for each flow into i.
        public mutating func solve(localInjection: [Double], localEmissions: [Double], flows: [Flow]) -> [Double] {
            for k in 0..<matrix.count { matrix[k] = 0 }
            for i in 0..<n {
                matrix[i * n + i] = localInjection[i]
                rhs[i] = localEmissions[i]
            }
            for flow in flows where flow.sent > 0 {
                matrix[flow.to * n + flow.to] += flow.efficiency * flow.sent
                matrix[flow.to * n + flow.from] -= flow.sent
            }
            let scale = max(1e-300, (0..<n).map { matrix[$0 * n + $0] }.max() ?? 1)
            for i in 0..<n where matrix[i * n + i] <= 1e-12 * scale {
                // Nothing flows into this bus, so nothing flows out: its intensity is zero.
                for j in 0..<n { matrix[i * n + j] = 0 }
                matrix[i * n + i] = 1
                rhs[i] = 0
            }
            // Gaussian elimination with partial pivoting (the matrix is column diagonally dominant).
            for column in 0..<n {
                var pivot = column
                for row in (column + 1)..<max(column + 1, n) where abs(matrix[row * n + column]) > abs(matrix[pivot * n + column]) {
                    pivot = row
                }
                if pivot != column {
                    for j in 0..<n { matrix.swapAt(column * n + j, pivot * n + j) }
                    rhs.swapAt(column, pivot)
                }
                let diagonal = matrix[column * n + column]
                if diagonal == 0 { continue }
                for row in (column + 1)..<max(column + 1, n) {
                    let factor = matrix[row * n + column] / diagonal
                    if factor == 0 { continue }
                    for j in column..<n { matrix[row * n + j] -= factor * matrix[column * n + j] }
                    rhs[row] -= factor * rhs[column]
                }
            }
            var solution = [Double](repeating: 0, count: n)
            for row in stride(from: n - 1, through: 0, by: -1) {
                var value = rhs[row]
                for j in (row + 1)..<max(row + 1, n) { value -= matrix[row * n + j] * solution[j] }
                let diagonal = matrix[row * n + row]
                solution[row] = diagonal == 0 ? 0 : max(0, value / diagonal)
            }
            return solution
        }
    }
}
