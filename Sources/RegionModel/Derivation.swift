// MARK: - The derivation language

/// A row of a province file in a formula: a field's dotted path and a year, written `electricity.generation.coal[2020]`.
public struct RowReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The keys leading to the series, e.g. `["electricity", "generation", "coal"]`.
    public var path: [String]
    public var year: Int

    /// Creates the reference from its parts.
    public init(path: [String], year: Int) {
        self.path = path
        self.year = year
    }

    /// The dotted path of the series, e.g. `electricity.generation.coal`.
    public var dottedPath: String { path.joined(separator: ".") }
    public var description: String { "\(dottedPath)[\(year)]" }

    public static func < (a: RowReference, b: RowReference) -> Bool {
        (a.dottedPath, a.year) < (b.dottedPath, b.year)
    }
}

/// A formula of the derivation language: numbers, row references, `+ - * /`, unary minus and parentheses, with
/// the usual precedence (`*` and `/` before `+` and `-`, left to right). Row references take the value written in
/// the same file, in the unit written there.
public indirect enum Expression: Hashable, Sendable {
    /// The four operators.
    public enum Operator: Character, Hashable, Sendable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
    }

    case number(Double)
    case row(RowReference)
    case negate(Expression)
    case binary(Operator, Expression, Expression)

    /// Every row the formula reads, in the order written.
    public var references: [RowReference] {
        switch self {
        case .number: []
        case .row(let reference): [reference]
        case .negate(let inner): inner.references
        case .binary(_, let left, let right): left.references + right.references
        }
    }

    /// The value of the formula, reading rows through `lookup` (which returns `nil` for a row the file lacks).
    public func evaluate(_ lookup: (RowReference) -> Double?) throws(DerivationError) -> Double {
        switch self {
        case .number(let value): return value
        case .row(let reference):
            guard let value = lookup(reference) else { throw .unknownRow(reference) }
            return value
        case .negate(let inner): return -(try inner.evaluate(lookup))
        case .binary(let op, let left, let right):
            let a = try left.evaluate(lookup)
            let b = try right.evaluate(lookup)
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide:
                guard b != 0 else { throw .divisionByZero }
                return a / b
            }
        }
    }

    /// Parses `text`; a syntax error names the column (1-based) where it was found.
    public static func parse(_ text: String) throws(DerivationError) -> Expression {
        var parser = ExpressionParser(text)
        return try parser.parseFormula()
    }
}

/// What can be wrong with a derivation, in words a data editor understands.
public enum DerivationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The formula cannot be read; `column` counts characters from 1.
    case syntax(String, column: Int)
    /// The formula reads a row the file does not have.
    case unknownRow(RowReference)
    case divisionByZero
    /// Derived rows that depend on each other in a circle (the first row repeated at the end).
    case cycle([RowReference])

    public var description: String {
        switch self {
        case .syntax(let message, let column): "syntax error at column \(column): \(message)"
        case .unknownRow(let row): "unknown row \(row): the file has no value for it"
        case .divisionByZero: "division by zero"
        case .cycle(let rows): "derivations form a cycle: \(rows.map(\.description).joined(separator: " → "))"
        }
    }
}

/// A value computed from other rows of the same file: the formula as written, the parsed expression, and the
/// fact-sheet or series references of the published constants the formula uses.
public struct Derivation: Hashable, Sendable {
    /// The formula as written in the file.
    public var formula: String
    /// The parsed formula.
    public var expression: Expression
    /// References (`co2-034`, `ser-3-sh-wind-2020`) of the published numbers written as constants in the formula.
    public var inputs: [String]

    /// Creates the derivation from its parts.
    public init(formula: String, expression: Expression, inputs: [String] = []) {
        self.formula = formula
        self.expression = expression
        self.inputs = inputs
    }

    /// Relative tolerance of the check: a stored value may differ from the recomputed one by this share of it.
    public static let relativeTolerance = 5e-4

    /// Whether `stored`, written with `decimals` digits after the point, agrees with `computed`: within the relative
    /// tolerance, or within half a unit of the stored value's last digit (the rounding of what is written).
    public static func agrees(stored: Double, decimals: Int, computed: Double) -> Bool {
        let difference = abs(stored - computed)
        var halfUnit = 0.5
        for _ in 0..<max(0, decimals) { halfUnit /= 10 }
        return difference <= relativeTolerance * abs(stored) || difference <= halfUnit * (1 + 1e-9)
    }

