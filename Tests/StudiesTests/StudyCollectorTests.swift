import Foundation
import Studies
import Testing

/// Collected tables print numbers with fixed decimals and parse Slurm's job records.
@Suite struct StudyCollectorTests {
    @Test func cellsHaveFixedDecimalsAndNoNegativeZero() {
        #expect(TableCell.number(-0.0001, decimals: 2).formatted == "0.00")
        #expect(TableCell.number(1234.5678, decimals: 1).formatted == "1234.6")
        #expect(TableCell.number(3e11, decimals: 0).formatted == "300000000000")
        #expect(TableCell.number(.nan, decimals: 2).formatted == "")
        let table = CollectedTable(name: "t", columns: ["a", "b"], rows: [[.text("x, y"), .integer(2030)]])
        #expect(table.csv() == "a,b\n\"x, y\",2030\n")
    }

    @Test func scontrolRecordsGiveEachTaskItsState() {
        let text = """
            JobId=7 ArrayJobId=5 ArrayTaskId=2 JobName=yrdplan-t
               UserId=root(0) GroupId=root(0)
               JobState=CANCELLED Reason=None Dependency=(null)

            JobId=6 ArrayJobId=5 ArrayTaskId=1 JobName=yrdplan-t
               JobState=FAILED Reason=NonZeroExitCode

            JobId=5 ArrayJobId=5 ArrayTaskId=0 JobName=yrdplan-t
               JobState=COMPLETED Reason=None
            """
        #expect(SlurmExecutor.parseTaskStates(text) == [0: "COMPLETED", 1: "FAILED", 2: "CANCELLED"])
    }
}
