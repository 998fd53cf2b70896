using Microsoft.Extensions.Options;
using Trading.Grains.Exchange.Codecs;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;

namespace Trading.Grains.Exchange;

/// <summary>
/// The order book of one symbol around the matching core. Each command's events go to <c>match-results</c>
/// (one record per command), each user's share to <c>positions.fills</c>, and the sender gets an
/// <see cref="OrderResult"/> when it waits. Mark prices trigger stops and are passed on to every holder.
/// </summary>
public sealed class OrderBookGrain(IOptions<TopicOptions> topics, IOptions<ExchangeOptions> exchange) : Grain<OrderBookGrainState>, IOrderBookGrain
{
    private readonly TopicOptions _topics = topics.Value;
    private readonly List<BookEvent> _events = new();
    private readonly DepthFeed _depth = new(exchange.Value.DepthLevels);
    private OrderBook? _book;

    /// <summary>Binary checkpoints: a book of 100,000 resting orders is megabytes of JSON, and every snapshot moves it.</summary>
    protected override IStateCodec<OrderBookGrainState> StateCodec => OrderBookGrainStateCodec.Instance;

    protected override void OnStateLoaded()
    {
        _book = State.Spec is null ? null : State.Book is null ? new OrderBook(State.Spec) : OrderBook.Restore(State.Spec, State.Book);
        if (_book is not null) _depth.Reset(_book);
    }

    protected override void OnCheckpointing() => State.Book = _book?.Snapshot();

    public override Task OnMessageAsync(object message, IMessageContext context)
    {
        _events.Clear();
        switch (message)
        {
            case BookPlace place: Place(place, context); break;
            case BookCancel cancel: Cancel(cancel, context); break;
            case BookCancelAll all: CancelAll(all, context); break;
            case BookAmend amend: Amend(amend, context); break;
            case SetMarkPrice mark: Mark(mark, context); break;
            case ConfigureSymbol configure: Configure(configure.Spec, context); break;
            case GetBookDepth depth: context.Reply(Depth(depth.Levels, context.Timestamp)); break;
            case GetTicker: context.Reply(TickerOf(context.Timestamp)); break;
            default: throw new ArgumentException($"OrderBook does not handle {message.GetType().Name}.");
        }
        return Task.CompletedTask;
    }

    private void Place(BookPlace p, IMessageContext context)
    {
        if (_book is null)
        {
            RejectUnconfigured(p.OrderId, p.UserId, context);
            return;
        }
        var command = new PlaceOrder
        {
            OrderId = p.OrderId, UserId = p.UserId, ClientOrderId = p.ClientOrderId, Side = p.Side, Type = p.Type,
            TimeInForce = p.TimeInForce, Price = p.Price, StopPrice = p.StopPrice, Quantity = p.Quantity,
            ProtectionTicks = p.ProtectionTicks, WorkingType = p.WorkingType, SelfTradePrevention = p.SelfTradePrevention,
            ReduceOnly = p.ReduceOnly, PositionAction = p.PositionAction, Liquidation = p.Liquidation, Timestamp = context.Timestamp,
        };
        var sink = new BookEventCollector(_events);
        _book.Place(command, ref sink);
        Publish(context, p.OrderId);
    }

    private void Cancel(BookCancel c, IMessageContext context)
    {
        if (_book is null)
        {
            RejectUnconfigured(c.OrderId, c.UserId, context);
            return;
        }
        var command = c.Administrative ? CancelOrder.ByIdAsVenue(c.OrderId, context.Timestamp)
            : c.OrderId > 0 ? CancelOrder.ById(c.OrderId, c.UserId, context.Timestamp)
            : CancelOrder.ByClientId(c.UserId, c.ClientOrderId, context.Timestamp);
        var sink = new BookEventCollector(_events);
        _book.Cancel(command, ref sink);
        Publish(context, c.OrderId);
    }

    private void CancelAll(BookCancelAll c, IMessageContext context)
    {
        if (_book is null)
        {
            context.Reply(new OrderResult(0, Key, OrderStatus.Rejected, "UNKNOWN_SYMBOL", 0, []));
            return;
        }
        var sink = new BookEventCollector(_events);
        _book.CancelAll(c.UserId, context.Timestamp, ref sink);
        Publish(context, 0);
    }

    private void Amend(BookAmend a, IMessageContext context)
    {
        if (_book is null)
        {
            RejectUnconfigured(a.OrderId, a.UserId, context);
            return;
        }
        var sink = new BookEventCollector(_events);
        _book.Amend(AmendOrder.Of(a.OrderId, a.UserId, a.NewPrice, a.NewQuantity, context.Timestamp), ref sink);
        Publish(context, a.OrderId);
    }

    private void Mark(SetMarkPrice m, IMessageContext context)
    {
        if (_book is null)
        {
            context.Reply(new CommandResult(false, "UNKNOWN_SYMBOL"));
            return;
        }
        var sink = new BookEventCollector(_events);
        _book.SetMarkPrice(m.MarkPrice, context.Timestamp, ref sink);
        Publish(context, 0, reply: false);
        var accepted = _book.MarkPrice == m.MarkPrice;
        if (accepted)
            foreach (var user in State.Holdings.Keys)
                context.Emit(_topics.PositionsFills, UserKey(user), new MarkPriceUpdate(Key, m.MarkPrice, context.Timestamp));
        context.Reply(new CommandResult(accepted, accepted ? null : "INVALID_PRICE"));
    }

