import Testing
import YrdplanTestSupport

@Suite struct HelpTests {
    @Test func usageErrorsExitWithTwo() throws {
        let result = try BinaryRunner.run(["--no-such-flag"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-flag"))
    }

    @Test func helpExitsWithZero() throws {
        let result = try BinaryRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Yangtze River Delta"))
    }
}
