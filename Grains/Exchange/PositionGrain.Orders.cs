using Trading.Runtime.Grains;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;

namespace Trading.Grains.Exchange;

public sealed partial class PositionGrain
{
    /// <summary>Pre-trade check: reserve margin or lock the position, then hand the order (and the reply duty) to the book.</summary>
    private void Submit(SubmitOrder s, IMessageContext context)
    {
        Remember(s.Spec);
        var symbol = s.Spec.Symbol;
        var intent = s.ReduceOnly || s.PositionAction == PositionAction.Close ? OrderIntent.Close : OrderIntent.Open;
        var check = _journal.Find(s.OrderId) is not null
            ? Margin.RejectReason.DuplicateOrderId
            : _account.TryPlaceOrder(s.Spec, new OrderRequest(s.OrderId, ToTradeSide(s.Side), intent, s.WorstPrice, s.Quantity, context.Timestamp)).Reason;
        var view = new OrderView
        {
            OrderId = s.OrderId, Symbol = symbol, ClientOrderId = s.ClientOrderIdText, Side = s.Side, Type = s.Type,
            TimeInForce = s.TimeInForce, Price = s.Price, StopPrice = s.StopPrice, Quantity = s.Quantity,
            Status = check == Margin.RejectReason.None ? OrderStatus.New : OrderStatus.Rejected, Reason = ReasonCodes.Of(check),
            ReduceOnly = s.ReduceOnly, PositionAction = s.PositionAction, CreateTime = context.Timestamp,
            UpdateTime = context.Timestamp, WorstPrice = s.WorstPrice,
        };
        _journal.Put(view);
        if (check != Margin.RejectReason.None)
        {
            context.Reply(new OrderResult(s.OrderId, symbol, OrderStatus.Rejected, view.Reason, 0, []));
            Publish(context, symbol, [view], []);
            return;
        }
        context.Forward(_topics.OrdersCommands, symbol, new BookPlace
        {
            OrderId = s.OrderId, UserId = UserId, ClientOrderId = s.ClientOrderId, Side = s.Side, Type = s.Type,
            TimeInForce = s.TimeInForce, Price = s.Price, StopPrice = s.StopPrice, Quantity = s.Quantity,
            ProtectionTicks = s.ProtectionTicks, WorkingType = s.WorkingType, SelfTradePrevention = s.SelfTradePrevention,
            ReduceOnly = s.ReduceOnly, PositionAction = s.PositionAction,
        });
        Publish(context, symbol, [view], []);
    }

    private void Cancel(CancelOrderRequest c, IMessageContext context)
    {
        if (c.OrderId == 0 && c.Symbol is not null && c.ClientOrderId != 0)
        {
            context.Forward(_topics.OrdersCommands, c.Symbol, new BookCancel(0, UserId, c.ClientOrderId));
            return;
        }
        if (!_journal.TryGetOpen(c.OrderId, out var view))
        {
            var known = _journal.Find(c.OrderId);
            context.Reply(new OrderResult(c.OrderId, known?.Symbol ?? c.Symbol ?? "", known?.Status ?? OrderStatus.Rejected,
                known is null ? "UNKNOWN_ORDER" : "ORDER_ALREADY_FINISHED", known?.FilledQuantity ?? 0, []));
            return;
        }
        context.Forward(_topics.OrdersCommands, view.Symbol, new BookCancel(c.OrderId, UserId));
    }

    /// <summary>
    /// Amend: the reservation moves to the new price and quantity before the book sees the change; when the
    /// account cannot cover it, the amend is refused here and the order stays as it was.
    /// </summary>
    private void Amend(AmendOrderRequest a, IMessageContext context)
    {
        if (!_journal.TryGetOpen(a.OrderId, out var view) || LiquidationOrderIds.IsLiquidation(a.OrderId))
        {
            context.Reply(new OrderResult(a.OrderId, view?.Symbol ?? "", OrderStatus.Rejected, "UNKNOWN_ORDER", 0, []));
            return;
        }
        if (view.Type != OrderType.Limit)
        {
            context.Reply(new OrderResult(a.OrderId, view.Symbol, OrderStatus.Rejected, "ORDER_NOT_AMENDABLE", view.FilledQuantity, []));
            return;
        }
        var price = a.NewPrice != 0 ? a.NewPrice : view.Price;
        var quantity = a.NewQuantity != 0 ? a.NewQuantity : view.Quantity;
        var worst = view.Side == OrderSide.Buy ? price : Math.Max(price, view.WorstPrice);
        if (!Reserve(view, worst, quantity, context.Timestamp))
        {
            Reserve(view, view.WorstPrice, view.Quantity, context.Timestamp); // exactly what was held before
            context.Reply(new OrderResult(a.OrderId, view.Symbol, OrderStatus.Rejected, "INSUFFICIENT_BALANCE", view.FilledQuantity, []));
            return;
        }
        _journal.Put(view with { WorstPrice = worst });
        context.Forward(_topics.OrdersCommands, view.Symbol, new BookAmend(a.OrderId, UserId, a.NewPrice, a.NewQuantity));
    }

    /// <summary>Re-reserves an open order for (worst price, total quantity); the filled part needs nothing.</summary>
    private bool Reserve(OrderView view, long worstPrice, long totalQuantity, long time)
    {
        _account.CompleteOrder(view.OrderId, time);
        var remaining = totalQuantity - view.FilledQuantity;
        if (remaining <= 0) return true;
        var intent = view.ReduceOnly || view.PositionAction == PositionAction.Close ? OrderIntent.Close : OrderIntent.Open;
        return _account.TryPlaceOrder(SpecOf(view.Symbol),
            new OrderRequest(view.OrderId, ToTradeSide(view.Side), intent, worstPrice, remaining, time)).Accepted;
    }
}
