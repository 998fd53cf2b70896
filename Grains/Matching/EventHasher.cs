namespace Trading.Grains.Matching;

/// <summary>
/// Deterministic FNV-1a hash over every field of every event, for determinism and restore-equality tests.
/// Also counts events and trades.
/// </summary>
public struct EventHasher : IMatchEventSink
{
    private const ulong Offset = 0xCBF29CE484222325;
    private const ulong Prime = 0x100000001B3;
    private ulong hash;

    /// <summary>Number of events seen.</summary>
    public long Events;
    /// <summary>Number of trade events seen.</summary>
    public long Trades;

    /// <summary>The hash so far (the FNV offset basis before any event).</summary>
    public readonly ulong Hash => Events == 0 ? Offset : hash;

    public void OnEvent(in MatchEvent e)
    {
        if (Events == 0) hash = Offset;
        Events++;
        if (e.Kind == MatchEventKind.Trade) Trades++;
        var h = hash;
        h = Mix(h, e.Sequence); h = Mix(h, e.Timestamp);
        h = Mix(h, (long)e.Kind | (long)e.Command << 8 | (long)e.Reason << 16 | (long)e.Side << 24 | (long)e.Type << 32
                  | (long)e.TimeInForce << 40 | (long)e.Status << 48 | (long)e.MakerStatus << 56);
        h = Mix(h, e.OrderId); h = Mix(h, e.UserId); h = Mix(h, e.ClientOrderId);
        h = Mix(h, e.Price); h = Mix(h, e.Quantity); h = Mix(h, e.FilledQuantity); h = Mix(h, e.StopPrice);
        h = Mix(h, (e.ReduceOnly ? 1L : 0) | (long)e.PositionAction << 8 | (e.Liquidation ? 1L << 16 : 0)
                  | (e.PriorityKept ? 1L << 24 : 0) | (e.MakerReduceOnly ? 1L << 32 : 0) | (long)e.MakerPositionAction << 40);
        h = Mix(h, e.TradeSequence); h = Mix(h, e.MakerOrderId); h = Mix(h, e.MakerUserId);
        h = Mix(h, e.MakerClientOrderId); h = Mix(h, e.MakerFilledQuantity);
        h = Mix(h, e.Notional); h = Mix(h, e.MakerFee); h = Mix(h, e.TakerFee);
        hash = h;
    }

    private static ulong Mix(ulong h, long word) => (h ^ (ulong)word) * Prime;
}
