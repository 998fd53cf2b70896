namespace Trading.Grains.Margin;

public sealed partial class Account
{
    /// <summary>
    /// Cross wallet balance of an asset: wallet less the margin allocated to isolated positions.
    /// </summary>
    public long CrossWalletBalance(string asset) => WalletBalance(asset) - IsolatedMargins(asset);

    /// <summary>Margin balance backing a position: isolated margin + its unrealized PnL, or for cross the cross wallet + all cross unrealized PnL.</summary>
    public long MarginBalance(string symbol)
    {
        var p = _positions[symbol];
        if (p.Mode == PositionMode.Isolated) return p.IsolatedMargin + p.UnrealizedPnl;
        var asset = p.Spec.QuoteAsset;
        long pnl = 0;
        foreach (var x in _positions.Values)
            if (IsCrossPositionOf(x, asset)) pnl += x.UnrealizedPnl;
        return CrossWalletBalance(asset) + pnl;
    }

    /// <summary>Maintenance margin set against <see cref="MarginBalance"/>: the position's own, or the sum over cross positions.</summary>
    public long MaintenanceMargin(string symbol)
    {
        var p = _positions[symbol];
        if (p.Mode == PositionMode.Isolated) return p.MaintenanceMargin;
        var asset = p.Spec.QuoteAsset;
        long maintenance = 0;
        foreach (var x in _positions.Values)
            if (IsCrossPositionOf(x, asset)) maintenance += x.MaintenanceMargin;
        return maintenance;
    }

    /// <summary>Risk ratio in ppm (maintenance / margin balance, rounded up); 0 for a flat position.</summary>
    public long RiskRatioPpm(string symbol)
    {
        var p = _positions.GetValueOrDefault(symbol);
        if (p is null || p.SignedQuantity == 0) return 0;
        return MarginCalculator.RiskRatioPpm(MaintenanceMargin(symbol), MarginBalance(symbol));
    }

    /// <summary>
    /// Liquidation price in ticks (0: none). Isolated: WB = isolated margin. Cross: WB = cross wallet - other cross
    /// positions' maintenance margin + their unrealized PnL. See <see cref="LiquidationPriceCalculator"/>.
    /// </summary>
    public long LiquidationPrice(string symbol)
    {
        var p = _positions.GetValueOrDefault(symbol);
        if (p is null || p.SignedQuantity == 0) return 0;
        return LiquidationPriceCalculator.LiquidationPrice(p.Spec, p.Side, p.Quantity, p.EntryNotional, LiquidationWalletTerm(p), p.RiskNotional);
    }

    private long LiquidationWalletTerm(Position p)
    {
        if (p.Mode == PositionMode.Isolated) return p.IsolatedMargin;
        var asset = p.Spec.QuoteAsset;
        long others = 0;
        foreach (var x in _positions.Values)
            if (!ReferenceEquals(x, p) && IsCrossPositionOf(x, asset)) others += x.UnrealizedPnl - x.MaintenanceMargin;
        return CrossWalletBalance(asset) + others;
    }

    private long BankruptcyWalletTerm(Position p)
    {
        if (p.Mode == PositionMode.Isolated) return p.IsolatedMargin;
        var asset = p.Spec.QuoteAsset;
        long others = 0;
        foreach (var x in _positions.Values)
            if (!ReferenceEquals(x, p) && IsCrossPositionOf(x, asset)) others += x.UnrealizedPnl;
        return CrossWalletBalance(asset) + others;
    }

    /// <summary>
    /// Records a mark price and checks risk. An isolated position of the symbol is liquidated when its maintenance
    /// margin &gt;= isolated margin + unrealized PnL; the cross positions of the symbol's margin asset are all liquidated
    /// when their total maintenance margin &gt;= cross wallet + their total unrealized PnL (risk ratio &gt;= 1, compared
    /// exactly). A position already being liquidated is skipped, so it is never liquidated twice. Returns the
    /// liquidation orders produced, ordered by symbol.
    /// </summary>
    public IReadOnlyList<LiquidationOrder> UpdateMarkPrice(string symbol, long markPriceTicks, long timeMs)
    {
        if (markPriceTicks <= 0) throw new ArgumentOutOfRangeException(nameof(markPriceTicks));
        var result = new List<LiquidationOrder>();
        if (!_positions.TryGetValue(symbol, out var position)) return result;
        position.MarkPriceTicks = markPriceTicks;
        if (position.SignedQuantity == 0) return result;

        if (position.Mode == PositionMode.Isolated)
        {
            if (position.Status == PositionStatus.Open && MarginCalculator.IsLiquidatable(position.MaintenanceMargin, MarginBalance(symbol)))
                result.Add(Liquidate(position, timeMs));
            return result;
        }

        return LiquidateCrossIfDue(position.Spec.QuoteAsset, timeMs);
    }

