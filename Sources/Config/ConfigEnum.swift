/// A string-valued config option with a fixed set of values, e.g. `enum JoinKind: String, ConfigEnum
/// { case left, inner }`. An invalid value is reported with the nearest valid one and the full list:
/// "invalid value `lft` for `how` — did you mean `left`? (expected one of: left, inner)".
public protocol ConfigEnum: CaseIterable, RawRepresentable, Decodable, Sendable where RawValue == String {}

extension ConfigEnum {
    /// The valid spellings, in declaration order.
    public static var configValues: [String] { allCases.map(\.rawValue) }
}
