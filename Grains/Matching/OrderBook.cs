using Trading.Grains.Symbols;

namespace Trading.Grains.Matching;

/// <summary>
/// The order book of one symbol: price-time priority matching, conditional orders, self-trade prevention,
/// rolling statistics and snapshots. Plain deterministic C#: no clock, no I/O, no randomness, no floating point;
/// time and ids come from commands. Not thread-safe: one command at a time (a grain turn).
/// Each command method is generic over a struct sink that receives the events it causes, in order.
/// </summary>
public sealed partial class OrderBook
{
    private readonly SymbolSpec spec;
    private readonly long notionalMultiplier;
    private readonly long makerFeePpm, takerFeePpm, makerFeeSafe, takerFeeSafe;
    private readonly long minQty, maxQty, minNotional, priceBandPpm, defaultProtectionTicks;
    private readonly SelfTradePrevention defaultStp;
    private readonly OrderBookSettings settings;

    private readonly OrderPool pool;
    private readonly OrderIdMap ids;
    private readonly ClientOrderIdIndex clientIds;
    private readonly LevelPool levelPool = new();
    private readonly BookSide bids = new(isBid: true);
    private readonly BookSide asks = new(isBid: false);
    private readonly StopOrderBook stops = new();
    private readonly TriggerQueue triggerQueue = new();
    private readonly MarketStatistics stats = new();
    private readonly List<int> scratch = new();

    private long eventSequence;
    private long tradeSequence;
    private long stopSequence;
    private long lastPrice;
    private long markPrice;
    private long now;
    // range of trade prices since the last stop check (empty when low > high)
    private long tradeLow = long.MaxValue;
    private long tradeHigh = long.MinValue;

    /// <summary>Creates an empty book for <paramref name="spec"/>.</summary>
    public OrderBook(SymbolSpec spec, OrderBookSettings? settings = null)
    {
        this.spec = spec;
        this.settings = settings ?? new OrderBookSettings();
        notionalMultiplier = spec.NotionalMultiplier;
        makerFeePpm = spec.MakerFeePpm;
        takerFeePpm = spec.TakerFeePpm;
        makerFeeSafe = makerFeePpm == 0 ? long.MaxValue : long.MaxValue / Math.Abs(makerFeePpm);
        takerFeeSafe = takerFeePpm == 0 ? long.MaxValue : long.MaxValue / Math.Abs(takerFeePpm);
        minQty = spec.MinQtyLots;
        maxQty = spec.MaxQtyLots;
        minNotional = spec.MinNotional;
        priceBandPpm = spec.PriceBandPpm;
        defaultProtectionTicks = spec.MarketProtectionTicks;
        defaultStp = this.settings.DefaultSelfTradePrevention == SelfTradePrevention.Default
            ? SelfTradePrevention.None
            : this.settings.DefaultSelfTradePrevention;
        pool = new OrderPool(this.settings.InitialOrderCapacity);
        ids = new OrderIdMap(this.settings.InitialOrderCapacity);
        clientIds = new ClientOrderIdIndex(pool);
    }

    /// <summary>The symbol's rules.</summary>
    public SymbolSpec Spec => spec;
    public OrderBookSettings Settings => settings;
    /// <summary>Best bid in ticks, 0 when there is none.</summary>
    public long BestBid => bids.BestPrice;
    /// <summary>Best ask in ticks, 0 when there is none.</summary>
    public long BestAsk => asks.BestPrice;
    /// <summary>Price of the last trade, 0 before the first.</summary>
    public long LastPrice => lastPrice;
    /// <summary>Last supplied mark price, 0 when none.</summary>
    public long MarkPrice => markPrice;
    /// <summary>Sequence number of the last event emitted.</summary>
    public long EventSequence => eventSequence;
    /// <summary>Sequence number of the last trade.</summary>
    public long TradeSequence => tradeSequence;
    /// <summary>Time of the last command seen.</summary>
    public long LastCommandTime => now;
    /// <summary>Orders resting in the book.</summary>
    public int RestingOrderCount => pool.Live - stops.Count;
    /// <summary>Untriggered conditional orders.</summary>
    public int StopOrderCount => stops.Count;
    public int BidLevelCount => bids.Count;
    public int AskLevelCount => asks.Count;

    /// <summary>Rolling 24 h statistics as of <paramref name="asOf"/> (epoch ms).</summary>
    public RollingStatistics Statistics(long asOf) => stats.Rolling(asOf);

    /// <summary>Rolling 24 h statistics as of the last command's time.</summary>
    public RollingStatistics Statistics24h => stats.Rolling(now);

    /// <summary>
    /// Fills <paramref name="into"/> with the aggregated levels of one side, best first, without allocating;
    /// returns the number of levels written.
    /// </summary>
    public int GetDepth(OrderSide side, Span<DepthLevel> into)
    {
        var book = side == OrderSide.Buy ? bids : asks;
        var n = Math.Min(into.Length, book.Count);
        var levels = levelPool.Levels;
        for (var i = 0; i < n; i++)
        {
            ref var l = ref levels[book.LevelAtRank(i)];
            into[i] = new DepthLevel(l.Price, l.TotalQuantity, l.Count);
        }
        return n;
    }

    /// <summary>Looks up an open order (resting or untriggered) by id.</summary>
    public bool TryGetOrder(long orderId, out OrderView view)
    {
        var slot = orderId > 0 ? ids.Find(orderId) : -1;
        if (slot < 0) { view = default; return false; }
        view = ViewOf(slot);
        return true;
    }

    /// <summary>Looks up an open order by (user, client order id).</summary>
    public bool TryGetOrderByClientId(long userId, long clientOrderId, out OrderView view)
    {
        var slot = clientOrderId != 0 ? clientIds.Find(userId, clientOrderId) : -1;
        if (slot < 0) { view = default; return false; }
        view = ViewOf(slot);
        return true;
    }

    private OrderView ViewOf(int slot)
    {
        ref var o = ref pool.Entries[slot];
        return new OrderView(o.Id, o.UserId, o.ClientOrderId, o.Side, o.Type, o.Tif, EventPrice(o), o.StopPrice,
            o.Quantity, o.Filled, o.LiveStatus, o.Has(OrderFlags.PendingStop), o.Timestamp);
    }
}
