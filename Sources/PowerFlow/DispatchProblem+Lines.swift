import LinearProgramming
import RegionModel

// MARK: - Lines: linearised power flow with Kirchhoff's voltage law in cycle form

extension DispatchProblem {
    /// A cycle basis of the line graph, as PyPSA writes Kirchhoff's voltage law: for each connected set of buses (a
    /// sub-network) a spanning tree, and for each line outside it the cycle it closes. A cycle lists its lines with
    /// +1 where it runs bus0 → bus1 and −1 against, times the line's per-unit reactance (resistance when the
    /// sub-network's buses carry DC). Any basis spans the same cycle space, so the feasible flows are PyPSA's.
    static func cycleBasis(_ network: GridNetwork, lineBus0: [Int], lineBus1: [Int]) -> [[(line: Int, weight: Double)]] {
        let busCount = network.buses.count
        var adjacent = [[Int]](repeating: [], count: busCount)
        for l in network.lines.indices {
            adjacent[lineBus0[l]].append(l)
            adjacent[lineBus1[l]].append(l)
        }
        // Breadth-first spanning forest: each bus's parent line and depth.
        var parentLine = [Int?](repeating: nil, count: busCount)
        var depth = [Int](repeating: -1, count: busCount)
        var isTreeLine = [Bool](repeating: false, count: network.lines.count)
        for root in 0..<busCount where depth[root] < 0 {
            depth[root] = 0
            var queue = [root]
            var head = 0
            while head < queue.count {
                let bus = queue[head]
                head += 1
                for l in adjacent[bus] {
                    let other = lineBus0[l] == bus ? lineBus1[l] : lineBus0[l]
                    if depth[other] < 0 {
                        depth[other] = depth[bus] + 1
                        parentLine[other] = l
                        isTreeLine[l] = true
                        queue.append(other)
                    }
                }
            }
        }
        func parent(_ bus: Int) -> Int {
            let l = parentLine[bus]!
            return lineBus0[l] == bus ? lineBus1[l] : lineBus0[l]
        }
        func weight(_ l: Int) -> Double {
            let line = network.lines[l]
            return network.buses[lineBus0[l]].carrier == "DC" ? line.resistancePerUnit : line.reactancePerUnit
        }
        var cycles: [[(line: Int, weight: Double)]] = []
        for l in network.lines.indices where !isTreeLine[l] {
            // Around the cycle: bus0 → bus1 over line l, then back from bus1 to bus0 through the tree.
            var terms: [(line: Int, weight: Double)] = [(l, weight(l))]
            var up = lineBus1[l]  // walked towards the common ancestor; traversed child → parent
            var down: [(line: Int, weight: Double)] = []  // from bus0 upwards; traversed parent → child
            var other = lineBus0[l]
            while up != other {
                if depth[up] >= depth[other] {
                    let tree = parentLine[up]!
                    terms.append((tree, lineBus0[tree] == up ? weight(tree) : -weight(tree)))
                    up = parent(up)
                } else {
                    let tree = parentLine[other]!
                    down.append((tree, lineBus0[tree] == other ? -weight(tree) : weight(tree)))
                    other = parent(other)
                }
            }
            cycles.append(terms + down.reversed())
        }
        return cycles
    }

    /// Line flow s from bus0 to bus1: leaves bus0, arrives at bus1 (lossless), enters each Kirchhoff row of its
    /// cycles; |s| ≤ s_nom·s_max_pu, or rows against the rating variable when the line is extendable.
    func defineLines(_ lp: inout LinearProgram) {
        var linesCycles = [[(cycle: Int, weight: Double)]](repeating: [], count: lineCount)
        for (c, cycle) in cycles.enumerated() {
            for term in cycle { linesCycles[term.line].append((c, term.weight)) }
        }
        for t in 0..<snapshotCount {
            for (l, line) in network.lines.enumerated() {
                var entries: [(row: Int, coefficient: Double)] = [(balanceRow(lineBus0[l], t), -1), (balanceRow(lineBus1[l], t), 1)]
                for (c, weight) in linesCycles[l] where weight != 0 { entries.append((cycleRow(c, t), weight)) }
                for entry in entries.sorted(by: { $0.row < $1.row }) {
                    lp.appendColumnEntry(row: entry.row, coefficient: entry.coefficient)
                }
                if line.expansion == nil {
                    let limit = line.nominalPower * line.maxPerUnit[t]
                    lp.addVariable(lower: -limit, upper: limit, cost: 0)
                } else {
                    lp.addVariable(lower: -.infinity, upper: .infinity, cost: 0)
                }
            }
        }
    }
}
