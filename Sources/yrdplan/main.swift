import YrdplanCLI

Yrdplan.runAndExit()
