using Trading.Grains.Symbols;

namespace Trading.Grains.Margin;

public sealed partial class Account
{
    /// <summary>
    /// Pre-trade check. Accepted orders hold their reservation and lock until filled or completed.
    /// <list type="bullet">
    /// <item>OPEN on a perpetual: the part up to the position's unlocked quantity on the opposite side is locked (it
    /// reduces); the rest opens and needs initial margin at the symbol's leverage; the taker fee on the whole quantity
    /// at the worst price is reserved too. The opening exposure (position if same side + other orders' opening parts on
    /// this side + this one) must fit the bracket of the leverage.</item>
    /// <item>CLOSE (reduce-only): must be opposite the position and at most its unlocked quantity, so it can never flip;
    /// it locks that quantity and reserves nothing.</item>
    /// <item>Spot: a buy reserves quote (notional + taker fee at the worst price), a sell reserves base.</item>
    /// </list>
    /// </summary>
    public OrderCheckResult TryPlaceOrder(SymbolSpec spec, OrderRequest order)
    {
        if (order.OrderId <= 0) return OrderCheckResult.Reject(RejectReason.InvalidOrderId);
        if (_orders.ContainsKey(order.OrderId)) return OrderCheckResult.Reject(RejectReason.DuplicateOrderId);
        if (spec.Validate().Count > 0) return OrderCheckResult.Reject(RejectReason.InvalidSymbol);
        if (order.QtyLots < spec.MinQtyLots || order.QtyLots > spec.MaxQtyLots) return OrderCheckResult.Reject(RejectReason.InvalidQuantity);
        if (order.WorstPriceTicks <= 0) return OrderCheckResult.Reject(RejectReason.InvalidPrice);
        return spec.Kind == ContractKind.Spot ? PlaceSpot(spec, order) : PlacePerpetual(spec, order);
    }

    private OrderCheckResult PlaceSpot(SymbolSpec spec, OrderRequest order)
    {
        if (order.Intent == OrderIntent.Close) return OrderCheckResult.Reject(RejectReason.ReduceOnlyNotSupported);
        if (!SpotUnits.IsRepresentable(spec)) return OrderCheckResult.Reject(RejectReason.InvalidSymbol);
        if (spec.Notional(order.WorstPriceTicks, order.QtyLots) < spec.MinNotional) return OrderCheckResult.Reject(RejectReason.NotionalTooSmall);
        var o = new OpenOrder
        {
            OrderId = order.OrderId, Spec = spec, Side = order.Side, Intent = order.Intent, WorstPriceTicks = order.WorstPriceTicks,
            RemainingQty = order.QtyLots, OpeningQty = 0, Leverage = 1, CreateTimeMs = order.TimeMs,
        };
        o.Recompute();
        if (o.ReservedAmount > AvailableBalance(o.ReservedAsset)) return OrderCheckResult.Reject(RejectReason.InsufficientBalance);
        _orders.Add(o);
        Touch(order.TimeMs);
        return new OrderCheckResult(RejectReason.None, o.ReservedAsset, o.ReservedAmount, 0, 0);
    }

