using Trading.Grains.Symbols;

namespace Trading.Grains.Matching;

public sealed partial class OrderBook
{
    /// <summary>Copies the full state into a <see cref="BookSnapshot"/> (allocates; not for the hot path).</summary>
    public BookSnapshot Snapshot()
    {
        var orders = new List<OrderSnapshot>(RestingOrderCount);
        var cids = new List<ClientOrderIdSnapshot>();
        var entries = pool.Entries;
        var levels = levelPool.Levels;
        foreach (var side in new[] { bids, asks })
            for (var rank = 0; rank < side.Count; rank++)
            {
                var position = 0;
                for (var m = levels[side.LevelAtRank(rank)].Head; m >= 0; m = entries[m].Next)
                    orders.Add(ToSnapshot(entries[m], position++, 0));
            }
        var stopList = new List<(int Slot, long Seq)>();
        stops.CopyTo(stopList);
        var stopOrders = new OrderSnapshot[stopList.Count];
        for (var i = 0; i < stopList.Count; i++) stopOrders[i] = ToSnapshot(entries[stopList[i].Slot], 0, stopList[i].Seq);
        foreach (var o in orders) if (o.ClientOrderId != 0) cids.Add(new(o.UserId, o.ClientOrderId, o.OrderId));
        foreach (var o in stopOrders) if (o.ClientOrderId != 0) cids.Add(new(o.UserId, o.ClientOrderId, o.OrderId));

        var buckets = new List<StatisticsBucketSnapshot>();
        var ring = stats.Ring;
        for (var i = 0; i < ring.Length; i++)
            if (ring[i].Trades != 0)
                buckets.Add(new(i, ring[i].Minute, ring[i].High, ring[i].Low, ring[i].Volume, ring[i].QuoteVolume, ring[i].Trades));

        var rolling = stats.Rolling(now);
        var buyDepth = new DepthLevel[bids.Count];
        var sellDepth = new DepthLevel[asks.Count];
        GetDepth(OrderSide.Buy, buyDepth);
        GetDepth(OrderSide.Sell, sellDepth);
        return new BookSnapshot
        {
            Symbol = spec.Symbol,
            LastPrice = lastPrice,
            MarkPrice = markPrice,
            HighPrice = rolling.HighPrice,
            LowPrice = rolling.LowPrice,
            Volume24h = rolling.Volume,
            QuoteVolume24h = rolling.QuoteVolume,
            LastCommandTime = now,
            EventSequence = eventSequence,
            TradeSequence = tradeSequence,
            StopSequence = stopSequence,
            DefaultSelfTradePrevention = defaultStp,
            BuyDepth = buyDepth,
            SellDepth = sellDepth,
            Orders = orders.ToArray(),
            StopOrders = stopOrders,
            StatisticsBuckets = buckets.ToArray(),
            ClientOrderIds = cids.ToArray(),
        };
    }

    private static OrderSnapshot ToSnapshot(in OrderEntry o, int queuePosition, long triggerSequence) => new(
        o.Id, o.UserId, o.ClientOrderId, o.Side, o.Type, o.Tif, o.Price, o.StopPrice, o.Quantity, o.Filled, o.Timestamp,
        o.Stp, o.Working, o.Has(OrderFlags.ReduceOnly), o.PositionAction, o.Has(OrderFlags.Liquidation),
        o.Has(OrderFlags.Triggered), queuePosition, triggerSequence);

