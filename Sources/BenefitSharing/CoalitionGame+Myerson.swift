// MARK: - Myerson value: the Shapley value when only linked players can cooperate

extension CoalitionGame {
    /// The graph-restricted game `v^g(S) = Σ v(C)` over the connected components `C` of `S` in `graph`
    /// (Myerson 1977): a coalition whose members cannot all reach each other is worth only what its
    /// connected pieces are worth apart.
    public func restricted(to graph: CommunicationGraph) -> CoalitionGame {
        precondition(graph.playerCount == playerCount, "the graph and the game must have the same players")
        var restricted = [Double](repeating: 0, count: values.count)
        for mask in 1..<values.count {
            // Split off the component of the lowest member; the rest is a smaller mask, already done.
            let piece = graph.component(of: mask.trailingZeroBitCount, within: Coalition(mask: UInt64(mask)))
            let rest = mask & ~Int(piece.mask)
            restricted[mask] = values[Int(piece.mask)] + restricted[rest]
        }
        // Sums of finite table entries over a table of the same size.
        return try! CoalitionGame(playerCount: playerCount, values: restricted)
    }

    /// The Myerson value: the Shapley value of the graph-restricted game. On the complete graph it is
    /// the Shapley value; on a graph without links every player gets its stand-alone worth `v({i})`.
    public func myersonValue(graph: CommunicationGraph) -> [Double] {
        restricted(to: graph).shapleyValue()
    }
}
