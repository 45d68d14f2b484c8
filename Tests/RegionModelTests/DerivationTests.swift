import RegionModel
import Testing

/// The derivation language: parsing, precedence, evaluation over rows, errors and cycles.
@Suite struct DerivationTests {
    let rows: [RowReference: Double] = [
        RowReference(path: ["electricity", "generation", "coal"], year: 2020): 100,
        RowReference(path: ["electricity", "consumption"], year: 2020): 250,
        RowReference(path: ["gdp"], year: 2019): 0,
    ]

    func value(_ formula: String) throws -> Double {
        try Expression.parse(formula).evaluate { rows[$0] }
    }

    @Test func numbersOperatorsAndPrecedence() throws {
        #expect(try value("1 + 2 * 3") == 7)
        #expect(try value("(1 + 2) * 3") == 9)
        #expect(try value("10 - 4 - 3") == 3)
        #expect(try value("12 / 4 / 3") == 1)
        #expect(try value("-2 * -(3 - 1)") == 4)
    }

    @Test func rowsAreReadFromTheFile() throws {
        #expect(try value("electricity.generation.coal[2020] * 0.95") == 95)
        #expect(abs(try value("electricity.generation.coal[2020] / electricity.consumption[2020]") - 0.4) < 1e-12)
        let expression = try Expression.parse("electricity.consumption[2020] - electricity.generation.coal[2020]")
        #expect(expression.references.map(\.description) == ["electricity.consumption[2020]", "electricity.generation.coal[2020]"])
    }

    @Test(arguments: [
        ("", DerivationError.syntax("the formula is empty", column: 1)),
        ("1 +", .syntax("the formula ends where a number or a row was expected", column: 4)),
        ("(1 + 2", .syntax("the parenthesis opened at column 1 is not closed", column: 7)),
        ("gdp + 1", .syntax("row 'gdp' needs a year, e.g. gdp[2020]", column: 4)),
        ("2 ^ 3", .syntax("unexpected '^'", column: 3)),
        ("gdp[20x]", .syntax("row 'gdp' needs a year in brackets, e.g. gdp[2020]", column: 5)),
    ])
    func syntaxErrorsNameTheColumn(_ formula: String, _ error: DerivationError) {
        #expect(throws: error) { try Expression.parse(formula) }
    }

    @Test func unknownRowsAndDivisionByZeroAreErrors() {
        #expect(throws: DerivationError.unknownRow(RowReference(path: ["gdp"], year: 2030))) { try value("gdp[2030] * 2") }
        #expect(throws: DerivationError.divisionByZero) { try value("1 / gdp[2019]") }
    }

    @Test func cyclesAreFoundOnceFromTheirSmallestRow() {
        let a = RowReference(path: ["a"], year: 2020)
        let b = RowReference(path: ["b"], year: 2020)
        let c = RowReference(path: ["c"], year: 2020)
        let d = RowReference(path: ["d"], year: 2020)
        #expect(Derivation.cycles([b: [c], c: [a], a: [b], d: [a]]) == [[a, b, c, a]])
        #expect(Derivation.cycles([a: [a]]) == [[a, a]])
        #expect(Derivation.cycles([a: [b], b: [c]]).isEmpty)
    }

    @Test func toleranceIsRelativeOrTheStoredDigits() {
        #expect(Derivation.agrees(stored: 1000, decimals: 0, computed: 1000.4))
        #expect(Derivation.agrees(stored: 0.9, decimals: 1, computed: 0.94))
        #expect(!Derivation.agrees(stored: 0.9, decimals: 2, computed: 0.94))
        #expect(Derivation.agrees(stored: 2047.7, decimals: 1, computed: 2047.69))
        #expect(!Derivation.agrees(stored: 8.68, decimals: 2, computed: 1.19))
    }

    @Test func opaqueSourceTitlesAreRecognised() {
        #expect(SourceReference.isOpaque(title: "dataset (GitHub id 50730195613)"))
        #expect(SourceReference.isOpaque(title: "find_string ids 67147625335, 67416844089"))
        #expect(SourceReference.isOpaque(title: "4043449a84be761a10e05b95a1b81d38a6be0a4a"))
        #expect(!SourceReference.isOpaque(title: "国家统计局《中国统计年鉴2021》"))
        #expect(!SourceReference.isOpaque(title: "CEADs (Shan et al.) provincial CO2 inventories 2015-2019"))
    }
}
