import LinearProgramming
import ParallelWork

/// A starting basis for a long dispatch from its year cut into blocks of consecutive snapshots, each solved on its own
/// (in parallel): every block is the dispatch LP restricted to its snapshots, less the rows that tie it to another
/// block (the first state-of-charge and ramp rows) and the rows over the whole period (CO2 cap, energy sums). The
/// blocks' optimal bases together are a near-optimal basis of the whole LP, from which Clp's dual simplex needs only
/// the iterations that repair the block boundaries. The optimum is always that of the whole LP: the blocks only
/// choose where the simplex starts.
public struct TimeBlockStart: Sendable {
    /// The basis of the whole LP assembled from the blocks' optimal bases.
    public let basis: LPBasis
    /// Simplex iterations the blocks took together.
    public let iterations: Int
    /// Seconds of wall time for cutting and solving the blocks.
    public let seconds: Double
}

extension DispatchProblem {
    /// The snapshot each column belongs to, or −1 for a column of the whole period (an extendable component's capacity).
    func columnSnapshots() -> [Int32] {
        var snapshot = [Int32](repeating: -1, count: program.variableCount)
        for t in 0..<snapshotCount {
            let at = Int32(t)
            for g in 0..<generatorCount { snapshot[generatorColumn(g, t)] = at }
            for l in 0..<linkCount { snapshot[linkColumn(l, t)] = at }
            for s in 0..<storageCount {
                snapshot[dispatchColumn(s, t)] = at
                snapshot[chargeColumn(s, t)] = at
                snapshot[stateOfChargeColumn(s, t)] = at
            }
            for k in 0..<shedCount { snapshot[shedColumn(k, t)] = at }
            for k in spillUnits.indices { snapshot[spillColumn(k, t)] = at }
            for l in 0..<lineCount { snapshot[lineColumn(l, t)] = at }
            for k in 0..<storeCount {
                snapshot[storePowerColumn(k, t)] = at
                snapshot[storeEnergyColumn(k, t)] = at
            }
        }
        return snapshot
    }

