using Trading.Runtime.Grains;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;

namespace Trading.Grains.Exchange;

public sealed partial class PositionGrain
{
    /// <summary>The book's events for this user: settle fills, release what finished orders held, follow the journal.</summary>
    private void OnBookEvents(UserBookEvents u, IMessageContext context)
    {
        var orders = new List<OrderView>();
        var trades = new List<TradeView>();
        foreach (var e in u.Events)
        {
            if (e.Kind == MatchEventKind.Trade)
            {
                if (e.UserId == UserId) SettleFill(u.Symbol, e, taker: true, orders, trades, context);
                if (e.MakerUserId == UserId) SettleFill(u.Symbol, e, taker: false, orders, trades, context);
                continue;
            }
            if (e.UserId != UserId) continue;
            OnOrderEvent(u.Symbol, e, orders, context);
        }
        SendLiquidations(_account.CheckLiquidations(context.Timestamp), context);
        Publish(context, u.Symbol, orders, trades);
    }

    private void SettleFill(string symbol, BookEvent e, bool taker, List<OrderView> orders, List<TradeView> trades, IMessageContext context)
    {
        var bookOrderId = taker ? e.OrderId : e.MakerOrderId;
        var side = taker ? e.Side : e.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
        var fee = taker ? e.TakerFee : e.MakerFee;
        var spec = SpecOf(symbol);
        var settlement = _account.SettleFill(spec, new AccountFill(LiquidationOrderIds.ToAccount(bookOrderId), symbol, ToTradeSide(side),
            e.Price, e.Quantity, fee, !taker, e.Timestamp));
        var trade = new TradeView(e.TradeSequence, symbol, bookOrderId, side, e.Price, e.Quantity, e.Notional, fee,
            settlement.RealizedPnl, !taker, taker && e.Liquidation, e.Timestamp);
        _journal.AddTrade(trade);
        trades.Add(trade);
        if (_journal.TryGetOpen(bookOrderId, out var view))
        {
            view = view with
            {
                FilledQuantity = taker ? e.FilledQuantity : e.MakerFilledQuantity,
                FilledNotional = view.FilledNotional + e.Notional,
                Fees = view.Fees + fee,
                Status = taker ? e.Status : e.MakerStatus,
                UpdateTime = e.Timestamp,
            };
            _journal.Put(view);
            orders.Add(view);
            if (view.Status.IsFinal()) _account.CompleteOrder(LiquidationOrderIds.ToAccount(bookOrderId), e.Timestamp);
        }
        // Reduce-only orders whose lock vanished with the position: the account released them, the book must drop them.
        foreach (var orderId in settlement.OrdersToCancel)
            context.Emit(_topics.OrdersCommands, symbol, new BookCancel(orderId, UserId));
    }

    private void OnOrderEvent(string symbol, BookEvent e, List<OrderView> orders, IMessageContext context)
    {
        if (!_journal.TryGetOpen(e.OrderId, out var view)) return; // already finished here (e.g. released by a liquidation)
        switch (e.Kind)
        {
            case MatchEventKind.Rejected when e.Command == BookCommandKind.Amend:
                // The order is unchanged on the book: hold again what it held before the amend.
                Reserve(view, view.WorstPrice, view.Quantity, e.Timestamp);
                return;
            case MatchEventKind.Rejected when e.Command != BookCommandKind.Place:
                return; // a refused cancel leaves the order as it was
            case MatchEventKind.Amended:
                view = view with { Price = e.Price, Quantity = e.Quantity, Status = e.Status, UpdateTime = e.Timestamp };
                break;
            default:
                view = view with { Status = e.Status, Reason = e.Reason ?? view.Reason, UpdateTime = e.Timestamp };
                break;
        }
        _journal.Put(view);
        orders.Add(view);
        if (view.Status.IsFinal()) _account.CompleteOrder(LiquidationOrderIds.ToAccount(e.OrderId), e.Timestamp);
    }

    private void OnMarkPrice(MarkPriceUpdate m, IMessageContext context)
    {
        if (_account.GetPosition(m.Symbol) is null) return;
        SendLiquidations(_account.UpdateMarkPrice(m.Symbol, m.MarkPrice, m.Timestamp), context);
        Publish(context, m.Symbol, [], []);
    }

    /// <summary>Cancels what the account released and sends each liquidation to the book: IOC at the bankruptcy price.</summary>
    private void SendLiquidations(IReadOnlyList<LiquidationOrder> liquidations, IMessageContext context)
    {
        foreach (var liquidation in liquidations)
        {
            foreach (var orderId in liquidation.CanceledOrderIds)
                context.Emit(_topics.OrdersCommands, liquidation.Symbol, new BookCancel(orderId, UserId, Administrative: true));
            var bookId = LiquidationOrderIds.ToBook(UserId, liquidation.OrderId);
            var side = liquidation.Side == TradeSide.Buy ? OrderSide.Buy : OrderSide.Sell;
            _journal.Put(new OrderView
            {
                OrderId = bookId, Symbol = liquidation.Symbol, Side = side, Type = OrderType.Limit, TimeInForce = TimeInForce.Ioc,
                Price = liquidation.BankruptcyPriceTicks, Quantity = liquidation.QtyLots, Status = OrderStatus.New,
                ReduceOnly = true, Liquidation = true, CreateTime = liquidation.TimeMs, UpdateTime = liquidation.TimeMs,
                WorstPrice = liquidation.BankruptcyPriceTicks,
            });
            context.Emit(_topics.OrdersCommands, liquidation.Symbol, new BookPlace
            {
                OrderId = bookId, UserId = UserId, Side = side, Type = OrderType.Limit, TimeInForce = TimeInForce.Ioc,
                Price = liquidation.BankruptcyPriceTicks, Quantity = liquidation.QtyLots, ReduceOnly = true, Liquidation = true,
            });
        }
    }
}
