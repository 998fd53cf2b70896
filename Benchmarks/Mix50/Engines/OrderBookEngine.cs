using Trading.Grains.Matching;
using Trading.Grains.Symbols;

namespace Trading.Benchmarks.Mix50;

/// <summary>The production order book (Grains/Matching) as a mix50 engine.</summary>
public struct OrderBookEngine : IMix50Engine
{
    /// <summary>The symbol every book benchmark trades: 0.1 tick, 0.001 step, 2/5 bps fees.</summary>
    public static readonly SymbolSpec Spec = new()
    {
        Symbol = "MIX50", BaseAsset = "BASE", QuoteAsset = "QUOTE", TickSize = 0.1m, StepSize = 0.001m,
        MinQtyLots = 1, MaxQtyLots = 1_000_000_000, MakerFeePpm = 200, TakerFeePpm = 500,
        Brackets = [new MaintenanceBracket(0, long.MaxValue, 100, 4_000, 0)],
    };

    private OrderBook _book;
    private long _time;

    public OrderBookEngine() => _book = new OrderBook(Spec);

    public readonly long RestingOrders => _book.RestingOrderCount;

    public void Reset()
    {
        _book = new OrderBook(Spec);
        _time = 0;
    }

    public void Apply<TListener>(in Mix50Command command, ref TListener listener)
        where TListener : struct, IMix50TradeListener
    {
        var sink = new TradeForwarder<TListener>(listener);
        var time = ++_time;
        var side = command.IsBuy ? OrderSide.Buy : OrderSide.Sell;
        switch (command.Type)
        {
            case Mix50CommandType.Cancel:
                _book.Cancel(CancelOrder.ByIdAsVenue(command.OrderId, time), ref sink);
                break;
            case Mix50CommandType.Market:
                _book.Place(new PlaceOrder
                {
                    OrderId = command.OrderId, UserId = command.Uid, Side = side, Type = OrderType.Market,
                    TimeInForce = TimeInForce.Ioc, Quantity = command.Qty, ProtectionTicks = 0, Timestamp = time,
                }, ref sink);
                break;
            default:
                _book.Place(new PlaceOrder
                {
                    OrderId = command.OrderId, UserId = command.Uid, Side = side, Type = OrderType.Limit,
                    TimeInForce = command.Type == Mix50CommandType.Ioc ? TimeInForce.Ioc : TimeInForce.Gtc,
                    Price = command.Price, Quantity = command.Qty, ProtectionTicks = 0, Timestamp = time,
                }, ref sink);
                break;
        }
        listener = sink.Listener;
    }

    public readonly ulong ComputeRestingChecksum()
    {
        var checksum = new RestingChecksum();
        foreach (var o in _book.Snapshot().Orders)
            checksum.Add(o.OrderId, o.Price, o.Quantity - o.FilledQuantity, o.Side == OrderSide.Buy);
        return checksum.Value;
    }

    /// <summary>Passes the book's trade events to the harness listener.</summary>
    private struct TradeForwarder<TListener>(TListener listener) : IMatchEventSink
        where TListener : struct, IMix50TradeListener
    {
        public TListener Listener = listener;

        public void OnEvent(in MatchEvent e)
        {
            if (e.Kind == MatchEventKind.Trade) Listener.OnTrade(e.OrderId, e.MakerOrderId, e.Price, e.Quantity);
        }
    }
}
