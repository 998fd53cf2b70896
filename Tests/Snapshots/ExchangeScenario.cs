using Trading.Grains.Exchange;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;
using MarginReject = Trading.Grains.Margin.RejectReason;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;

namespace Trading.Tests.Snapshots;

/// <summary>
/// A small exchange on the real matching core and margin engine, glued the way the grains glue them (the account
/// checks and reserves, the book matches, the book's events settle fills and update the owner's order journal), so
/// that its checkpoint states are exactly what OrderBook and Position grains would capture.
/// </summary>
internal sealed class ExchangeScenario
{
    private readonly Dictionary<string, SymbolSpec> _specs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrderBook> _books = new(StringComparer.Ordinal);
    private readonly Dictionary<long, User> _users = new();
    private readonly Queue<(string Symbol, long OrderId, long UserId)> _cancels = new();

    public long Time { get; private set; } = 1_795_000_000_000;

    public IReadOnlyDictionary<string, SymbolSpec> Specs => _specs;

    public Account AccountOf(long userId) => _users[userId].Account;

    public OrderBook BookOf(string symbol) => _books[symbol];

    public void List(SymbolSpec spec)
    {
        _specs[spec.Symbol] = spec;
        _books[spec.Symbol] = new OrderBook(spec);
    }

    public void Deposit(long userId, string asset, decimal amount) =>
        Assert.Equal(MarginReject.None, UserOf(userId).Account.Deposit(asset, Money.FromDecimal(amount), Tick()));

    public void Leverage(long userId, string symbol, int leverage, PositionMode mode)
    {
        var user = UserOf(userId);
        var spec = _specs[symbol];
        user.State.Specs[symbol] = spec;
        Assert.Equal(MarginReject.None, user.Account.SetPositionMode(spec, mode, Tick()));
        Assert.Equal(MarginReject.None, user.Account.SetLeverage(spec, leverage, Tick()));
    }

    /// <summary>Places an order as the Position grain would; returns its status after the book (or the account's rejection).</summary>
    public OrderStatus Place(long userId, long orderId, string symbol, OrderSide side, OrderType type, decimal price, decimal quantity,
        decimal stopPrice = 0, decimal worstPrice = 0, bool reduceOnly = false, PositionAction action = PositionAction.Unspecified,
        string? clientOrderId = null, TimeInForce tif = TimeInForce.Gtc)
    {
        var user = UserOf(userId);
        var spec = _specs[symbol];
        user.State.Specs[symbol] = spec;
        var t = Tick();
        var priceTicks = price == 0 ? 0 : spec.PriceToTicks(price);
        var lots = spec.QuantityToLots(quantity);
        var worst = worstPrice != 0 ? spec.PriceToTicks(worstPrice) : priceTicks;
        var intent = reduceOnly || action == PositionAction.Close ? OrderIntent.Close : OrderIntent.Open;
        var check = user.Account.TryPlaceOrder(spec, new OrderRequest(orderId, side == OrderSide.Buy ? TradeSide.Buy : TradeSide.Sell,
            intent, worst, lots, t)).Reason;
        var view = new OrderView
        {
            OrderId = orderId, Symbol = symbol, ClientOrderId = clientOrderId, Side = side, Type = type, TimeInForce = tif,
            Price = priceTicks, StopPrice = stopPrice == 0 ? 0 : spec.PriceToTicks(stopPrice), Quantity = lots,
            Status = check == MarginReject.None ? OrderStatus.New : OrderStatus.Rejected, Reason = ReasonCodes.Of(check),
            ReduceOnly = reduceOnly, PositionAction = action, CreateTime = t, UpdateTime = t, WorstPrice = worst,
        };
        user.Journal.Put(view);
        if (check != MarginReject.None) return OrderStatus.Rejected;
        var command = new PlaceOrder
        {
            OrderId = orderId, UserId = userId, ClientOrderId = clientOrderId is null ? 0 : Trading.Client.Api.Exchange.ClientOrderIds.Hash(clientOrderId),
            Side = side, Type = type, TimeInForce = tif, Price = priceTicks, StopPrice = view.StopPrice, Quantity = lots,
            ProtectionTicks = -1, ReduceOnly = reduceOnly, PositionAction = action, Timestamp = t,
        };
        var sink = new EventRecorder();
        var status = _books[symbol].Place(command, ref sink);
        Dispatch(symbol, sink.Events);
        return status;
    }

    /// <summary>Cancels an order on its book; false when the book does not hold it.</summary>
    public bool Cancel(long userId, long orderId, string symbol)
    {
        var sink = new EventRecorder();
        var canceled = _books[symbol].Cancel(CancelOrder.ById(orderId, userId, Tick()), ref sink);
        Dispatch(symbol, sink.Events);
        return canceled;
    }