    private void Configure(SymbolSpec spec, IMessageContext context)
    {
        if (spec.Symbol != Key) throw new ArgumentException($"Spec of {spec.Symbol} sent to book {Key}.");
        _book = _book is null ? new OrderBook(spec) : OrderBook.Restore(spec, _book.Snapshot(), _book.Settings);
        State.Spec = spec;
        _depth.Reset(_book);
        WriteStateAsync();
        context.Reply(new CommandResult(true, null));
    }

    /// <summary>A command for a symbol the registry never configured: the account must still hear that the order ended.</summary>
    private void RejectUnconfigured(long orderId, long userId, IMessageContext context)
    {
        var rejected = new BookEvent
        {
            Timestamp = context.Timestamp, Kind = MatchEventKind.Rejected, Command = BookCommandKind.Place, Reason = "UNKNOWN_SYMBOL",
            OrderId = orderId, UserId = userId, Status = OrderStatus.Rejected,
        };
        context.Emit(_topics.PositionsFills, UserKey(userId), new UserBookEvents(Key, userId, [rejected]));
        context.Reply(new OrderResult(orderId, Key, OrderStatus.Rejected, "UNKNOWN_SYMBOL", 0, [rejected]));
    }

    private void Publish(IMessageContext context, long subjectOrderId, bool reply = true)
    {
        var events = _events.ToArray();
        if (events.Length > 0) context.Emit(_topics.MatchResults, Key, new MatchResult(Key, events));
        EmitPerUser(context, events);
        if (events.Length > 0 && _depth.Next(_book!, Key, context.Timestamp) is { } depth)
            context.Emit(_topics.MarketDataOrderBooks, Key, depth);
        if (State.Spec!.Kind == ContractKind.UsdtPerpetual) TrackHoldings(events);
        if (reply && context.ExpectsReply) context.Reply(ResultOf(subjectOrderId, events));
    }

    /// <summary>Each user involved gets one record with the events that concern them, in book order.</summary>
    private void EmitPerUser(IMessageContext context, BookEvent[] events)
    {
        if (events.Length == 0) return;
        var byUser = new Dictionary<long, List<BookEvent>>();
        foreach (var e in events)
        {
            Add(byUser, e.UserId, e);
            if (e.Kind == MatchEventKind.Trade && e.MakerUserId != e.UserId) Add(byUser, e.MakerUserId, e);
        }
        foreach (var (user, list) in byUser)
            if (user > 0) context.Emit(_topics.PositionsFills, UserKey(user), new UserBookEvents(Key, user, list));

        static void Add(Dictionary<long, List<BookEvent>> map, long user, BookEvent e)
        {
            if (!map.TryGetValue(user, out var list)) map[user] = list = new List<BookEvent>(2);
            list.Add(e);
        }
    }

    private void TrackHoldings(BookEvent[] events)
    {
        foreach (var e in events)
        {
            if (e.Kind != MatchEventKind.Trade) continue;
            var takerDelta = e.Side == OrderSide.Buy ? e.Quantity : -e.Quantity;
            Move(e.UserId, takerDelta);
            Move(e.MakerUserId, -takerDelta);
        }

        void Move(long user, long delta)
        {
            var net = State.Holdings.GetValueOrDefault(user) + delta;
            if (net == 0) State.Holdings.Remove(user);
            else State.Holdings[user] = net;
        }
    }

    /// <summary>The subject order's state after the command: the last event about it.</summary>
    private OrderResult ResultOf(long orderId, BookEvent[] events)
    {
        var status = OrderStatus.New;
        string? reason = null;
        long filled = 0;
        for (var i = events.Length - 1; i >= 0; i--)
        {
            var e = events[i];
            if (orderId != 0 && e.OrderId != orderId && e.MakerOrderId != orderId) continue;
            if (orderId != 0 && e.Kind == MatchEventKind.Trade && e.MakerOrderId == orderId && e.OrderId != orderId)
            {
                status = e.MakerStatus;
                filled = e.MakerFilledQuantity;
            }
            else
            {
                status = e.Status;
                filled = e.FilledQuantity;
                reason = e.Reason;
            }
            break;
        }
        if (orderId == 0)
        {
            status = OrderStatus.Canceled;
            foreach (var e in events)
                if (e.Kind == MatchEventKind.Rejected)
                {
                    status = OrderStatus.Rejected;
                    reason = e.Reason;
                }
        }
        return new OrderResult(orderId, Key, status, reason, filled, events);
    }

    private BookDepth Depth(int levels, long now)
    {
        levels = Math.Clamp(levels, 1, 1000);
        if (_book is null) return new BookDepth(Key, 0, now, [], []);
        var buffer = new DepthLevel[levels];
        return new BookDepth(Key, _book.EventSequence, now, Side(OrderSide.Buy), Side(OrderSide.Sell));

        DepthEntry[] Side(OrderSide side)
        {
            var n = _book!.GetDepth(side, buffer);
            var entries = new DepthEntry[n];
            for (var i = 0; i < n; i++) entries[i] = new DepthEntry(buffer[i].Price, buffer[i].Quantity, buffer[i].OrderCount);
            return entries;
        }
    }

    private Ticker TickerOf(long now)
    {
        if (_book is null) return new Ticker(Key, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, now);
        var s = _book.Statistics(Math.Max(now, _book.LastCommandTime));
        return new Ticker(Key, true, _book.LastPrice, _book.MarkPrice, _book.BestBid, _book.BestAsk, s.HighPrice, s.LowPrice,
            s.Volume, s.QuoteVolume, s.TradeCount, _book.EventSequence, now);
    }

    private static string UserKey(long user) => user.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
