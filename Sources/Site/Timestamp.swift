/// Times in the site's output come from data or `SOURCE_DATE_EPOCH`, never from the clock; this
/// turns them into RFC 3339 text without locale or time-zone surprises.
public enum Timestamp {
    /// `seconds` since 1970-01-01 UTC as `YYYY-MM-DDThh:mm:ssZ`.
    public static func rfc3339(epochSeconds seconds: Int64) -> String {
        let days = Int64((Double(seconds) / 86400).rounded(.down))
        let secondsOfDay = seconds - days * 86400
        let (y, m, d) = civilDate(daysSinceEpoch: days)
        return
            "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2))Z"
    }

    /// A date `YYYY-MM-DD` (from data) as midnight UTC in RFC 3339.
    public static func rfc3339(date: String) -> String { date + "T00:00:00Z" }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
    static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
