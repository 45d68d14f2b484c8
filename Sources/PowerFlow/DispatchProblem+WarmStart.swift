import LinearProgramming
import RegionModel

extension DispatchProblem {
    /// A starting basis for this problem from the optimal basis of `parent`, a dispatch of a network that
    /// contains this one (same snapshots; buses, generators, links, lines, storage and stores matched by name;
    /// Kirchhoff cycle rows and capacity variables start afresh, as the cycle basis depends on the topology).
    /// What the parent has and this problem lacks is dropped; a variable the parent lacks starts nonbasic at a finite
    /// bound (free when it has none), a row the parent lacks starts basic. Clp repairs a basis with too few
    /// or too many basic entries, so the start only decides how many iterations are left, never the optimum.
    public func startingBasis(from parent: DispatchProblem, basis: LPBasis) -> LPBasis {
        precondition(parent.snapshotCount == snapshotCount, "a warm start needs the same snapshots")
        func indices<T>(_ mine: [T], _ theirs: [T], name: (T) -> String) -> [Int?] {
            var position: [String: Int] = [:]
            for (i, item) in theirs.enumerated() { position[name(item)] = i }
            return mine.map { position[name($0)] }
        }
        let buses = indices(network.buses, parent.network.buses, name: \.name)
        let generators = indices(network.generators, parent.network.generators, name: \.name)
        let links = indices(network.links, parent.network.links, name: \.name)
        let storage = indices(network.storageUnits, parent.network.storageUnits, name: \.name)
        let parentShed = Dictionary(parent.shedBuses.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let sheds = shedBuses.map { b in buses[b].flatMap { parentShed[$0] } }
        let lines = indices(network.lines, parent.network.lines, name: \.name)
        let stores = indices(network.stores, parent.network.stores, name: \.name)
        let parentSpill = Dictionary(parent.spillUnits.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let spills = spillUnits.map { s in storage[s].flatMap { parentSpill[$0] } }

        var columns = zip(program.columnLower, program.columnUpper).map { lower, upper in
            lower.isFinite ? LPBasis.atLowerBound : upper.isFinite ? LPBasis.atUpperBound : LPBasis.free
        }
        var rows = [UInt8](repeating: LPBasis.basic, count: program.constraintCount)
        for t in 0..<snapshotCount {
            for (g, p) in generators.enumerated() {
                if let p { columns[generatorColumn(g, t)] = basis.columns[parent.generatorColumn(p, t)] }
            }
            for (l, p) in links.enumerated() {
                if let p { columns[linkColumn(l, t)] = basis.columns[parent.linkColumn(p, t)] }
            }
            for (s, p) in storage.enumerated() {
                guard let p else { continue }
                columns[dispatchColumn(s, t)] = basis.columns[parent.dispatchColumn(p, t)]
                columns[chargeColumn(s, t)] = basis.columns[parent.chargeColumn(p, t)]
                columns[stateOfChargeColumn(s, t)] = basis.columns[parent.stateOfChargeColumn(p, t)]
                rows[stateOfChargeRow(s, t)] = basis.rows[parent.stateOfChargeRow(p, t)]
            }
            for (k, p) in sheds.enumerated() {
                if let p { columns[shedColumn(k, t)] = basis.columns[parent.shedColumn(p, t)] }
            }
            for (k, p) in spills.enumerated() {
                if let p { columns[spillColumn(k, t)] = basis.columns[parent.spillColumn(p, t)] }
            }
            for (l, p) in lines.enumerated() {
                if let p { columns[lineColumn(l, t)] = basis.columns[parent.lineColumn(p, t)] }
            }
            for (k, p) in stores.enumerated() {
                guard let p else { continue }
                columns[storePowerColumn(k, t)] = basis.columns[parent.storePowerColumn(p, t)]
                columns[storeEnergyColumn(k, t)] = basis.columns[parent.storeEnergyColumn(p, t)]
                rows[storeRow(k, t)] = basis.rows[parent.storeRow(p, t)]
            }
            for (b, p) in buses.enumerated() {
                if let p { rows[balanceRow(b, t)] = basis.rows[parent.balanceRow(p, t)] }
            }
        }
        if let co2Row, let parentRow = parent.co2Row { rows[co2Row] = basis.rows[parentRow] }
        if let greenImportRow, let parentRow = parent.greenImportRow { rows[greenImportRow] = basis.rows[parentRow] }
        return LPBasis(columns: columns, rows: rows)
    }
}
