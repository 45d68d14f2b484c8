/// A set of players held as a bitmask: bit `i` set means player `i` belongs to the coalition.
/// Up to 64 players can be named this way; dense tables are limited to `CoalitionGame.exactPlayerLimit`.
public struct Coalition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The bitmask of members.
    public var mask: UInt64

    /// A coalition from its bitmask.
    public init(mask: UInt64) { self.mask = mask }

    /// A coalition from member indices.
    public init<S: Sequence>(_ members: S) where S.Element == Int {
        var m: UInt64 = 0
        for i in members { m |= 1 << UInt64(i) }
        mask = m
    }

    /// The empty coalition.
    public static let empty = Coalition(mask: 0)

    /// The coalition of all `count` players.
    public static func grand(_ count: Int) -> Coalition {
        Coalition(mask: count >= 64 ? .max : (UInt64(1) << UInt64(count)) - 1)
    }

    /// Whether player `i` is a member.
    public func contains(_ i: Int) -> Bool { mask & (1 << UInt64(i)) != 0 }

    /// Number of members.
    public var size: Int { mask.nonzeroBitCount }

    /// Member indices in increasing order.
    public var members: [Int] {
        var out: [Int] = []
        var m = mask
        while m != 0 {
            out.append(m.trailingZeroBitCount)
            m &= m - 1
        }
        return out
    }

    /// This coalition with player `i` added.
    public func adding(_ i: Int) -> Coalition { Coalition(mask: mask | (1 << UInt64(i))) }

    /// The players of the grand coalition of `count` players not in this one.
    public func complement(in count: Int) -> Coalition { Coalition(mask: Coalition.grand(count).mask & ~mask) }

    public static func < (a: Coalition, b: Coalition) -> Bool { a.mask < b.mask }

    /// `{0,2}` style, for messages that have no player names at hand.
    public var description: String { "{" + members.map(String.init).joined(separator: ",") + "}" }

    /// The coalition spelled with player names, `{shanghai, anhui}`.
    public func named(_ players: [String]) -> String {
        "{" + members.map { $0 < players.count ? players[$0] : "#\($0)" }.joined(separator: ", ") + "}"
    }
}
