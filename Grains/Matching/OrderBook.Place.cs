using System.Runtime.CompilerServices;

namespace Trading.Grains.Matching;

public sealed partial class OrderBook
{
    /// <summary>
    /// Places an order. Events: <see cref="MatchEventKind.Rejected"/> alone, or <see cref="MatchEventKind.Accepted"/>
    /// followed by trades and, when the order ends without filling, one Expired event; then any conditional
    /// orders the trades triggered (Triggered, their trades...). Returns the order's status after the command.
    /// </summary>
    public OrderStatus Place<TSink>(in PlaceOrder cmd, ref TSink sink) where TSink : struct, IMatchEventSink
    {
        now = cmd.Timestamp;
        var reason = Validate(in cmd);
        if (reason != RejectReason.None)
        {
            EmitPlaceReject(ref sink, in cmd, reason);
            return OrderStatus.Rejected;
        }

        var slot = pool.Allocate();
        ref var o = ref pool.Entries[slot];
        o.Id = cmd.OrderId;
        o.UserId = cmd.UserId;
        o.ClientOrderId = cmd.ClientOrderId;
        o.Side = cmd.Side;
        o.Type = cmd.Type;
        o.Quantity = cmd.Quantity;
        o.Timestamp = cmd.Timestamp;
        o.StopPrice = cmd.StopPrice;
        o.Working = cmd.WorkingType;
        o.PositionAction = cmd.PositionAction;
        o.Next = o.Prev = o.Level = -1;
        var flags = OrderFlags.None;
        if (cmd.ReduceOnly) flags |= OrderFlags.ReduceOnly;
        if (cmd.Liquidation)
        {
            flags |= OrderFlags.Liquidation;
            o.Tif = TimeInForce.Ioc;
            o.Stp = SelfTradePrevention.None;
        }
        else
        {
            o.Tif = cmd.Type.IsMarketLike() ? TimeInForce.Ioc : cmd.TimeInForce;
            o.Stp = cmd.SelfTradePrevention == SelfTradePrevention.Default ? defaultStp : cmd.SelfTradePrevention;
        }
        o.Flags = flags;
        o.Price = cmd.Type.IsMarketLike()
            ? (cmd.ProtectionTicks < 0 ? defaultProtectionTicks : cmd.ProtectionTicks)
            : cmd.Price;

        if (cmd.Type.IsConditional())
        {
            o.Flags |= OrderFlags.PendingStop | OrderFlags.InIdMap;
            ids.Add(o.Id, slot);
            if (o.ClientOrderId != 0)
            {
                o.Flags |= OrderFlags.InClientIndex;
                clientIds.Add(slot);
            }
            stops.Add(in o, ++stopSequence, slot);
            EmitOrder(ref sink, MatchEventKind.Accepted, BookCommandKind.Place, in o, OrderStatus.New, RejectReason.None);
            return OrderStatus.New;
        }

        EmitOrder(ref sink, MatchEventKind.Accepted, BookCommandKind.Place, in o, OrderStatus.New, RejectReason.None);
        var status = Execute(slot, BookCommandKind.Place, ref sink);
        if (tradeHigh != long.MinValue) AfterTrades(BookCommandKind.Place, ref sink);
        return status;
    }

