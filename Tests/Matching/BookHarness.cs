using Trading.Grains.Matching;
using Trading.Grains.Symbols;

namespace Trading.Tests.Matching;

/// <summary>Drives an <see cref="OrderBook"/> in tests: one call per command, returning that command's events.</summary>
internal sealed class BookHarness
{
    /// <summary>Tick 0.1, step 0.001: notional multiplier 10,000 money units per tick*lot; fees 200 / 500 ppm.</summary>
    public static SymbolSpec Spec(long minNotional = 0, long priceBandPpm = 0, long marketProtectionTicks = 0,
        long minQty = 1, long maxQty = 1_000_000) => new()
    {
        Symbol = "BTCUSDT", BaseAsset = "BTC", QuoteAsset = "USDT", TickSize = 0.1m, StepSize = 0.001m,
        MinQtyLots = minQty, MaxQtyLots = maxQty, MinNotional = minNotional, PriceBandPpm = priceBandPpm,
        MarketProtectionTicks = marketProtectionTicks, MakerFeePpm = 200, TakerFeePpm = 500,
        Brackets = [new MaintenanceBracket(0, long.MaxValue, 100, 4_000, 0)],
    };

    private readonly List<MatchEvent> buffer = new();
    private EventRecorder recorder;

    public BookHarness(SymbolSpec? spec = null, OrderBookSettings? settings = null)
        : this(new OrderBook(spec ?? Spec(), settings)) { }

    public BookHarness(OrderBook book)
    {
        Book = book;
        recorder = new EventRecorder(buffer);
    }

    public OrderBook Book { get; }
    public List<MatchEvent> All { get; } = new();
    public long Time { get; set; } = 1_700_000_000_000;
    public OrderStatus LastStatus { get; private set; }

    private List<MatchEvent> Take()
    {
        var events = buffer.ToList();
        All.AddRange(events);
        buffer.Clear();
        Time += 1000;
        return events;
    }

    public List<MatchEvent> Place(PlaceOrder cmd)
    {
        if (cmd.Timestamp == 0) cmd.Timestamp = Time;
        LastStatus = Book.Place(cmd, ref recorder);
        return Take();
    }

    public List<MatchEvent> Limit(long id, long user, OrderSide side, long price, long qty,
        TimeInForce tif = TimeInForce.Gtc, long cid = 0, SelfTradePrevention stp = SelfTradePrevention.Default,
        bool reduceOnly = false, PositionAction action = PositionAction.Unspecified)
    {
        var cmd = PlaceOrder.Limit(id, user, side, price, qty, Time, tif, cid);
        cmd.SelfTradePrevention = stp;
        cmd.ReduceOnly = reduceOnly;
        cmd.PositionAction = action;
        return Place(cmd);
    }

    public List<MatchEvent> Market(long id, long user, OrderSide side, long qty, long protection = -1,
        SelfTradePrevention stp = SelfTradePrevention.Default)
    {
        var cmd = PlaceOrder.Market(id, user, side, qty, Time, protection);
        cmd.SelfTradePrevention = stp;
        return Place(cmd);
    }

    public List<MatchEvent> Stop(long id, long user, OrderSide side, OrderType type, long stop, long price, long qty,
        WorkingType working = WorkingType.LastPrice, long cid = 0, TimeInForce tif = TimeInForce.Gtc)
    {
        var cmd = PlaceOrder.Conditional(id, user, side, type, stop, price, qty, Time, working, tif);
        cmd.ClientOrderId = cid;
        return Place(cmd);
    }

    public List<MatchEvent> Cancel(long id, long user)
    {
        Book.Cancel(CancelOrder.ById(id, user, Time), ref recorder);
        return Take();
    }

    public List<MatchEvent> CancelByClientId(long user, long cid)
    {
        Book.Cancel(CancelOrder.ByClientId(user, cid, Time), ref recorder);
        return Take();
    }

    public List<MatchEvent> CancelAll(long user)
    {
        Book.CancelAll(user, Time, ref recorder);
        return Take();
    }

    public List<MatchEvent> Amend(long id, long user, long newPrice, long newQty)
    {
        Book.Amend(AmendOrder.Of(id, user, newPrice, newQty, Time), ref recorder);
        return Take();
    }

    public List<MatchEvent> Mark(long price)
    {
        Book.SetMarkPrice(price, Time, ref recorder);
        return Take();
    }

    /// <summary>Fee as the shared fee rules compute it.</summary>
    public long MakerFee(long price, long qty) => Fees.Compute(Book.Spec.Notional(price, qty), Book.Spec.MakerFeePpm);
    public long TakerFee(long price, long qty) => Fees.Compute(Book.Spec.Notional(price, qty), Book.Spec.TakerFeePpm);
}

/// <summary>Assertions on single events.</summary>
internal static class Expect
{
    public static void Accepted(in MatchEvent e, long orderId, OrderStatus status = OrderStatus.New)
    {
        Assert.Equal(MatchEventKind.Accepted, e.Kind);
        Assert.Equal(orderId, e.OrderId);
        Assert.Equal(status, e.Status);
    }

    public static void Rejected(in MatchEvent e, long orderId, RejectReason reason, BookCommandKind command = BookCommandKind.Place)
    {
        Assert.Equal(MatchEventKind.Rejected, e.Kind);
        Assert.Equal(orderId, e.OrderId);
        Assert.Equal(reason, e.Reason);
        Assert.Equal(command, e.Command);
        Assert.Equal(OrderStatus.Rejected, e.Status);
    }

    public static void Trade(in MatchEvent e, long taker, long maker, long price, long qty,
        OrderStatus takerStatus, long takerFilled, OrderStatus makerStatus, long makerFilled)
    {
        Assert.Equal(MatchEventKind.Trade, e.Kind);
        Assert.Equal(taker, e.OrderId);
        Assert.Equal(maker, e.MakerOrderId);
        Assert.Equal(price, e.Price);
        Assert.Equal(qty, e.Quantity);
        Assert.Equal(takerStatus, e.Status);
        Assert.Equal(takerFilled, e.FilledQuantity);
        Assert.Equal(makerStatus, e.MakerStatus);
        Assert.Equal(makerFilled, e.MakerFilledQuantity);
    }

    public static void Ended(in MatchEvent e, MatchEventKind kind, long orderId, RejectReason reason, long filled)
    {
        Assert.Equal(kind, e.Kind);
        Assert.Equal(orderId, e.OrderId);
        Assert.Equal(reason, e.Reason);
        Assert.Equal(filled, e.FilledQuantity);
        Assert.Equal(kind == MatchEventKind.Canceled ? OrderStatus.Canceled : OrderStatus.Expired, e.Status);
    }

    public static void Kinds(List<MatchEvent> events, params MatchEventKind[] kinds) =>
        Assert.Equal(kinds, events.Select(e => e.Kind).ToArray());
}