    /// <summary>
    /// Rebuilds a book from a snapshot. The settings' default self-trade prevention is taken from the snapshot.
    /// Throws <see cref="InvalidDataException"/> when the snapshot is inconsistent.
    /// </summary>
    public static OrderBook Restore(SymbolSpec spec, BookSnapshot snapshot, OrderBookSettings? settings = null)
    {
        if (snapshot.Version != 1) throw new InvalidDataException($"unsupported book snapshot version {snapshot.Version}");
        if (snapshot.Symbol != spec.Symbol) throw new InvalidDataException($"snapshot of {snapshot.Symbol} restored into {spec.Symbol}");
        var capacity = Math.Max((settings ?? new OrderBookSettings()).InitialOrderCapacity,
            snapshot.Orders.Length + snapshot.StopOrders.Length);
        var book = new OrderBook(spec, (settings ?? new OrderBookSettings()) with
        {
            DefaultSelfTradePrevention = snapshot.DefaultSelfTradePrevention,
            InitialOrderCapacity = capacity,
        });
        book.lastPrice = snapshot.LastPrice;
        book.markPrice = snapshot.MarkPrice;
        book.now = snapshot.LastCommandTime;
        book.eventSequence = snapshot.EventSequence;
        book.tradeSequence = snapshot.TradeSequence;
        book.stopSequence = snapshot.StopSequence;
        foreach (var o in snapshot.Orders)
        {
            if (o.Type.IsMarketLike() || o.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok)
                throw new InvalidDataException($"order {o.OrderId} cannot rest");
            var slot = book.Load(o);
            if (book.ids.Find(o.OrderId) >= 0) throw new InvalidDataException($"duplicate order {o.OrderId}");
            book.Rest(slot);
        }
        // stops are listed in trigger order per list; re-adding with their sequence rebuilds the same lists
        foreach (var o in snapshot.StopOrders)
        {
            if (book.ids.Find(o.OrderId) >= 0) throw new InvalidDataException($"duplicate order {o.OrderId}");
            var slot = book.Load(o);
            ref var e = ref book.pool.Entries[slot];
            e.Flags |= OrderFlags.PendingStop | OrderFlags.InIdMap;
            book.ids.Add(e.Id, slot);
            if (e.ClientOrderId != 0)
            {
                e.Flags |= OrderFlags.InClientIndex;
                book.clientIds.Add(slot);
            }
            book.stops.Add(in e, o.TriggerSequence, slot);
        }
        foreach (var b in snapshot.StatisticsBuckets)
        {
            if ((uint)b.Index >= MarketStatistics.Buckets) throw new InvalidDataException($"bad statistics bucket {b.Index}");
            book.stats.Restore(b.Index, new MarketStatistics.Bucket
            {
                Minute = b.Minute, High = b.High, Low = b.Low, Volume = b.Volume, QuoteVolume = b.QuoteVolume, Trades = b.Trades,
            });
        }
        if (book.clientIds.Count != snapshot.ClientOrderIds.Length)
            throw new InvalidDataException("client order id index does not match the open orders");
        foreach (var c in snapshot.ClientOrderIds)
        {
            var slot = book.clientIds.Find(c.UserId, c.ClientOrderId);
            if (slot < 0 || book.pool.Entries[slot].Id != c.OrderId)
                throw new InvalidDataException($"client order id {c.ClientOrderId} of user {c.UserId} does not match order {c.OrderId}");
        }
        return book;
    }

    private int Load(OrderSnapshot s)
    {
        if (s.OrderId <= 0 || s.Quantity <= 0 || s.FilledQuantity < 0 || s.FilledQuantity >= s.Quantity
            || (!s.Type.IsMarketLike() && s.Price <= 0) || (s.Type.IsConditional() && s.StopPrice <= 0))
            throw new InvalidDataException($"invalid order {s.OrderId} in snapshot");
        var slot = pool.Allocate();
        ref var o = ref pool.Entries[slot];
        o.Id = s.OrderId;
        o.UserId = s.UserId;
        o.ClientOrderId = s.ClientOrderId;
        o.Side = s.Side;
        o.Type = s.Type;
        o.Tif = s.TimeInForce;
        o.Price = s.Price;
        o.StopPrice = s.StopPrice;
        o.Quantity = s.Quantity;
        o.Filled = s.FilledQuantity;
        o.Timestamp = s.Timestamp;
        o.Stp = s.SelfTradePrevention;
        o.Working = s.WorkingType;
        o.PositionAction = s.PositionAction;
        o.Next = o.Prev = o.Level = -1;
        o.Flags = (s.ReduceOnly ? OrderFlags.ReduceOnly : 0) | (s.Liquidation ? OrderFlags.Liquidation : 0)
                  | (s.Triggered ? OrderFlags.Triggered : 0);
        return slot;
    }
}
