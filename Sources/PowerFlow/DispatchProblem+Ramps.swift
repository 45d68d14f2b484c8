import LinearProgramming
import RegionModel

// MARK: - Ramp limits

extension DispatchProblem {
    /// Ramp limits of generators and links, as PyPSA writes them for components that are not committable: for each
    /// snapshot after the first (and the first too when p_init is given), p_t − p_{t−1} ≤ up(t)·capacity and
    /// p_t − p_{t−1} ≥ −down(t)·capacity (the limit of snapshot t, as PyPSA takes a series), the capacity being p_nom or the capacity variable of an extendable component.
    func defineRampLimits(_ lp: inout LinearProgram) {
        func rows(_ ramp: GridRampLimits?, nominal: Double, capacity: Int?, column: (Int) -> Int) {
            guard let ramp else { return }
            for t in 0..<snapshotCount {
                var terms = [(column(t), 1.0)]
                var previous = 0.0
                if t > 0 {
                    terms.append((column(t - 1), -1))
                } else if let initial = ramp.initialPower {
                    previous = initial
                } else {
                    continue
                }
                for (profile, sign) in [(ramp.up, 1.0), (ramp.down, -1.0)] {
                    // NaN in a snapshot: no limit into that snapshot (PyPSA masks the row).
                    guard let limit = profile?[t], !limit.isNaN else { continue }
                    var rowTerms = terms
                    var bound = previous + sign * limit * nominal
                    if let capacity {
                        rowTerms.append((capacity, -sign * limit))
                        bound = previous
                    }
                    if sign > 0 {
                        lp.addConstraint(rowTerms, lower: -.infinity, upper: bound)
                    } else {
                        lp.addConstraint(rowTerms, lower: bound, upper: .infinity)
                    }
                }
            }
        }
        for (g, generator) in network.generators.enumerated() {
            rows(generator.ramp, nominal: generator.nominalPower, capacity: generatorCapacity[g]) { generatorColumn(g, $0) }
        }
        for (l, link) in network.links.enumerated() {
            rows(link.ramp, nominal: link.nominalPower, capacity: linkCapacity[l]) { linkColumn(l, $0) }
        }
    }
}
