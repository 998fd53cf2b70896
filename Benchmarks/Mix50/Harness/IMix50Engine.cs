namespace Trading.Benchmarks.Mix50;

/// <summary>
/// A matching engine under the mix50 benchmark. Implement it as a <c>struct</c> (usually a thin
/// wrapper holding the engine object in a field): the harness is generic over
/// <c>TEngine : struct, IMix50Engine</c>, so the JIT specialises it per engine and every call is
/// direct (and inlinable), with no interface dispatch in the timed loops.
/// </summary>
public interface IMix50Engine
{
    /// <summary>Discards all state and starts an empty single-symbol book (a "fresh engine").</summary>
    void Reset();

    /// <summary>
    /// Executes one command. Build the engine's own order/command objects here (this is timed).
    /// Report every trade to <paramref name="listener"/> in execution order with the taker's id,
    /// the maker's id, the maker's price and the traded quantity. Semantics: Limit = GTC (match,
    /// then rest the remainder at the back of its level); Ioc = match up to its price, discard the
    /// remainder; Market = match without price limit, discard the remainder; Cancel = remove the
    /// resting order with that id. Self-trade prevention is off.
    /// </summary>
    void Apply<TListener>(in Mix50Command command, ref TListener listener)
        where TListener : struct, IMix50TradeListener;

    /// <summary>Orders currently resting in the book.</summary>
    long RestingOrders { get; }

    /// <summary>The <see cref="Mix50.RestingChecksum"/> of the current book (untimed).</summary>
    ulong ComputeRestingChecksum();
}
