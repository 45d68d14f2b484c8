// Property tests draw their games, networks and LPs from the project's one seeded generator, SplitMix64
// (target SeededRandom); importing YrdplanTestSupport is enough to use it.
@_exported import SeededRandom