    /// The cycles among derived rows, given what each derived row reads; each cycle once, starting at its smallest row.
    public static func cycles(_ dependencies: [RowReference: [RowReference]]) -> [[RowReference]] {
        var found: Set<[RowReference]> = []
        var state: [RowReference: Bool] = [:]  // false: on the current path; true: finished
        var stack: [RowReference] = []
        func visit(_ row: RowReference) {
            if let done = state[row] {
                if !done, let start = stack.firstIndex(of: row) {
                    let loop = Array(stack[start...])
                    let first = loop.indices.min { loop[$0] < loop[$1] } ?? 0
                    let rotated = Array(loop[first...] + loop[..<first])
                    found.insert(rotated + [rotated[0]])
                }
                return
            }
            state[row] = false
            stack.append(row)
            for next in dependencies[row] ?? [] where dependencies[next] != nil { visit(next) }
            stack.removeLast()
            state[row] = true
        }
        for row in dependencies.keys.sorted() { visit(row) }
        return found.sorted { $0.lexicographicallyPrecedes($1) }
    }
}

// MARK: - Parser

/// A recursive-descent parser of the derivation language over the characters of one formula.
struct ExpressionParser {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    mutating func parseFormula() throws(DerivationError) -> Expression {
        skipSpaces()
        guard index < characters.count else { throw .syntax("the formula is empty", column: 1) }
        let expression = try parseSum()
        skipSpaces()
        if index < characters.count { throw .syntax("unexpected '\(characters[index])'", column: index + 1) }
        return expression
    }

    private mutating func parseSum() throws(DerivationError) -> Expression {
        var left = try parseProduct()
        while let op = peekOperator([.add, .subtract]) {
            index += 1
            left = .binary(op, left, try parseProduct())
        }
        return left
    }

    private mutating func parseProduct() throws(DerivationError) -> Expression {
        var left = try parseFactor()
        while let op = peekOperator([.multiply, .divide]) {
            index += 1
            left = .binary(op, left, try parseFactor())
        }
        return left
    }

    private mutating func parseFactor() throws(DerivationError) -> Expression {
        skipSpaces()
        guard index < characters.count else { throw .syntax("the formula ends where a number or a row was expected", column: index + 1) }
        let c = characters[index]
        if c == "-" {
            index += 1
            return .negate(try parseFactor())
        }
        if c == "(" {
            let open = index
            index += 1
            let inner = try parseSum()
            skipSpaces()
            guard index < characters.count, characters[index] == ")" else {
                throw .syntax("the parenthesis opened at column \(open + 1) is not closed", column: index + 1)
            }
            index += 1
            return inner
        }
        if c.isASCII && (c.isNumber || c == ".") { return try parseNumber() }
        if c.isASCII && c.isLetter { return try parseRow() }
        throw .syntax("unexpected '\(c)'", column: index + 1)
    }

    private mutating func parseNumber() throws(DerivationError) -> Expression {
        let start = index
        while index < characters.count, characters[index].isASCII, characters[index].isNumber || characters[index] == "." { index += 1 }
        let text = String(characters[start..<index])
        guard let value = Double(text) else { throw .syntax("'\(text)' is not a number", column: start + 1) }
        return .number(value)
    }

    private mutating func parseRow() throws(DerivationError) -> Expression {
        let start = index
        while index < characters.count, characters[index].isASCII,
            characters[index].isLetter || characters[index].isNumber || characters[index] == "_" || characters[index] == "."
        {
            index += 1
        }
        let name = String(characters[start..<index])
        let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.contains(where: \.isEmpty) else { throw .syntax("'\(name)' is not a row path", column: start + 1) }
        guard index < characters.count, characters[index] == "[" else {
            throw .syntax("row '\(name)' needs a year, e.g. \(name)[2020]", column: index + 1)
        }
        index += 1
        let yearStart = index
        while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
        guard let year = Int(String(characters[yearStart..<index])), index < characters.count, characters[index] == "]" else {
            throw .syntax("row '\(name)' needs a year in brackets, e.g. \(name)[2020]", column: yearStart + 1)
        }
        index += 1
        return .row(RowReference(path: path, year: year))
    }

    private mutating func peekOperator(_ allowed: [Expression.Operator]) -> Expression.Operator? {
        skipSpaces()
        guard index < characters.count, let op = Expression.Operator(rawValue: characters[index]), allowed.contains(op) else { return nil }
        return op
    }

    private mutating func skipSpaces() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }
}
