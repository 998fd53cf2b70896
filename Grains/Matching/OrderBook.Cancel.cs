namespace Trading.Grains.Matching;

public sealed partial class OrderBook
{
    /// <summary>
    /// Cancels one open order (resting or untriggered) by id, or by (user, client order id) when the id is 0.
    /// Emits Canceled, or Rejected with <see cref="RejectReason.UnknownOrder"/> / <see cref="RejectReason.NotOwner"/>.
    /// </summary>
    public bool Cancel<TSink>(in CancelOrder cmd, ref TSink sink) where TSink : struct, IMatchEventSink
    {
        now = cmd.Timestamp;
        int slot;
        if (cmd.OrderId > 0)
        {
            slot = ids.Find(cmd.OrderId);
            if (slot >= 0 && !cmd.Administrative && pool.Entries[slot].UserId != cmd.UserId)
            {
                EmitCommandReject(ref sink, BookCommandKind.Cancel, cmd.OrderId, cmd.UserId, cmd.ClientOrderId, 0, 0, RejectReason.NotOwner);
                return false;
            }
        }
        else slot = cmd.ClientOrderId != 0 ? clientIds.Find(cmd.UserId, cmd.ClientOrderId) : -1;
        if (slot < 0)
        {
            EmitCommandReject(ref sink, BookCommandKind.Cancel, cmd.OrderId, cmd.UserId, cmd.ClientOrderId, 0, 0, RejectReason.UnknownOrder);
            return false;
        }
        CancelSlot(slot, BookCommandKind.Cancel, RejectReason.CanceledByUser, ref sink);
        return true;
    }

    /// <summary>
    /// Cancels every open order of a user on this book: resting bids best level first in queue order, then asks,
    /// then untriggered orders in trigger order. Returns how many were cancelled. Walks the whole book (rare command).
    /// </summary>
    public int CancelAll<TSink>(long userId, long timestamp, ref TSink sink) where TSink : struct, IMatchEventSink
    {
        now = timestamp;
        scratch.Clear();
        var entries = pool.Entries;
        var levels = levelPool.Levels;
        foreach (var side in (ReadOnlySpan<BookSide>)[bids, asks])
            for (var rank = 0; rank < side.Count; rank++)
                for (var m = levels[side.LevelAtRank(rank)].Head; m >= 0; m = entries[m].Next)
                    if (entries[m].UserId == userId) scratch.Add(m);
        if (stops.Count != 0) stops.CollectUser(userId, entries, scratch);
        foreach (var slot in scratch) CancelSlot(slot, BookCommandKind.CancelAll, RejectReason.CanceledByCancelAll, ref sink);
        return scratch.Count;
    }

    private void CancelSlot<TSink>(int slot, BookCommandKind command, RejectReason reason, ref TSink sink)
        where TSink : struct, IMatchEventSink
    {
        ref var o = ref pool.Entries[slot];
        if ((o.Flags & OrderFlags.PendingStop) != 0) stops.Remove(in o, slot);
        else Unlink(slot);
        EmitOrder(ref sink, MatchEventKind.Canceled, command, in o, OrderStatus.Canceled, reason);
        Finish(slot);
    }

    /// <summary>
    /// Amends a resting order (see <see cref="AmendOrder"/> for the priority rules). Emits Amended (then trades /
    /// expiry when a new price crosses), Canceled when the new quantity is at or below the filled quantity, or
    /// Rejected. Returns true when the amendment was applied.
    /// </summary>
    public bool Amend<TSink>(in AmendOrder cmd, ref TSink sink) where TSink : struct, IMatchEventSink
    {
        now = cmd.Timestamp;
        var slot = cmd.OrderId > 0 ? ids.Find(cmd.OrderId) : -1;
        var reason = RejectReason.None;
        if (slot < 0) reason = RejectReason.UnknownOrder;
        else
        {
            ref var cur = ref pool.Entries[slot];
            var newPrice = cmd.NewPrice == 0 ? cur.Price : cmd.NewPrice;
            var newQty = cmd.NewQuantity == 0 ? cur.Quantity : cmd.NewQuantity;
            if (cur.UserId != cmd.UserId) reason = RejectReason.NotOwner;
            else if ((cur.Flags & OrderFlags.PendingStop) != 0) reason = RejectReason.OrderNotAmendable;
            else if (newQty < 0) reason = RejectReason.InvalidQuantity;
            else if (newQty > maxQty) reason = RejectReason.AboveMaxQuantity;
            else if (newQty > cur.Filled && newQty < minQty) reason = RejectReason.BelowMinQuantity;
            else if (newPrice <= 0) reason = RejectReason.InvalidPrice;
            else if ((Int128)newPrice * newQty * notionalMultiplier > long.MaxValue) reason = RejectReason.NotionalTooLarge;
            else if (newPrice != cur.Price && priceBandPpm != 0 && !InBand(newPrice)) reason = RejectReason.PriceOutOfBand;
            else if (newQty > cur.Filled && minNotional != 0 && (cur.Flags & OrderFlags.ReduceOnly) == 0
                     && (Int128)newPrice * newQty * notionalMultiplier < minNotional) reason = RejectReason.BelowMinNotional;
            if (reason == RejectReason.None)
            {
                ApplyAmend(slot, newPrice, newQty, ref sink);
                return true;
            }
        }
        EmitCommandReject(ref sink, BookCommandKind.Amend, cmd.OrderId, cmd.UserId, 0, cmd.NewPrice, cmd.NewQuantity, reason);
        return false;
    }

    private void ApplyAmend<TSink>(int slot, long newPrice, long newQty, ref TSink sink) where TSink : struct, IMatchEventSink
    {
        ref var o = ref pool.Entries[slot];
        if (newQty <= o.Filled)
        {
            CancelSlot(slot, BookCommandKind.Amend, RejectReason.AmendBelowFilled, ref sink);
            return;
        }
        if (newPrice == o.Price && newQty <= o.Quantity)
        {
            levelPool.Levels[o.Level].TotalQuantity -= o.Quantity - newQty;
            o.Quantity = newQty;
            EmitOrder(ref sink, MatchEventKind.Amended, BookCommandKind.Amend, in o, o.LiveStatus, RejectReason.None, priorityKept: true);
            return;
        }
        Unlink(slot);
        o.Price = newPrice;
        o.Quantity = newQty;
        EmitOrder(ref sink, MatchEventKind.Amended, BookCommandKind.Amend, in o, o.LiveStatus, RejectReason.None, priorityKept: false);
        Execute(slot, BookCommandKind.Amend, ref sink);
        if (tradeHigh != long.MinValue) AfterTrades(BookCommandKind.Amend, ref sink);
    }
}
