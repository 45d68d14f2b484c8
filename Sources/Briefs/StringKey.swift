/// The one place where a data id becomes a key of the string tables. Ids in the data and the XML are
/// `[a-z0-9-]` (`heavy-industry`, `individual-rationality`); keys are nested YAML names joined with `_`, so
/// sector `heavy-industry` is worded under `sector_heavy_industry`.
enum StringKey {
    /// What an id names; the raw value is the prefix of its keys.
    enum Kind: String {
        case sector, place, scenario, stream, check, rule, difficulty, verdict, corridor, lever, agreement, move, deal
        case verdictShort = "verdict_short"
    }

    /// The key of `id` as a `kind` (`for(.sector, id: "heavy-industry")` is `sector_heavy_industry`); `suffix`
    /// picks one of several wordings of the same id (`levers`, `title`, `above`, `below`).
    static func `for`(_ kind: Kind, id: String, suffix: String? = nil) -> String {
        let stem = kind.rawValue + "_" + String(id.map { $0 == "-" ? "_" : $0 })
        return suffix.map { stem + "_" + $0 } ?? stem
    }
}
