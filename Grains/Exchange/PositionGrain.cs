using System.Globalization;
using Microsoft.Extensions.Options;
using Trading.Grains.Exchange.Codecs;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;
using Trading.Grains.Symbols;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;

namespace Trading.Grains.Exchange;

/// <summary>
/// The account of one user: the risk stage before and after the book. New orders are checked and their
/// margin reserved (or position locked) before they are forwarded to the book; the book's events for the
/// user settle fills, release reservations and update the user's order journal; mark prices revalue the
/// positions and may produce liquidation orders. Every change is published to <c>positions</c>.
/// </summary>
public sealed partial class PositionGrain(IOptions<TopicOptions> topics) : Grain<PositionGrainState>, IPositionGrain
{
    private readonly TopicOptions _topics = topics.Value;
    private Account _account = null!;
    private OrderJournal _journal = null!;

    private long UserId => KeyAsLong;

    /// <summary>Binary checkpoints: JSON of an account with its journal was most of the order path's checkpoint cost.</summary>
    protected override IStateCodec<PositionGrainState> StateCodec => PositionGrainStateCodec.Instance;

    protected override void OnStateLoaded()
    {
        _account = State.Account is null ? new Account(UserId) : Account.Restore(State.Account, SpecOf);
        _journal = new OrderJournal(State);
    }

    protected override void OnCheckpointing()
    {
        State.Account = _account.ToSnapshot();
        _journal.SaveTo(State);
    }

    public override Task OnMessageAsync(object message, IMessageContext context)
    {
        switch (message)
        {
            case SubmitOrder submit: Submit(submit, context); break;
            case CancelOrderRequest cancel: Cancel(cancel, context); break;
            case CancelAllRequest all: context.Forward(_topics.OrdersCommands, all.Symbol, new BookCancelAll(UserId)); break;
            case AmendOrderRequest amend: Amend(amend, context); break;
            case UserBookEvents events: OnBookEvents(events, context); break;
            case MarkPriceUpdate mark: OnMarkPrice(mark, context); break;
            case Deposit deposit: OnDeposit(deposit, context); break;
            case SetLeverage leverage: OnSetLeverage(leverage, context); break;
            case SetMarginMode mode: OnSetMarginMode(mode, context); break;
            case GetAccount: context.Reply(AccountView()); break;
            case GetOrders q: context.Reply(new OrderList(_journal.Query(q.Symbol, q.Status, q.OpenOnly, Math.Clamp(q.Limit, 1, 1000)))); break;
            case GetOrder q: context.Reply(new OrderLookup(_journal.Find(q.OrderId))); break;
            case GetTrades q: context.Reply(new TradeList(_journal.RecentTrades(q.Symbol, Math.Clamp(q.Limit, 1, 1000)))); break;
            default: throw new ArgumentException($"Position does not handle {message.GetType().Name}.");
        }
        return Task.CompletedTask;
    }

    private SymbolSpec SpecOf(string symbol) =>
        State.Specs.TryGetValue(symbol, out var spec) ? spec : throw new InvalidOperationException($"No rules known for {symbol}.");

    private void Remember(SymbolSpec spec) => State.Specs[spec.Symbol] = spec;

    private static TradeSide ToTradeSide(OrderSide side) => side == OrderSide.Buy ? TradeSide.Buy : TradeSide.Sell;

    private static string UserKey(long user) => user.ToString(CultureInfo.InvariantCulture);

    private void Publish(IMessageContext context, string? symbol, IReadOnlyList<OrderView> orders, IReadOnlyList<TradeView> trades)
    {
        var position = symbol is null ? null : PositionViewOf(symbol);
        context.Emit(_topics.Positions, Key, new UserUpdate(UserId, symbol, context.Timestamp, orders, trades, position, BalanceViews()));
    }
}