    /// <summary>Checks a new order; the order of checks is part of the contract (tests pin it).</summary>
    private RejectReason Validate(in PlaceOrder cmd)
    {
        if (cmd.OrderId <= 0) return RejectReason.InvalidOrderId;
        if ((uint)cmd.Side > 1 || (uint)cmd.Type > 5 || (uint)cmd.TimeInForce > 3 || (uint)cmd.SelfTradePrevention > 4
            || (uint)cmd.WorkingType > 1 || (uint)cmd.PositionAction > 2 || cmd.ProtectionTicks < -1)
            return RejectReason.InvalidOrderOptions;
        var marketLike = cmd.Type.IsMarketLike();
        var conditional = cmd.Type.IsConditional();
        if (cmd.Liquidation && cmd.Type != OrderType.Limit) return RejectReason.InvalidOrderOptions;
        if (marketLike && cmd.TimeInForce == TimeInForce.Gtx) return RejectReason.InvalidOrderOptions;
        if (cmd.Quantity <= 0) return RejectReason.InvalidQuantity;
        if (cmd.Quantity < minQty) return RejectReason.BelowMinQuantity;
        if (cmd.Quantity > maxQty) return RejectReason.AboveMaxQuantity;
        if (!marketLike && cmd.Price <= 0) return RejectReason.InvalidPrice;
        if (conditional && cmd.StopPrice <= 0) return RejectReason.InvalidStopPrice;
        if (ids.Find(cmd.OrderId) >= 0) return RejectReason.DuplicateOrderId;
        if (cmd.ClientOrderId != 0 && clientIds.Count != 0 && clientIds.Find(cmd.UserId, cmd.ClientOrderId) >= 0)
            return RejectReason.DuplicateClientOrderId;

        long notionalPrice;
        if (!marketLike)
        {
            notionalPrice = cmd.Price;
            if ((Int128)cmd.Price * cmd.Quantity * notionalMultiplier > long.MaxValue) return RejectReason.NotionalTooLarge;
            if (priceBandPpm != 0 && !cmd.Liquidation && !InBand(cmd.Price)) return RejectReason.PriceOutOfBand;
        }
        else if (conditional) notionalPrice = cmd.StopPrice;
        else notionalPrice = cmd.Side == OrderSide.Buy ? asks.BestPrice : bids.BestPrice;
        if (notionalPrice == 0) notionalPrice = lastPrice;

        if (minNotional != 0 && !cmd.Liquidation && !cmd.ReduceOnly && notionalPrice > 0
            && (Int128)notionalPrice * cmd.Quantity * notionalMultiplier < minNotional)
            return RejectReason.BelowMinNotional;

        if (conditional)
        {
            var reference = cmd.WorkingType == WorkingType.MarkPrice ? markPrice : lastPrice;
            if (reference > 0 && StopOrderBook.Holds(cmd.Side, cmd.Type, cmd.StopPrice, reference))
                return RejectReason.StopWouldTriggerImmediately;
        }
        else if (marketLike && (cmd.Side == OrderSide.Buy ? asks.Count : bids.Count) == 0)
            return RejectReason.NoLiquidity;
        return RejectReason.None;
    }

    /// <summary>Price band around the mark price, else the last price; open when neither is known.</summary>
    private bool InBand(long price)
    {
        var reference = markPrice > 0 ? markPrice : lastPrice;
        if (reference <= 0) return true;
        var distance = (Int128)Math.Abs(price - reference) * Trading.Grains.Symbols.Money.PpmScale;
        return distance <= (Int128)reference * priceBandPpm;
    }

    /// <summary>
    /// Matches an active order (new, triggered or re-priced) and then rests, fills or expires it.
    /// The order is not linked into a level on entry.
    /// </summary>
    private OrderStatus Execute<TSink>(int slot, BookCommandKind command, ref TSink sink) where TSink : struct, IMatchEventSink
    {
        var entries = pool.Entries;
        ref var o = ref entries[slot];
        var isBuy = o.Side == OrderSide.Buy;
        var opposite = isBuy ? asks : bids;
        long limit;
        var marketLike = o.Type.IsMarketLike();
        if (marketLike)
        {
            if (opposite.Count == 0) return ExpireTaker(slot, command, RejectReason.NoLiquidity, ref sink);
            var protection = o.Price;
            limit = protection == 0
                ? (isBuy ? long.MaxValue : long.MinValue)
                : (isBuy ? opposite.BestPrice + protection : opposite.BestPrice - protection);
        }
        else
        {
            limit = o.Price;
            if (o.Tif >= TimeInForce.Fok)
            {
                if (o.Tif == TimeInForce.Gtx)
                {
                    if (opposite.Count != 0 && (isBuy ? opposite.BestPrice <= limit : opposite.BestPrice >= limit))
                        return ExpireTaker(slot, command, RejectReason.PostOnlyWouldTake, ref sink);
                }
                else if (!CanFill(in o, limit))
                    return ExpireTaker(slot, command, RejectReason.FokCannotFill, ref sink);
            }
        }

        var stpStopped = opposite.Count != 0 && Match(slot, limit, command, ref sink);
        if (o.Filled == o.Quantity)
        {
            Finish(slot);
            return OrderStatus.Filled;
        }
        if (stpStopped) return ExpireTaker(slot, command, RejectReason.SelfTradePrevention, ref sink);
        if (marketLike)
            return ExpireTaker(slot, command,
                opposite.Count != 0 ? RejectReason.MarketProtection : RejectReason.ImmediateOrCancelRemainder, ref sink);
        if (o.Tif is TimeInForce.Ioc or TimeInForce.Fok) return ExpireTaker(slot, command, RejectReason.ImmediateOrCancelRemainder, ref sink);
        Rest(slot);
        return o.LiveStatus;
    }