    /// <summary>A mark price for the book (stops by mark) and every account holding the symbol; no liquidation expected.</summary>
    public void Mark(string symbol, decimal price)
    {
        var spec = _specs[symbol];
        var t = Tick();
        var sink = new EventRecorder();
        _books[symbol].SetMarkPrice(spec.PriceToTicks(price), t, ref sink);
        Dispatch(symbol, sink.Events);
        foreach (var user in _users.Values)
            if (user.Account.GetPosition(symbol) is not null)
                Assert.Empty(user.Account.UpdateMarkPrice(symbol, spec.PriceToTicks(price), t));
    }

    /// <summary>The checkpoint states, as the grains write them when they checkpoint.</summary>
    public (Dictionary<string, OrderBookGrainState> Books, Dictionary<long, PositionGrainState> Positions) Capture()
    {
        var books = new Dictionary<string, OrderBookGrainState>(StringComparer.Ordinal);
        foreach (var (symbol, book) in _books) books[symbol] = new OrderBookGrainState { Spec = _specs[symbol], Book = book.Snapshot() };
        var positions = new Dictionary<long, PositionGrainState>();
        foreach (var (userId, user) in _users)
        {
            var state = new PositionGrainState { Account = user.Account.ToSnapshot(), Specs = new(user.State.Specs, StringComparer.Ordinal) };
            user.Journal.SaveTo(state);
            positions[userId] = state;
        }
        return (books, positions);
    }

    private long Tick() => Time += 1_000;

    private User UserOf(long userId)
    {
        if (!_users.TryGetValue(userId, out var user)) _users[userId] = user = new User(userId);
        return user;
    }

    /// <summary>The Position grain's handling of the book's events (settle fills, follow the journal, release finished orders).</summary>
    private void Dispatch(string symbol, List<MatchEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Kind == MatchEventKind.Trade)
            {
                Settle(symbol, e, taker: true);
                Settle(symbol, e, taker: false);
                continue;
            }
            var user = _users[e.UserId];
            if (!user.Journal.TryGetOpen(e.OrderId, out var view)) continue;
            if (e.Kind == MatchEventKind.Rejected && e.Command != BookCommandKind.Place) continue;
            view = e.Kind == MatchEventKind.Amended
                ? view with { Price = e.Price, Quantity = e.Quantity, Status = e.Status, UpdateTime = e.Timestamp }
                : view with { Status = e.Status, Reason = ReasonCodes.Of(e.Reason) ?? view.Reason, UpdateTime = e.Timestamp };
            user.Journal.Put(view);
            if (view.Status.IsFinal()) user.Account.CompleteOrder(e.OrderId, e.Timestamp);
        }
        while (_cancels.TryDequeue(out var c))
        {
            var sink = new EventRecorder();
            _books[c.Symbol].Cancel(CancelOrder.ById(c.OrderId, c.UserId, Time), ref sink);
            Dispatch(c.Symbol, sink.Events);
        }
    }

    private void Settle(string symbol, in MatchEvent e, bool taker)
    {
        var userId = taker ? e.UserId : e.MakerUserId;
        var user = _users[userId];
        var orderId = taker ? e.OrderId : e.MakerOrderId;
        var side = taker ? e.Side : e.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
        var fee = taker ? e.TakerFee : e.MakerFee;
        var settlement = user.Account.SettleFill(_specs[symbol], new AccountFill(orderId, symbol, side == OrderSide.Buy ? TradeSide.Buy : TradeSide.Sell,
            e.Price, e.Quantity, fee, !taker, e.Timestamp));
        user.Journal.AddTrade(new TradeView(e.TradeSequence, symbol, orderId, side, e.Price, e.Quantity, e.Notional, fee,
            settlement.RealizedPnl, !taker, false, e.Timestamp));
        if (user.Journal.TryGetOpen(orderId, out var view))
        {
            view = view with
            {
                FilledQuantity = taker ? e.FilledQuantity : e.MakerFilledQuantity, FilledNotional = view.FilledNotional + e.Notional,
                Fees = view.Fees + fee, Status = taker ? e.Status : e.MakerStatus, UpdateTime = e.Timestamp,
            };
            user.Journal.Put(view);
            if (view.Status.IsFinal()) user.Account.CompleteOrder(orderId, e.Timestamp);
        }
        foreach (var id in settlement.OrdersToCancel) _cancels.Enqueue((symbol, id, userId));
    }

    private sealed class User(long userId)
    {
        public Account Account { get; } = new(userId);
        public PositionGrainState State { get; } = new();
        public OrderJournal Journal { get; } = new(new PositionGrainState());
    }
}
