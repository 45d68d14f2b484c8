/// Whether the objective is minimised or maximised.
public enum OptimizationSense: String, Sendable, Hashable {
    case minimize
    case maximize
}

/// One coefficient of a constraint row or a variable column.
public struct LinearTerm: Hashable, Sendable {
    /// The variable (for a row) or the constraint (for a column) the coefficient belongs to.
    public var index: Int
    public var coefficient: Double

    public init(_ index: Int, _ coefficient: Double) {
        self.index = index
        self.coefficient = coefficient
    }
}

/// A linear program as plain data: `sense` c·x subject to rowLower ≤ A·x ≤ rowUpper and
/// columnLower ≤ x ≤ columnUpper. Bounds of a single variable are column bounds, never rows.
///
/// Coefficients can be given per column (`addVariable(…, entries:)`, stored directly in compressed
/// sparse column form, the fast path for large models built column by column) or per row
/// (`addConstraint(_:lower:upper:)`, merged into the columns when the matrix is compressed).
/// Infinite bounds are written `-.infinity` / `.infinity`.
public struct LinearProgram: Sendable {
    public var sense: OptimizationSense

    public private(set) var columnLower: [Double] = []
    public private(set) var columnUpper: [Double] = []
    public private(set) var cost: [Double] = []
    public private(set) var rowLower: [Double] = []
    public private(set) var rowUpper: [Double] = []

    /// Column-wise entries in compressed sparse column form (entries given with their column).
    private var columnStarts: [Int32] = [0]
    private var columnRowIndices: [Int32] = []
    private var columnValues: [Double] = []

    /// Row-wise entries (given with their row), kept as triplets until the matrix is compressed.
    private var tripletRows: [Int32] = []
    private var tripletColumns: [Int32] = []
    private var tripletValues: [Double] = []

    /// Creates an empty program.
    public init(sense: OptimizationSense = .minimize) {
        self.sense = sense
    }

    /// The number of variables (columns).
    public var variableCount: Int { cost.count }
    /// The number of constraints (rows).
    public var constraintCount: Int { rowLower.count }
    /// The number of stored non-zero coefficients.
    public var nonZeroCount: Int { columnValues.count + tripletValues.count }

    /// Reserves storage for a model of known size, so that building never reallocates.
    public mutating func reserveCapacity(variables: Int, constraints: Int, nonZeros: Int) {
        columnLower.reserveCapacity(variables)
        columnUpper.reserveCapacity(variables)
        cost.reserveCapacity(variables)
        columnStarts.reserveCapacity(variables + 1)
        rowLower.reserveCapacity(constraints)
        rowUpper.reserveCapacity(constraints)
        columnRowIndices.reserveCapacity(nonZeros)
        columnValues.reserveCapacity(nonZeros)
    }

    /// Adds a variable with bounds and objective coefficient; returns its index.
    @discardableResult
    public mutating func addVariable(lower: Double = 0, upper: Double = .infinity, cost: Double = 0) -> Int {
        columnLower.append(lower)
        columnUpper.append(upper)
        self.cost.append(cost)
        columnStarts.append(Int32(columnValues.count))
        return self.cost.count - 1
    }

    /// Adds a variable together with its coefficients in existing constraints (`LinearTerm.index` is
    /// the constraint); returns its index. This is the fast path: no conversion is needed later.
    @discardableResult
    public mutating func addVariable(
        lower: Double = 0, upper: Double = .infinity, cost: Double = 0, entries: [LinearTerm]
    ) -> Int {
        for entry in entries { appendColumnEntry(row: entry.index, coefficient: entry.coefficient) }
        return addVariable(lower: lower, upper: upper, cost: cost)
    }

    /// Adds one coefficient to the variable that the next `addVariable` call creates.
    /// Lets builders stream entries without allocating an array per column.
    public mutating func appendColumnEntry(row: Int, coefficient: Double) {
        precondition(row >= 0 && row < rowLower.count, "constraint \(row) does not exist yet")
        columnRowIndices.append(Int32(row))
        columnValues.append(coefficient)
    }

    /// Adds a constraint `lower ≤ Σ coefficient·x[index] ≤ upper` (`LinearTerm.index` is the
    /// variable); returns its index. Use equal bounds for an equality, an infinite one for `≤`/`≥`.
    @discardableResult
    public mutating func addConstraint(_ terms: [LinearTerm] = [], lower: Double, upper: Double) -> Int {
        let row = rowLower.count
        rowLower.append(lower)
        rowUpper.append(upper)
        for term in terms {
            precondition(term.index >= 0 && term.index < cost.count, "variable \(term.index) does not exist")
            tripletRows.append(Int32(row))
            tripletColumns.append(Int32(term.index))
            tripletValues.append(term.coefficient)
        }
        return row
    }

    /// Convenience for `addConstraint` with `(variable, coefficient)` pairs.
    @discardableResult
    public mutating func addConstraint(
        _ terms: [(variable: Int, coefficient: Double)], lower: Double, upper: Double
    ) -> Int {
        addConstraint(terms.map { LinearTerm($0.variable, $0.coefficient) }, lower: lower, upper: upper)
    }

    /// Changes the bounds of a variable.
    public mutating func setBounds(ofVariable variable: Int, lower: Double, upper: Double) {
        columnLower[variable] = lower
        columnUpper[variable] = upper
    }

    /// Changes the bounds of a constraint.
    public mutating func setBounds(ofConstraint row: Int, lower: Double, upper: Double) {
        rowLower[row] = lower
        rowUpper[row] = upper
    }

    /// Changes the objective coefficient of a variable.
    public mutating func setCost(ofVariable variable: Int, to value: Double) {
        cost[variable] = value
    }

    /// The constraint matrix in compressed sparse column form (entries within a column in the order
    /// given; column-wise entries first, then row-wise ones). A row must appear at most once per column.
    public func compressedColumns() -> CompressedColumns {
        if tripletValues.isEmpty {
            return CompressedColumns(starts: columnStarts, rowIndices: columnRowIndices, values: columnValues)
        }
        let columns = cost.count
        var counts = [Int32](repeating: 0, count: columns + 1)
        for column in 0..<columns {
            counts[column + 1] = columnStarts[column + 1] - columnStarts[column]
        }
        for column in tripletColumns { counts[Int(column) + 1] += 1 }
        for column in 0..<columns { counts[column + 1] += counts[column] }
        let total = Int(counts[columns])
        var rows = [Int32](repeating: 0, count: total)
        var values = [Double](repeating: 0, count: total)
        var next = counts
        for column in 0..<columns {
            for k in Int(columnStarts[column])..<Int(columnStarts[column + 1]) {
                let at = Int(next[column])
                rows[at] = columnRowIndices[k]
                values[at] = columnValues[k]
                next[column] += 1
            }
        }
        for k in tripletValues.indices {
            let column = Int(tripletColumns[k])
            let at = Int(next[column])
            rows[at] = tripletRows[k]
            values[at] = tripletValues[k]
            next[column] += 1
        }
        return CompressedColumns(starts: counts, rowIndices: rows, values: values)
    }
}

/// A sparse matrix in compressed sparse column form: column j's entries are
/// `rowIndices[starts[j]..<starts[j+1]]` with `values` alongside.
public struct CompressedColumns: Sendable, Equatable {
    public var starts: [Int32]
    public var rowIndices: [Int32]
    public var values: [Double]
}
