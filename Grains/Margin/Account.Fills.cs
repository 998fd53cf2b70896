using Trading.Grains.Symbols;

namespace Trading.Grains.Margin;

public sealed partial class Account
{
    /// <summary>
    /// Settles one fill atomically: the order's reservation is recomputed for its remaining quantity (the difference is
    /// released), its lock is consumed, the position closes then opens (a flip realizes PnL on the closing part and
    /// opens the rest at the fill price), the fee is charged to the wallet, isolated margin is allocated or released,
    /// and locks that no longer fit the position are trimmed (newest first). Fills are facts: they settle even when
    /// the account holds nothing for the order (e.g. an order released by a liquidation).
    /// <para>Liquidation fills: a loss beyond the isolated margin released by the fill (isolated) or beyond the cross
    /// wallet (cross) is paid by the insurance fund (counted in <see cref="InsuranceFundCovered"/>); a fill better than
    /// the bankruptcy price leaves the surplus with the trader (no clearance fee is modelled).</para>
    /// </summary>
    public FillSettlement SettleFill(SymbolSpec spec, AccountFill fill)
    {
        if (fill.QtyLots <= 0) throw new ArgumentOutOfRangeException(nameof(fill), "Fill quantity must be positive.");
        if (fill.PriceTicks <= 0) throw new ArgumentOutOfRangeException(nameof(fill), "Fill price must be positive.");
        if (spec.Symbol != fill.Symbol) throw new ArgumentException("Spec and fill symbols differ.", nameof(spec));

        var order = _orders.GetValueOrDefault(fill.OrderId);
        if (order is not null && (order.Spec.Symbol != fill.Symbol || order.Side != fill.Side))
            throw new ArgumentException($"Fill of order {fill.OrderId} does not match its symbol or side.", nameof(fill));

        long released = 0;
        var completed = false;
        if (order is not null)
        {
            var lockUse = Math.Min(fill.QtyLots, order.LockedQty);
            order.LockedQty -= lockUse;
            order.OpeningQty -= Math.Min(order.OpeningQty, fill.QtyLots - lockUse);
            order.RemainingQty = Math.Max(0, order.RemainingQty - fill.QtyLots);
            released = order.Recompute();
            if (order.RemainingQty == 0)
            {
                released += order.ReservedAmount;
                _orders.Remove(order.OrderId);
                completed = true;
            }
        }
        var isLiquidation = order?.IsLiquidation ?? fill.OrderId < 0;

        FillSettlement result;
        if (spec.Kind == ContractKind.Spot)
        {
            SettleSpot(spec, fill);
            result = new FillSettlement(0, fill.Fee, released, 0, 0, 0, completed, []);
        }
        else
        {
            result = SettlePerpetual(spec, fill, isLiquidation, released, completed);
        }
        Touch(fill.TimeMs);
        return result;
    }

    private void SettleSpot(SymbolSpec spec, AccountFill fill)
    {
        var quote = Balance(spec.QuoteAsset);
        var @base = Balance(spec.BaseAsset);
        var notional = spec.Notional(fill.PriceTicks, fill.QtyLots);
        var units = checked(fill.QtyLots * SpotUnits.BaseUnitsPerLot(spec));
        if (fill.Side == TradeSide.Buy)
        {
            quote.Wallet = checked(quote.Wallet - notional - fill.Fee);
            @base.Wallet = checked(@base.Wallet + units);
        }
        else
        {
            @base.Wallet = checked(@base.Wallet - units);
            quote.Wallet = checked(quote.Wallet + notional - fill.Fee);
        }
        quote.FeesPaid += fill.Fee;
    }

    private FillSettlement SettlePerpetual(SymbolSpec spec, AccountFill fill, bool isLiquidation, long released, bool completed)
    {
        var position = PositionFor(spec, fill.TimeMs);
        var effect = position.ApplyFill(fill.Side, fill.PriceTicks, fill.QtyLots, fill.TimeMs);
        var wallet = Balance(spec.QuoteAsset);
        wallet.Wallet = checked(wallet.Wallet + effect.RealizedPnl - fill.Fee);
        wallet.FeesPaid += fill.Fee;

        long covered = 0;
        if (isLiquidation)
        {
            if (position.Mode == PositionMode.Isolated)
            {
                var lossBeyondMargin = -(effect.RealizedPnl - fill.Fee) - effect.MarginReleased;
                if (lossBeyondMargin > 0) covered = lossBeyondMargin;
            }
            else
            {
                var crossWallet = wallet.Wallet - IsolatedMargins(spec.QuoteAsset);
                if (crossWallet < 0) covered = -crossWallet;
            }
            wallet.Wallet += covered;
            wallet.InsuranceFundCovered += covered;
        }
        var toCancel = TrimLocks(position);
        if (position.Status == PositionStatus.Liquidating && !HasLiquidationOrder(spec.Symbol))
            position.Status = position.SignedQuantity == 0 ? PositionStatus.Flat : PositionStatus.Open;
        return new FillSettlement(effect.RealizedPnl, fill.Fee, released, effect.MarginPosted, effect.MarginReleased, covered, completed, toCancel);
    }

    private bool HasLiquidationOrder(string symbol) => _orders.HasLiquidation(symbol);

    /// <summary>
    /// Keeps the symbol's locks within the position: locks on the wrong side (after a flip or when flat) go entirely,
    /// then the newest locks are trimmed until the sum fits. A reduce-only (or liquidation) order whose lock is trimmed
    /// at all is released and returned for cancellation, since its remaining quantity could now flip the position; an
    /// OPEN order just loses its reducing part (its rest still fills as an opening).
    /// </summary>
    private IReadOnlyList<long> TrimLocks(Position position)
    {
        var closing = position.ClosingSide;
        // The common case, from the kept sums: every lock is on the closing side (none when flat) and they fit the position.
        var fits = closing is { } side
            ? _orders.Locked(position.Symbol, side == TradeSide.Buy ? TradeSide.Sell : TradeSide.Buy) == 0
              && _orders.Locked(position.Symbol, side) <= position.Quantity
            : LockedQuantity(position.Symbol) == 0;
        if (fits) return [];
        var locks = new List<OpenOrder>();
        foreach (var o in _orders)
            if (o.LockedQty > 0 && o.Spec.Symbol == position.Symbol) locks.Add(o);
        locks.Sort(static (a, b) => b.LockSequence.CompareTo(a.LockSequence)); // newest first
        var excess = (closing is { } c ? _orders.Locked(position.Symbol, c) : 0) - position.Quantity;
        var toCancel = new List<long>();
        foreach (var o in locks)
        {
            long trim;
            if (o.Side != closing) trim = o.LockedQty;
            else
            {
                trim = Math.Min(o.LockedQty, Math.Max(0, excess));
                excess -= trim;
            }
            if (trim == 0) continue;
            o.LockedQty -= trim;
            if (o.Intent == OrderIntent.Close)
            {
                _orders.Remove(o.OrderId);
                toCancel.Add(o.OrderId);
            }
        }
        toCancel.Sort();
        return toCancel;
    }
}
