/// Locale-independent number formatting, so that output never depends on the machine it runs on.
public enum NumberFormat {
    /// `value` rounded half away from zero to `decimals` places, e.g. `fixed(185.04, 1)` → `185.0`; `grouped`
    /// puts a comma between thousands (`fixed(12830, 0, grouped: true)` → `12,830`).
    public static func fixed(_ value: Double, _ decimals: Int, grouped: Bool = false) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let negative = value < 0 && scaled > 0
        let whole = Int(scaled / scale)
        var text = grouped ? thousands(whole) : String(whole)
        if decimals > 0 {
            let fraction = Int(scaled - Double(whole) * scale)
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
        }
        return negative ? "−" + text : text
    }

    /// A share (0…1) as a percentage with one decimal, e.g. `0.322` → `32.2%`.
    public static func percent(_ share: Double, _ decimals: Int = 1) -> String {
        fixed(share * 100, decimals) + "%"
    }

    /// A plain machine-readable number (for `<data value>` and XML attributes): up to 6 decimals, no trailing zeros.
    public static func machine(_ value: Double) -> String {
        var text = fixed(value, 6).replacingMinus()
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// Decimals suited to a magnitude: 0 above 100, 1 above 10, else 2; thousands separated by commas.
    public static func display(_ value: Double) -> String {
        let magnitude = abs(value)
        return fixed(value, magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2, grouped: true)
    }

    /// Digits of `whole` with a comma between thousands.
    static func thousands(_ whole: Int) -> String {
        let digits = Array(String(whole))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}

extension String {
    fileprivate func replacingMinus() -> String {
        hasPrefix("−") ? "-" + String(dropFirst()) : self
    }
}
