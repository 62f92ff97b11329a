import Foundation

/// Locale-free, deterministic number formatting for reports.
///
/// Every number a report prints goes through here, so the same `Double` always prints the same way
/// whatever the machine's locale (decimal point `.`, thousands separator `,`, ASCII minus).
public enum NumberFormat {
    /// `value` with exactly `decimals` digits after the point, rounded half away from zero.
    /// NaN prints as `n/a`; infinities as `inf` / `-inf`.
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf") }
        let places = max(0, min(decimals, 12))
        let scale = pow(10.0, Double(places))
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e15 else { return String(format: "%.\(places)f", value) }
        var digits = String(UInt64(scaled))
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places + 1 - digits.count) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return (value < 0 && scaled != 0 ? "-" : "") + digits
    }

    /// A Pearson r, Spearman rho, R² or similar statistic: 3 decimals.
    public static func r(_ value: Double) -> String { fixed(value, 3) }

    /// A difference or interval bound: 3 decimals, or as many as needed (up to 6) so that a nonzero value
    /// never prints as `0.000` (an interval printed as "0.000 to 0.010" must not hide which side of zero it is on).
    public static func bound(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return r(value) }
        var decimals = 3
        while decimals < 6 && (abs(value) * pow(10, Double(decimals))).rounded(.toNearestOrAwayFromZero) == 0 { decimals += 1 }
        return fixed(value, decimals)
    }

    /// A plotted value for a hover title: whole numbers as they are, others with 1 decimal from 100 up, else 4.
    public static func exact(_ value: Double) -> String {
        if value.isFinite && value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return fixed(value, abs(value) >= 100 ? 1 : 4)
    }

    /// A p-value: 3 decimals, `< 0.001` below that.
    public static func pValue(_ value: Double) -> String {
        value.isFinite && value < 0.0005 ? "< 0.001" : fixed(value, 3)
    }

    /// An integer with `,` thousands separators, e.g. `18,644`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A fraction as a percentage with `decimals` digits, e.g. 0.7425 → `74.3%`.
    public static func percent(_ fraction: Double, _ decimals: Int = 1) -> String {
        fixed(fraction * 100, decimals) + "%"
    }

    /// Seconds with one decimal and a unit, e.g. `152.7 s`.
    public static func seconds(_ value: Double) -> String { fixed(value, 1) + " s" }
}
