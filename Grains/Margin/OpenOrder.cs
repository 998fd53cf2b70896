using Trading.Grains.Symbols;

namespace Trading.Grains.Margin;

/// <summary>
/// What the account holds for one working order: a money reservation (initial margin + taker fee for the part
/// that opens, or the spot asset it spends) and a position lock (the part that reduces the position). The
/// reserved amount is always recomputed from the remaining quantities, never decremented by proportion, so
/// it falls monotonically and is exactly zero once the order is done. While the order is in a
/// <see cref="WorkingOrders"/> collection, every change of its opening quantity, lock or reservation is reported to
/// it, so the collection's sums stay exact whoever changes the order.
/// </summary>
internal sealed class OpenOrder
{
    private long _openingQty;
    private long _lockedQty;

    public required long OrderId { get; init; }
    public required SymbolSpec Spec { get; init; }
    public required TradeSide Side { get; init; }
    public required OrderIntent Intent { get; init; }
    /// <summary>Price bounding the order's notional from above (limit price, or the protection bound of a market order).</summary>
    public required long WorstPriceTicks { get; init; }
    public required long RemainingQty { get; set; }

    /// <summary>Remaining quantity that opens (or increases) a position and so needs initial margin.</summary>
    public long OpeningQty
    {
        get => _openingQty;
        set
        {
            var before = _openingQty;
            _openingQty = value;
            Owner?.OpeningChanged(this, before);
        }
    }

    /// <summary>Remaining quantity locked on the position (reducing part).</summary>
    public long LockedQty
    {
        get => _lockedQty;
        set
        {
            var before = _lockedQty;
            _lockedQty = value;
            Owner?.LockedChanged(this, before);
        }
    }

    /// <summary>Order of lock creation; newest locks are trimmed first.</summary>
    public long LockSequence { get; set; }
    /// <summary>Leverage the margin part is computed at (updated when the symbol's leverage changes).</summary>
    public int Leverage { get; set; }
    public bool IsLiquidation { get; init; }
    public long CreateTimeMs { get; init; }
    /// <summary>Asset the reservation is held in (quote for perpetuals and spot buys, base for spot sells).</summary>
    public string ReservedAsset => Spec.Kind == ContractKind.Spot && Side == TradeSide.Sell ? Spec.BaseAsset : Spec.QuoteAsset;
    /// <summary>Currently reserved amount in money units of <see cref="ReservedAsset"/>.</summary>
    public long ReservedAmount { get; private set; }

    /// <summary>The collection the order is working in, told of every change to what it sums; null while the order is not working.</summary>
    internal WorkingOrders? Owner { get; set; }

    /// <summary>Recomputes the reservation from the remaining quantities; returns how much was released (&gt;= 0 when quantities shrink).</summary>
    public long Recompute()
    {
        var before = ReservedAmount;
        ReservedAmount = OrderReservation.Compute(Spec, Side, Intent, IsLiquidation, WorstPriceTicks, RemainingQty, OpeningQty, Leverage);
        Owner?.ReservedChanged(this, before);
        return before - ReservedAmount;
    }

    /// <summary>Sets the amount without recomputation (restore).</summary>
    public void RestoreAmount(long amount)
    {
        var before = ReservedAmount;
        ReservedAmount = amount;
        Owner?.ReservedChanged(this, before);
    }
}
