using Trading.Runtime.Messaging;

namespace Trading.Grains.Margin.Codecs;

/// <summary>
/// Binary layout of <see cref="AccountSnapshot"/>, the account inside every Position grain checkpoint: the account's own
/// counters, then its balances, positions, held orders, reservations and locks, each list in the snapshot's order (which
/// is already deterministic). Lists read back as arrays.
/// </summary>
public sealed partial class AccountSnapshotCodec : MessageCodec<AccountSnapshot>
{
    public static AccountSnapshotCodec Instance { get; } = new();

    private AccountSnapshotCodec() { }

    protected override void WriteBody(MessageWriter w, AccountSnapshot a)
    {
        w.WriteInt64(a.UserId);
        w.WriteInt64(a.UpdateTime);
        w.WriteInt64(a.LockSequence);
        w.WriteInt64(a.LiquidationSequence);
        WriteBalances(w, a.Balances);
        WritePositions(w, a.Positions);
        WriteOrders(w, a.Orders);
        WriteReservations(w, a.Reservations);
        WriteLocks(w, a.Locks);
    }

    protected override AccountSnapshot ReadBody(ref MessageReader r) => new()
    {
        UserId = r.ReadInt64(),
        UpdateTime = r.ReadInt64(),
        LockSequence = r.ReadInt64(),
        LiquidationSequence = r.ReadInt64(),
        Balances = ReadBalances(ref r)!,
        Positions = ReadPositions(ref r)!,
        Orders = ReadOrders(ref r)!,
        Reservations = ReadReservations(ref r)!,
        Locks = ReadLocks(ref r)!,
    };

    private static void WriteBalances(MessageWriter w, IReadOnlyList<BalanceSnapshot>? balances)
    {
        if (!WriteCount(w, balances)) return;
        for (var i = 0; i < balances!.Count; i++)
        {
            var b = balances[i];
            w.WriteString(b.Asset);
            w.WriteInt64(b.WalletBalance);
            w.WriteInt64(b.AvailableBalance);
            w.WriteInt64(b.ReservedForOrders);
            w.WriteInt64(b.IsolatedMargin);
            w.WriteInt64(b.FeesPaid);
            w.WriteInt64(b.InsuranceFundCovered);
        }
    }

    private static BalanceSnapshot[]? ReadBalances(ref MessageReader r)
    {
        var count = r.ReadLength();
        if (count <= 0) return count < 0 ? null : [];
        var balances = new BalanceSnapshot[count];
        for (var i = 0; i < balances.Length; i++)
            balances[i] = new BalanceSnapshot(r.ReadString()!, r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        return balances;
    }

    private static void WriteReservations(MessageWriter w, IReadOnlyList<OrderReservation>? reservations)
    {
        if (!WriteCount(w, reservations)) return;
        for (var i = 0; i < reservations!.Count; i++)
        {
            var o = reservations[i];
            w.WriteInt64(o.OrderId);
            w.WriteString(o.Symbol);
            w.WriteString(o.Asset);
            w.WriteInt64(o.Amount);
            w.WriteInt64(o.RemainingQty);
            w.WriteInt64(o.OpeningQty);
        }
    }

    private static OrderReservation[]? ReadReservations(ref MessageReader r)
    {
        var count = r.ReadLength();
        if (count <= 0) return count < 0 ? null : [];
        var reservations = new OrderReservation[count];
        for (var i = 0; i < reservations.Length; i++)
            reservations[i] = new OrderReservation(r.ReadInt64(), r.ReadString()!, r.ReadString()!, r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        return reservations;
    }

    private static void WriteLocks(MessageWriter w, IReadOnlyList<PositionLock>? locks)
    {
        if (!WriteCount(w, locks)) return;
        for (var i = 0; i < locks!.Count; i++)
        {
            var l = locks[i];
            w.WriteInt64(l.OrderId);
            w.WriteString(l.Symbol);
            w.WriteEnum(l.Side);
            w.WriteInt64(l.LockedQty);
            w.WriteInt64(l.Sequence);
        }
    }

    private static PositionLock[]? ReadLocks(ref MessageReader r)
    {
        var count = r.ReadLength();
        if (count <= 0) return count < 0 ? null : [];
        var locks = new PositionLock[count];
        for (var i = 0; i < locks.Length; i++)
            locks[i] = new PositionLock(r.ReadInt64(), r.ReadString()!, r.ReadEnum<TradeSide>(), r.ReadInt64(), r.ReadInt64());
        return locks;
    }

    /// <summary>Writes the count (-1 for null); false when there is nothing to write after it.</summary>
    private static bool WriteCount<T>(MessageWriter w, IReadOnlyList<T>? items)
    {
        w.WriteLength(items?.Count ?? -1);
        return items is { Count: > 0 };
    }
}