    private OrderCheckResult PlacePerpetual(SymbolSpec spec, OrderRequest order)
    {
        var position = _positions.GetValueOrDefault(spec.Symbol);
        if (position is { Status: PositionStatus.Liquidating }) return OrderCheckResult.Reject(RejectReason.PositionLiquidating);
        // While a cross liquidation is under way on the margin asset, no cross position of that asset takes new orders.
        if ((position?.Mode ?? PositionMode.Cross) == PositionMode.Cross && CrossLiquidationPending(spec.QuoteAsset))
            return OrderCheckResult.Reject(RejectReason.PositionLiquidating);
        var opposite = position is not null && position.ClosingSide == order.Side;
        var unlocked = opposite ? AvailableQuantity(spec.Symbol) : 0;

        if (order.Intent == OrderIntent.Close)
        {
            if (position is null || position.SignedQuantity == 0) return OrderCheckResult.Reject(RejectReason.NoPositionToReduce);
            if (!opposite) return OrderCheckResult.Reject(RejectReason.ReduceOnlyWrongSide);
            if (order.QtyLots > unlocked) return OrderCheckResult.Reject(RejectReason.InsufficientUnlockedQuantity);
            var close = new OpenOrder
            {
                OrderId = order.OrderId, Spec = spec, Side = order.Side, Intent = order.Intent, WorstPriceTicks = order.WorstPriceTicks,
                RemainingQty = order.QtyLots, LockedQty = order.QtyLots, LockSequence = ++_lockSequence,
                Leverage = position.Leverage, CreateTimeMs = order.TimeMs,
            };
            _orders.Add(close);
            Touch(order.TimeMs);
            return new OrderCheckResult(RejectReason.None, null, 0, close.LockedQty, 0);
        }

        if (spec.Notional(order.WorstPriceTicks, order.QtyLots) < spec.MinNotional) return OrderCheckResult.Reject(RejectReason.NotionalTooSmall);
        var leverage = position?.Leverage ?? DefaultLeverage(spec);
        var locked = Math.Min(order.QtyLots, unlocked);
        var opening = order.QtyLots - locked;
        if (opening > 0)
        {
            var exposure = OpeningExposure(spec.Symbol, order.Side, position) + spec.Notional(order.WorstPriceTicks, opening);
            var reason = CheckBracket(spec, exposure, leverage);
            if (reason != RejectReason.None) return OrderCheckResult.Reject(reason);
        }
        var o = new OpenOrder
        {
            OrderId = order.OrderId, Spec = spec, Side = order.Side, Intent = order.Intent, WorstPriceTicks = order.WorstPriceTicks,
            RemainingQty = order.QtyLots, OpeningQty = opening, LockedQty = locked, Leverage = leverage, CreateTimeMs = order.TimeMs,
        };
        o.Recompute();
        if (o.ReservedAmount > AvailableBalance(spec.QuoteAsset)) return OrderCheckResult.Reject(RejectReason.InsufficientBalance);
        if (locked > 0) o.LockSequence = ++_lockSequence;
        PositionFor(spec, order.TimeMs);
        _orders.Add(o);
        Touch(order.TimeMs);
        return new OrderCheckResult(RejectReason.None, spec.QuoteAsset, o.ReservedAmount, locked, opening);
    }

    /// <summary>
    /// The order is done on the book (canceled, expired, or filled and reported done): releases what is left of its
    /// reservation and lock. Unknown ids are a no-op (Known = false), so repeated notices are harmless.
    /// </summary>
    public OrderRelease CompleteOrder(long orderId, long timeMs)
    {
        if (!_orders.Remove(orderId, out var o)) return new OrderRelease(false, 0, 0);
        if (o.IsLiquidation && _positions.TryGetValue(o.Spec.Symbol, out var p) && p.Status == PositionStatus.Liquidating)
            p.Status = p.SignedQuantity == 0 ? PositionStatus.Flat : PositionStatus.Open;
        Touch(timeMs);
        return new OrderRelease(true, o.ReservedAmount, o.LockedQty);
    }

