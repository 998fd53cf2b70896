namespace Trading.Grains.Matching;

public sealed partial class OrderBook
{
    /// <summary>
    /// Supplies a mark price (from market data). Conditional orders with <see cref="WorkingType.MarkPrice"/> whose
    /// condition now holds trigger, in <see cref="StopOrderBook"/> order; their trades may trigger last-price
    /// orders in turn. The mark price also becomes the price-band reference.
    /// </summary>
    public void SetMarkPrice<TSink>(long price, long timestamp, ref TSink sink) where TSink : struct, IMatchEventSink
    {
        now = timestamp;
        if (price <= 0)
        {
            EmitCommandReject(ref sink, BookCommandKind.SetMarkPrice, 0, 0, 0, price, 0, RejectReason.InvalidPrice);
            return;
        }
        markPrice = price;
        if (stops.MarkCount == 0) return;
        stops.CollectTriggered(WorkingType.MarkPrice, price, price, triggerQueue);
        RunTriggered(BookCommandKind.SetMarkPrice, ref sink);
    }

    /// <summary>Called after a command traded: resets the trade range and triggers last-price stops. Events of triggered orders carry the command that caused the trigger.</summary>
    private void AfterTrades<TSink>(BookCommandKind command, ref TSink sink) where TSink : struct, IMatchEventSink
    {
        if (stops.Count == 0)
        {
            tradeLow = long.MaxValue;
            tradeHigh = long.MinValue;
            return;
        }
        RunTriggered(command, ref sink);
    }

    /// <summary>
    /// Drains triggered orders one at a time: each enters matching in the order it triggered, and the trades it
    /// causes are checked against the waiting orders before the next one runs (a deterministic cascade).
    /// </summary>
    private void RunTriggered<TSink>(BookCommandKind command, ref TSink sink) where TSink : struct, IMatchEventSink
    {
        while (true)
        {
            if (tradeHigh != long.MinValue)
            {
                var low = tradeLow;
                var high = tradeHigh;
                tradeLow = long.MaxValue;
                tradeHigh = long.MinValue;
                if (stops.Count != 0) stops.CollectTriggered(WorkingType.LastPrice, low, high, triggerQueue);
            }
            if (triggerQueue.IsEmpty) return;
            var slot = triggerQueue.Dequeue();
            ref var o = ref pool.Entries[slot];
            o.Flags = (o.Flags & ~OrderFlags.PendingStop) | OrderFlags.Triggered;
            EmitOrder(ref sink, MatchEventKind.Triggered, command, in o, o.LiveStatus, RejectReason.None);
            Execute(slot, command, ref sink);
        }
    }
}