    /// <summary>
    /// Re-checks every position at its last mark price (isolated positions without a mark are skipped; cross positions
    /// without a mark count at their entry notional with zero PnL): call after fills,
    /// withdrawals or leverage changes, which move margin balances without a new mark. Same rules as
    /// <see cref="UpdateMarkPrice"/>; returns the liquidation orders produced, isolated ones first, each group by symbol.
    /// </summary>
    public IReadOnlyList<LiquidationOrder> CheckLiquidations(long timeMs)
    {
        // Runs after every fill: no allocation unless something is liquidated. Liquidating changes a position's status and
        // the working orders, never the set of positions or their quantities, so one pass over each is the same as a copy.
        List<LiquidationOrder>? result = null;
        foreach (var p in _positions.Values)
            if (p.Mode == PositionMode.Isolated && p.Status == PositionStatus.Open && p.MarkPriceTicks > 0
                && MarginCalculator.IsLiquidatable(p.MaintenanceMargin, MarginBalance(p.Symbol)))
                (result ??= []).Add(Liquidate(p, timeMs));
        string? first = null; // the usual case: one margin asset, no list
        List<string>? more = null;
        foreach (var p in _positions.Values)
        {
            if (p.Mode != PositionMode.Cross || p.SignedQuantity == 0) continue;
            var asset = p.Spec.QuoteAsset;
            if (first is null) first = asset;
            else if (asset != first && (more is null || !more.Contains(asset))) (more ??= []).Add(asset);
        }
        if (first is null) return result ?? (IReadOnlyList<LiquidationOrder>)[];
        if (more is null) AddDue(first);
        else
        {
            more.Add(first);
            more.Sort(StringComparer.Ordinal);
            foreach (var asset in more) AddDue(asset);
        }
        return result ?? (IReadOnlyList<LiquidationOrder>)[];

        void AddDue(string asset)
        {
            var due = LiquidateCrossIfDue(asset, timeMs);
            if (due.Count > 0) (result ??= []).AddRange(due);
        }
    }

    private IReadOnlyList<LiquidationOrder> LiquidateCrossIfDue(string asset, long timeMs)
    {
        long maintenance = 0, pnl = 0;
        foreach (var p in _positions.Values)
        {
            if (!IsCrossPositionOf(p, asset)) continue;
            maintenance += p.MaintenanceMargin;
            pnl += p.UnrealizedPnl;
        }
        if (!MarginCalculator.IsLiquidatable(maintenance, CrossWalletBalance(asset) + pnl)) return [];
        var result = new List<LiquidationOrder>();
        var cross = CrossPositions(asset).ToList();
        var victims = cross.Where(p => p.Status == PositionStatus.Open).ToList();
        // Bankruptcy prices are computed before any order is registered, each with the others at their marks.
        var prices = victims.ToDictionary(p => p.Symbol, p => LiquidationPriceCalculator.BankruptcyPrice(
            p.Spec, p.Side, p.Quantity, p.EntryNotional, BankruptcyWalletTerm(p)), StringComparer.Ordinal);
        foreach (var p in victims)
            result.Add(Liquidate(p, timeMs, prices[p.Symbol]));
        return result;
    }

    private LiquidationOrder Liquidate(Position p, long timeMs, long? bankruptcyPrice = null)
    {
        var price = bankruptcyPrice ?? LiquidationPriceCalculator.BankruptcyPrice(p.Spec, p.Side, p.Quantity, p.EntryNotional, BankruptcyWalletTerm(p));
        var canceled = OrdersOf(p.Symbol).Select(o => o.OrderId).ToList();
        foreach (var id in canceled) _orders.Remove(id);
        var order = new OpenOrder
        {
            OrderId = -(++_liquidationSequence), Spec = p.Spec, Side = p.ClosingSide!.Value, Intent = OrderIntent.Close,
            WorstPriceTicks = price, RemainingQty = p.Quantity, LockedQty = p.Quantity, LockSequence = ++_lockSequence,
            Leverage = p.Leverage, IsLiquidation = true, CreateTimeMs = timeMs,
        };
        _orders.Add(order);
        p.Status = PositionStatus.Liquidating;
        p.UpdateTimeMs = Math.Max(p.UpdateTimeMs, timeMs);
        Touch(timeMs);
        return new LiquidationOrder(order.OrderId, p.Symbol, order.Side, order.RemainingQty, price, p.Mode, canceled, timeMs);
    }
}
