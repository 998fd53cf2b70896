using System.Runtime.CompilerServices;
using Trading.Grains.Symbols;

namespace Trading.Grains.Matching;

public sealed partial class OrderBook
{
    /// <summary>Limit price for events: 0 for market-like orders (whose Price slot stores protection ticks).</summary>
    private static long EventPrice(in OrderEntry o) => o.Type.IsMarketLike() ? 0 : o.Price;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EmitOrder<TSink>(ref TSink sink, MatchEventKind kind, BookCommandKind command, in OrderEntry o,
        OrderStatus status, RejectReason reason, bool priorityKept = false)
        where TSink : struct, IMatchEventSink
    {
        var e = new MatchEvent
        {
            Sequence = ++eventSequence,
            Timestamp = now,
            Kind = kind,
            Command = command,
            Reason = reason,
            OrderId = o.Id,
            UserId = o.UserId,
            ClientOrderId = o.ClientOrderId,
            Side = o.Side,
            Type = o.Type,
            TimeInForce = o.Tif,
            Status = status,
            Price = EventPrice(o),
            Quantity = o.Quantity,
            FilledQuantity = o.Filled,
            StopPrice = o.StopPrice,
            ReduceOnly = (o.Flags & OrderFlags.ReduceOnly) != 0,
            PositionAction = o.PositionAction,
            Liquidation = (o.Flags & OrderFlags.Liquidation) != 0,
            PriorityKept = priorityKept,
        };
        sink.OnEvent(in e);
    }

    private void EmitPlaceReject<TSink>(ref TSink sink, in PlaceOrder cmd, RejectReason reason)
        where TSink : struct, IMatchEventSink
    {
        var e = new MatchEvent
        {
            Sequence = ++eventSequence,
            Timestamp = now,
            Kind = MatchEventKind.Rejected,
            Command = BookCommandKind.Place,
            Reason = reason,
            OrderId = cmd.OrderId,
            UserId = cmd.UserId,
            ClientOrderId = cmd.ClientOrderId,
            Side = cmd.Side,
            Type = cmd.Type,
            TimeInForce = cmd.TimeInForce,
            Status = OrderStatus.Rejected,
            Price = cmd.Price,
            Quantity = cmd.Quantity,
            StopPrice = cmd.StopPrice,
            ReduceOnly = cmd.ReduceOnly,
            PositionAction = cmd.PositionAction,
            Liquidation = cmd.Liquidation,
        };
        sink.OnEvent(in e);
    }

    private void EmitCommandReject<TSink>(ref TSink sink, BookCommandKind command, long orderId, long userId,
        long clientOrderId, long price, long quantity, RejectReason reason)
        where TSink : struct, IMatchEventSink
    {
        var e = new MatchEvent
        {
            Sequence = ++eventSequence,
            Timestamp = now,
            Kind = MatchEventKind.Rejected,
            Command = command,
            Reason = reason,
            OrderId = orderId,
            UserId = userId,
            ClientOrderId = clientOrderId,
            Status = OrderStatus.Rejected,
            Price = price,
            Quantity = quantity,
        };
        sink.OnEvent(in e);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EmitTrade<TSink>(ref TSink sink, BookCommandKind command, in OrderEntry taker, in OrderEntry maker, long price, long qty)
        where TSink : struct, IMatchEventSink
    {
        var notional = checked(price * qty * notionalMultiplier);
        var makerFee = Fee(notional, makerFeePpm, makerFeeSafe);
        var takerFee = Fee(notional, takerFeePpm, takerFeeSafe);
        lastPrice = price;
        if (price < tradeLow) tradeLow = price;
        if (price > tradeHigh) tradeHigh = price;
        stats.OnTrade(now, price, qty, notional);
        var e = new MatchEvent
        {
            Sequence = ++eventSequence,
            Timestamp = now,
            Kind = MatchEventKind.Trade,
            Command = command,
            OrderId = taker.Id,
            UserId = taker.UserId,
            ClientOrderId = taker.ClientOrderId,
            Side = taker.Side,
            Type = taker.Type,
            TimeInForce = taker.Tif,
            Status = taker.Filled == taker.Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled,
            Price = price,
            Quantity = qty,
            FilledQuantity = taker.Filled,
            StopPrice = taker.StopPrice,
            ReduceOnly = (taker.Flags & OrderFlags.ReduceOnly) != 0,
            PositionAction = taker.PositionAction,
            Liquidation = (taker.Flags & OrderFlags.Liquidation) != 0,
            TradeSequence = ++tradeSequence,
            MakerOrderId = maker.Id,
            MakerUserId = maker.UserId,
            MakerClientOrderId = maker.ClientOrderId,
            MakerFilledQuantity = maker.Filled,
            MakerStatus = maker.Filled == maker.Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled,
            MakerReduceOnly = (maker.Flags & OrderFlags.ReduceOnly) != 0,
            MakerPositionAction = maker.PositionAction,
            Notional = notional,
            MakerFee = makerFee,
            TakerFee = takerFee,
        };
        sink.OnEvent(in e);
    }

    /// <summary>Same result as <see cref="Fees.Compute"/>, in 64-bit arithmetic when the product cannot overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Fee(long notional, long ratePpm, long safeNotional)
    {
        if (notional > safeNotional || notional < -safeNotional) return Fees.Compute(notional, ratePpm);
        var product = notional * ratePpm;
        var quotient = product / Money.PpmScale;
        if (product > 0 && quotient * Money.PpmScale != product) quotient += 1;
        return quotient;
    }
}
