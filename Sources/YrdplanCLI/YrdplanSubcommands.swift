import ArgumentParser

/// Every subcommand of `yrdplan`, in the order `--help` lists them.
enum YrdplanSubcommands {
    static let all: [ParsableCommand.Type] = [
        GameCommand.self,
        CheckCommand.self,
    ]
}
