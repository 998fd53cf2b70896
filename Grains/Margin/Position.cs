using Trading.Grains.Symbols;

namespace Trading.Grains.Margin;

/// <summary>
/// One-way position of one account on one perpetual symbol. Quantity is signed (long &gt; 0, short &lt; 0);
/// the entry notional is kept exactly as an integer sum of fill notionals, so the average entry price is a
/// derived, display-only value. Mutated only by <see cref="Account"/>.
/// </summary>
public sealed class Position
{
    internal Position(SymbolSpec spec, int leverage, PositionMode mode, long timeMs)
    {
        Spec = spec;
        Leverage = leverage;
        Mode = mode;
        CreateTimeMs = timeMs;
        UpdateTimeMs = timeMs;
    }

    /// <summary>Trading rules of the symbol.</summary>
    public SymbolSpec Spec { get; internal set; }
    /// <summary>Symbol name.</summary>
    public string Symbol => Spec.Symbol;
    /// <summary>Isolated or cross.</summary>
    public PositionMode Mode { get; internal set; }
    /// <summary>Leverage setting (kept while flat).</summary>
    public int Leverage { get; internal set; }
    /// <summary>Signed quantity in lots: long &gt; 0, short &lt; 0.</summary>
    public long SignedQuantity { get; internal set; }
    /// <summary>Exact sum of the entry notionals of the open quantity, in money units (&gt;= 0).</summary>
    public long EntryNotional { get; internal set; }
    /// <summary>Margin allocated to an isolated position (0 for cross).</summary>
    public long IsolatedMargin { get; internal set; }
    /// <summary>Realized PnL accumulated on this symbol (fees excluded).</summary>
    public long RealizedPnl { get; internal set; }
    /// <summary>Last mark price in ticks; 0 while unknown.</summary>
    public long MarkPriceTicks { get; internal set; }
    /// <summary>Flat, open or liquidating.</summary>
    public PositionStatus Status { get; internal set; }
    /// <summary>Time the current position was opened from flat.</summary>
    public long CreateTimeMs { get; internal set; }
    /// <summary>Time of the last change.</summary>
    public long UpdateTimeMs { get; internal set; }

    /// <summary>Absolute quantity in lots.</summary>
    public long Quantity => Math.Abs(SignedQuantity);

    /// <summary>Long, short or flat.</summary>
    public PositionSide Side => SignedQuantity > 0 ? PositionSide.Long : SignedQuantity < 0 ? PositionSide.Short : PositionSide.Flat;

    /// <summary>The order side that reduces this position (Sell for a long, Buy for a short); null when flat.</summary>
    public TradeSide? ClosingSide => SignedQuantity > 0 ? TradeSide.Sell : SignedQuantity < 0 ? TradeSide.Buy : null;

    /// <summary>Average entry price in ticks, rounded half away from zero: display only, never used in the math.</summary>
    public long AverageEntryPriceTicks => SignedQuantity == 0
        ? 0
        : IntMath.ToLong(IntMath.RoundHalfAwayDiv(EntryNotional, (Int128)Quantity * Spec.NotionalMultiplier));

    /// <summary>Notional used for risk: at the mark price when known, else the entry notional.</summary>
    public long RiskNotional => MarkPriceTicks > 0 ? Spec.Notional(MarkPriceTicks, Quantity) : EntryNotional;

    /// <summary>Unrealized PnL at the mark price (0 while the mark is unknown): exact.</summary>
    public long UnrealizedPnl => UnrealizedPnlAt(MarkPriceTicks);

    /// <summary>Unrealized PnL at a price in ticks (0 for price 0).</summary>
    public long UnrealizedPnlAt(long priceTicks)
    {
        if (SignedQuantity == 0 || priceTicks <= 0) return 0;
        var value = Spec.Notional(priceTicks, Quantity);
        return SignedQuantity > 0 ? value - EntryNotional : EntryNotional - value;
    }

    /// <summary>Maintenance margin at the risk notional: ceil(notional * rate) - cum.</summary>
    public long MaintenanceMargin => MarginCalculator.MaintenanceMargin(Spec, RiskNotional);

    /// <summary>Initial margin of the position at its leverage (isolated: the allocated margin).</summary>
    public long InitialMargin => Mode == PositionMode.Isolated ? IsolatedMargin : MarginCalculator.InitialMargin(RiskNotional, Leverage);

    /// <summary>
    /// Applies a fill to the position: the part against the position closes (realizing PnL and releasing
    /// isolated margin proportionally), the rest opens at the fill price. Returns what moved.
    /// </summary>
    internal FillEffect ApplyFill(TradeSide side, long priceTicks, long qtyLots, long timeMs)
    {
        var effect = new FillEffect();
        var remaining = qtyLots;
        var sign = side.Sign();
        if (SignedQuantity != 0 && Math.Sign(SignedQuantity) != sign)
        {
            var held = Quantity;
            var close = Math.Min(remaining, held);
            // Entry notional leaving the position: rounded against the trader (a long's cost up, a short's proceeds down);
            // the last close takes exactly what is left, so a full round trip is exact.
            long entryPortion;
            if (close == held) entryPortion = EntryNotional;
            else if (SignedQuantity > 0) entryPortion = IntMath.ToLong(IntMath.CeilDiv((Int128)EntryNotional * close, held));
            else entryPortion = IntMath.ToLong(IntMath.FloorDiv((Int128)EntryNotional * close, held));
            var exit = Spec.Notional(priceTicks, close);
            var pnl = SignedQuantity > 0 ? exit - entryPortion : entryPortion - exit;
            // Isolated margin released proportionally, rounded down (the rest stays allocated); all of it on a full close.
            var release = close == held ? IsolatedMargin : IntMath.ToLong(IntMath.FloorDiv((Int128)IsolatedMargin * close, held));
            EntryNotional -= entryPortion;
            IsolatedMargin -= release;
            SignedQuantity += sign * close;
            RealizedPnl += pnl;
            effect.ClosedQty = close;
            effect.RealizedPnl = pnl;
            effect.MarginReleased = release;
            remaining -= close;
            if (SignedQuantity == 0)
            {
                EntryNotional = 0;
                Status = PositionStatus.Flat;
                effect.Flattened = true;
            }
        }
        if (remaining > 0)
        {
            if (SignedQuantity == 0)
            {
                CreateTimeMs = timeMs;
                Status = PositionStatus.Open;
                effect.Flipped = effect.ClosedQty > 0;
            }
            var notional = Spec.Notional(priceTicks, remaining);
            EntryNotional = checked(EntryNotional + notional);
            SignedQuantity = checked(SignedQuantity + sign * remaining);
            if (Mode == PositionMode.Isolated)
            {
                var posted = MarginCalculator.InitialMargin(notional, Leverage);
                IsolatedMargin = checked(IsolatedMargin + posted);
                effect.MarginPosted = posted;
            }
            effect.OpenedQty = remaining;
        }
        UpdateTimeMs = timeMs;
        return effect;
    }
}

/// <summary>What one fill did to a position.</summary>
internal struct FillEffect
{
    public long ClosedQty;
    public long OpenedQty;
    public long RealizedPnl;
    public long MarginReleased;
    public long MarginPosted;
    public bool Flattened;
    public bool Flipped;
}