    private OrderStatus ExpireTaker<TSink>(int slot, BookCommandKind command, RejectReason reason, ref TSink sink)
        where TSink : struct, IMatchEventSink
    {
        EmitOrder(ref sink, MatchEventKind.Expired, command, in pool.Entries[slot], OrderStatus.Expired, reason);
        Finish(slot);
        return OrderStatus.Expired;
    }

    /// <summary>FOK pre-check: can the whole remainder fill within the limit, given self-trade prevention?</summary>
    private bool CanFill(in OrderEntry o, long limit)
    {
        var isBuy = o.Side == OrderSide.Buy;
        var opposite = isBuy ? asks : bids;
        var need = o.Remaining;
        var levels = levelPool.Levels;
        var entries = pool.Entries;
        for (var rank = 0; rank < opposite.Count; rank++)
        {
            ref var level = ref levels[opposite.LevelAtRank(rank)];
            if (isBuy ? level.Price > limit : level.Price < limit) return false;
            if (o.Stp == SelfTradePrevention.None)
            {
                need -= level.TotalQuantity;
                if (need <= 0) return true;
                continue;
            }
            for (var m = level.Head; m >= 0; m = entries[m].Next)
            {
                ref var maker = ref entries[m];
                if (maker.UserId == o.UserId)
                {
                    if (o.Stp == SelfTradePrevention.ExpireMaker) continue;
                    return false; // the taker would expire here
                }
                need -= maker.Remaining;
                if (need <= 0) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The matching loop: trades the taker against the opposite side from the best level while the level price is
    /// within <paramref name="limit"/>. Returns true when self-trade prevention stopped the taker.
    /// </summary>
    private bool Match<TSink>(int takerSlot, long limit, BookCommandKind command, ref TSink sink) where TSink : struct, IMatchEventSink
    {
        var entries = pool.Entries;
        var levels = levelPool.Levels;
        ref var taker = ref entries[takerSlot];
        var isBuy = taker.Side == OrderSide.Buy;
        var opposite = isBuy ? asks : bids;
        var stp = taker.Stp;
        var takerUser = taker.UserId;
        var remaining = taker.Quantity - taker.Filled;
        var stopped = false;

        while (opposite.Count != 0)
        {
            var levelIndex = opposite.BestLevel;
            ref var level = ref levels[levelIndex];
            var price = level.Price;
            if (isBuy ? price > limit : price < limit) break;

            var m = level.Head;
            while (m >= 0)
            {
                ref var maker = ref entries[m];
                var next = maker.Next;
                if (stp != SelfTradePrevention.None && maker.UserId == takerUser)
                {
                    if (stp == SelfTradePrevention.ExpireTaker) { stopped = true; break; }
                    RemoveHead(ref level, m, next);
                    EmitOrder(ref sink, MatchEventKind.Expired, command, in maker, OrderStatus.Expired,
                        RejectReason.SelfTradePrevention);
                    Finish(m);
                    m = next;
                    if (stp == SelfTradePrevention.ExpireBoth) { stopped = true; break; }
                    continue;
                }

                var makerRemaining = maker.Quantity - maker.Filled;
                var qty = remaining < makerRemaining ? remaining : makerRemaining;
                maker.Filled += qty;
                taker.Filled += qty;
                remaining -= qty;
                level.TotalQuantity -= qty;
                EmitTrade(ref sink, command, in taker, in maker, price, qty);
                if (qty == makerRemaining)
                {
                    RemoveHead(ref level, m, next);
                    FinishMaker(m, maker.Id);
                }
                if (remaining == 0) break;
                m = next;
            }

            if (level.Count == 0)
            {
                opposite.RemoveBest();
                levelPool.Free(levelIndex);
            }
            if (remaining == 0 || stopped) break;
        }
        return stopped;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RemoveHead(ref PriceLevel level, int slot, int next)
    {
        level.Head = next;
        if (next >= 0) pool.Entries[next].Prev = -1;
        else level.Tail = -1;
        level.Count--;
        if (pool.Entries[slot].Filled != pool.Entries[slot].Quantity)
            level.TotalQuantity -= pool.Entries[slot].Remaining;
    }

    /// <summary>Releases a fully filled maker (always in the id map).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FinishMaker(int slot, long id)
    {
        ids.Remove(id);
        if ((pool.Entries[slot].Flags & OrderFlags.InClientIndex) != 0) clientIds.Remove(slot);
        pool.Free(slot);
    }

    /// <summary>Releases an order that is no longer open: drops it from the indexes and frees its slot.</summary>
    private void Finish(int slot)
    {
        ref var o = ref pool.Entries[slot];
        if ((o.Flags & OrderFlags.InIdMap) != 0) ids.Remove(o.Id);
        if ((o.Flags & OrderFlags.InClientIndex) != 0) clientIds.Remove(slot);
        pool.Free(slot);
    }

    /// <summary>Links an active order at the back of its price level and registers it in the indexes.</summary>
    private void Rest(int slot)
    {
        var entries = pool.Entries;
        ref var o = ref entries[slot];
        var side = o.Side == OrderSide.Buy ? bids : asks;
        var levelIndex = side.FindOrAdd(o.Price, levelPool);
        ref var level = ref levelPool.Levels[levelIndex];
        o.Level = levelIndex;
        o.Next = -1;
        o.Prev = level.Tail;
        if (level.Tail >= 0) entries[level.Tail].Next = slot;
        else level.Head = slot;
        level.Tail = slot;
        level.Count++;
        level.TotalQuantity += o.Quantity - o.Filled;
        o.Flags |= OrderFlags.Resting;
        if ((o.Flags & OrderFlags.InIdMap) == 0)
        {
            o.Flags |= OrderFlags.InIdMap;
            ids.Add(o.Id, slot);
        }
        if (o.ClientOrderId != 0 && (o.Flags & OrderFlags.InClientIndex) == 0)
        {
            o.Flags |= OrderFlags.InClientIndex;
            clientIds.Add(slot);
        }
    }

    /// <summary>Unlinks a resting order from its level (dropping the level when it empties).</summary>
    private void Unlink(int slot)
    {
        var entries = pool.Entries;
        ref var o = ref entries[slot];
        ref var level = ref levelPool.Levels[o.Level];
        if (o.Prev >= 0) entries[o.Prev].Next = o.Next; else level.Head = o.Next;
        if (o.Next >= 0) entries[o.Next].Prev = o.Prev; else level.Tail = o.Prev;
        level.Count--;
        level.TotalQuantity -= o.Quantity - o.Filled;
        if (level.Count == 0)
        {
            (o.Side == OrderSide.Buy ? bids : asks).Remove(level.Price);
            levelPool.Free(o.Level);
        }
        o.Flags &= ~OrderFlags.Resting;
        o.Next = o.Prev = o.Level = -1;
    }
}
