import ArgumentParser

/// Every subcommand of `yrdplan`, in the order `--help` lists them.
enum YrdplanSubcommands {
    static let all: [ParsableCommand.Type] = [
        ValidateCommand.self,
        EmissionsCommand.self,
        ProjectCommand.self,
        BacktestCommand.self,
        DispatchCommand.self,
        GameCommand.self,
        CheckCommand.self,
        PublishCommand.self,
        StudyCommand.self,
    ]
}