    /// <summary>
    /// Changes the leverage of a perpetual symbol. Rejected when outside 1..symbol maximum, when the exposure
    /// (position notional + every working order's opening notional on the symbol) is beyond what the bracket allows
    /// at that leverage, or when the extra margin it needs is more than the available balance: for isolated positions
    /// the margin is topped up to ceil(entry notional / leverage) (raising leverage never releases margin); for cross the
    /// initial margin is recomputed; working orders' reservations are recomputed at the new leverage.
    /// </summary>
    public RejectReason SetLeverage(SymbolSpec spec, int leverage, long timeMs)
    {
        if (spec.Kind != ContractKind.UsdtPerpetual) return RejectReason.NotAPerpetual;
        if (spec.Validate().Count > 0) return RejectReason.InvalidSymbol;
        if (leverage < 1 || leverage > spec.MaxLeverage) return RejectReason.InvalidLeverage;
        var position = _positions.GetValueOrDefault(spec.Symbol);
        if (position is { Status: PositionStatus.Liquidating }) return RejectReason.PositionLiquidating;

        var exposure = position?.RiskNotional ?? 0;
        foreach (var o in OrdersOf(spec.Symbol))
            exposure += spec.Notional(o.WorstPriceTicks, o.OpeningQty);
        var bracketReason = CheckBracket(spec, exposure, leverage);
        if (bracketReason != RejectReason.None) return bracketReason;

        long need = 0;
        foreach (var o in OrdersOf(spec.Symbol))
            need += OrderReservation.Compute(o.Spec, o.Side, o.Intent, o.IsLiquidation, o.WorstPriceTicks, o.RemainingQty, o.OpeningQty, leverage) - o.ReservedAmount;
        long topUp = 0;
        if (position is { SignedQuantity: not 0 })
        {
            if (position.Mode == PositionMode.Isolated)
                topUp = Math.Max(0, MarginCalculator.InitialMargin(position.EntryNotional, leverage) - position.IsolatedMargin);
            else
                need += MarginCalculator.InitialMargin(position.RiskNotional, leverage) - position.InitialMargin;
        }
        need += topUp;
        if (need > 0 && need > AvailableBalance(spec.QuoteAsset)) return RejectReason.InsufficientMarginForLeverage;

        position ??= PositionFor(spec, timeMs);
        position.Spec = spec;
        position.Leverage = leverage;
        position.IsolatedMargin += topUp;
        position.UpdateTimeMs = Math.Max(position.UpdateTimeMs, timeMs);
        foreach (var o in OrdersOf(spec.Symbol))
        {
            o.Leverage = leverage;
            o.Recompute();
        }
        Touch(timeMs);
        return RejectReason.None;
    }

    /// <summary>
    /// Switches a perpetual symbol between isolated and cross. Only with no position and no working orders on the
    /// symbol, so no margin has to move.
    /// </summary>
    public RejectReason SetPositionMode(SymbolSpec spec, PositionMode mode, long timeMs)
    {
        if (spec.Kind != ContractKind.UsdtPerpetual) return RejectReason.NotAPerpetual;
        if (spec.Validate().Count > 0) return RejectReason.InvalidSymbol;
        var position = _positions.GetValueOrDefault(spec.Symbol);
        if (position is { SignedQuantity: not 0 } || OrdersOf(spec.Symbol).Any()) return RejectReason.PositionOrOrdersExist;
        position ??= PositionFor(spec, timeMs);
        position.Mode = mode;
        position.UpdateTimeMs = Math.Max(position.UpdateTimeMs, timeMs);
        Touch(timeMs);
        return RejectReason.None;
    }

    private bool CrossLiquidationPending(string asset)
    {
        foreach (var p in _positions.Values)
            if (p.Mode == PositionMode.Cross && p.Status == PositionStatus.Liquidating && p.Spec.QuoteAsset == asset) return true;
        return false;
    }

    private IEnumerable<OpenOrder> OrdersOf(string symbol)
    {
        foreach (var o in _orders)
            if (o.Spec.Symbol == symbol) yield return o;
    }

    /// <summary>Notional this side would hold if every working order's opening part filled: position (if on this side) + opening parts.</summary>
    private long OpeningExposure(string symbol, TradeSide side, Position? position)
    {
        long exposure = 0;
        if (position is not null && position.SignedQuantity != 0 && Math.Sign(position.SignedQuantity) == side.Sign())
            exposure += position.RiskNotional;
        return exposure + _orders.OpeningNotional(symbol, side);
    }

    private static RejectReason CheckBracket(SymbolSpec spec, long exposure, int leverage)
    {
        if (MarginCalculator.BracketIndex(spec, exposure) < 0) return RejectReason.NotionalExceedsMaxBracket;
        return MarginCalculator.MaxLeverageFor(spec, exposure) < leverage ? RejectReason.LeverageExceedsBracket : RejectReason.None;
    }
}