    /// Solves the LP cut into `blocks` runs of consecutive snapshots, concurrently, and assembles their optimal bases
    /// into a starting basis of the whole LP. Nil when the LP does not split by time (capacity variables of
    /// extendable components span the period), when there are fewer than two snapshots per block, or when a block
    /// has no optimum (the whole LP is then solved from scratch, as without blocks).
    /// With `basis` (a start for the whole LP, e.g. a related dispatch's block start mapped onto this one by
    /// `startingBasis(from:basis:)`) each block starts from its part of it instead of Clp's own start.
    public func timeBlockStart(
        blocks requested: Int, options: ClpOptions = ClpOptions(), startingFrom basis: LPBasis? = nil
    ) -> TimeBlockStart? {
        let blocks = min(requested, snapshotCount / 2)
        guard blocks >= 2 else { return nil }
        let clock = ContinuousClock()
        let start = clock.now
        let columnSnapshot = columnSnapshots()
        guard !columnSnapshot.contains(-1) else { return nil }
        let matrix = program.compressedColumns()
        let rowSnapshot = rowSnapshots(matrix: matrix, columnSnapshot: columnSnapshot)
        var blockOf = [Int](repeating: 0, count: snapshotCount)
        for b in 0..<blocks {
            for t in (b * snapshotCount / blocks)..<((b + 1) * snapshotCount / blocks) { blockOf[t] = b }
        }
        // A row stays in its block when all its entries are in the block's columns.
        let columnBlock = columnSnapshot.map { blockOf[Int($0)] }
        var rowBlock = rowSnapshot.map { $0 < 0 ? -1 : blockOf[Int($0)] }
        for column in 0..<program.variableCount {
            for k in Int(matrix.starts[column])..<Int(matrix.starts[column + 1]) {
                let row = Int(matrix.rowIndices[k])
                if rowBlock[row] != columnBlock[column] { rowBlock[row] = -1 }
            }
        }
        let columnsOf = Self.members(columnBlock, blocks: blocks)
        let rowsOf = Self.members(rowBlock, blocks: blocks)
        let program = self.program
        let solved = ParallelMap.map(Array(0..<blocks)) { b -> LPSolution in
            var position = [Int32](repeating: -1, count: program.constraintCount)
            var lp = LinearProgram(sense: program.sense)
            for (i, row) in rowsOf[b].enumerated() {
                position[row] = Int32(i)
                lp.addConstraint(lower: program.rowLower[row], upper: program.rowUpper[row])
            }
            for column in columnsOf[b] {
                for k in Int(matrix.starts[column])..<Int(matrix.starts[column + 1]) {
                    let row = position[Int(matrix.rowIndices[k])]
                    if row >= 0 { lp.appendColumnEntry(row: Int(row), coefficient: matrix.values[k]) }
                }
                lp.addVariable(lower: program.columnLower[column], upper: program.columnUpper[column], cost: program.cost[column])
            }
            guard let basis else { return ClpSolver().solve(lp, options: options) }
            let blockBasis = LPBasis(
                columns: columnsOf[b].map { basis.columns[$0] }, rows: rowsOf[b].map { basis.rows[$0] })
            return ClpSolver().solve(lp, startingFrom: blockBasis, options: options)
        }
        guard solved.allSatisfy({ $0.status == .optimal && !$0.basis.columns.isEmpty }) else { return nil }
        var columns = [UInt8](repeating: LPBasis.atLowerBound, count: program.variableCount)
        var rows = [UInt8](repeating: LPBasis.basic, count: program.constraintCount)
        for b in 0..<blocks {
            for (i, column) in columnsOf[b].enumerated() { columns[column] = solved[b].basis.columns[i] }
            for (i, row) in rowsOf[b].enumerated() { rows[row] = solved[b].basis.rows[i] }
        }
        return TimeBlockStart(
            basis: LPBasis(columns: columns, rows: rows), iterations: solved.reduce(0) { $0 + $1.iterations },
            seconds: PowerDispatch.seconds(clock.now - start))
    }

    /// The indices of each block's members, in index order, from the block of every index (−1: in no block).
    private static func members(_ blockOfIndex: [Int], blocks: Int) -> [[Int]] {
        var members = [[Int]](repeating: [], count: blocks)
        for (index, block) in blockOfIndex.enumerated() where block >= 0 { members[block].append(index) }
        return members
    }

    /// The snapshot each row belongs to: the one most of its entries are in (ties: the later one, so a ramp row
    /// p_t − p_{t−1} belongs to t), or −1 for a row with entries in more than two snapshots (the period's rows).
    private func rowSnapshots(matrix: CompressedColumns, columnSnapshot: [Int32]) -> [Int32] {
        let rowCount = program.constraintCount
        var first = [Int32](repeating: -1, count: rowCount)
        var firstCount = [Int32](repeating: 0, count: rowCount)
        var second = [Int32](repeating: -1, count: rowCount)
        var secondCount = [Int32](repeating: 0, count: rowCount)
        var spread = [Bool](repeating: false, count: rowCount)
        for column in 0..<program.variableCount {
            let t = columnSnapshot[column]
            for k in Int(matrix.starts[column])..<Int(matrix.starts[column + 1]) {
                let row = Int(matrix.rowIndices[k])
                if first[row] == t || first[row] < 0 {
                    first[row] = t
                    firstCount[row] += 1
                } else if second[row] == t || second[row] < 0 {
                    second[row] = t
                    secondCount[row] += 1
                } else {
                    spread[row] = true
                }
            }
        }
        return (0..<rowCount).map { row in
            if spread[row] || first[row] < 0 { return -1 }
            if second[row] < 0 || firstCount[row] > secondCount[row] { return first[row] }
            if secondCount[row] > firstCount[row] { return second[row] }
            return max(first[row], second[row])
        }
    }
}
