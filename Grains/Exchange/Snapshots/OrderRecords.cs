using Trading.Grains.Interfaces.Snapshots;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;

namespace Trading.Grains.Exchange.Snapshots;

/// <summary>
/// Converts orders into <see cref="OrderRecord"/>s: a book's resting or conditional order (the book's quantities and
/// status, with what the owner's journal adds), or an order only the owner's journal holds.
/// </summary>
internal static class OrderRecords
{
    /// <summary>An order a book holds; <paramref name="view"/> is the owner's journal entry for it, when there is one.</summary>
    public static OrderRecord FromBook(SymbolSpec spec, OrderSnapshot o, OrderView? view, OrderLocation location) => new()
    {
        OrderId = o.OrderId, UserId = o.UserId, Symbol = spec.Symbol, Side = o.Side, Type = o.Type, PositionAction = o.PositionAction,
        // market-like conditional orders keep their protection ticks in the price field: the order's own price is the journal's
        Price = o.Type.IsMarketLike() ? (view is null ? 0 : spec.TicksToPrice(view.Price)) : spec.TicksToPrice(o.Price),
        Quantity = spec.LotsToQuantity(o.Quantity), RemainingQuantity = spec.LotsToQuantity(o.Quantity - o.FilledQuantity),
        FilledQuantity = spec.LotsToQuantity(o.FilledQuantity), Status = o.FilledQuantity > 0 ? OrderStatus.PartiallyFilled : OrderStatus.New,
        ClientOrderId = view?.ClientOrderId, Remark = view?.Reason, CreateTime = view?.CreateTime ?? o.Timestamp,
        UpdateTime = view?.UpdateTime ?? o.Timestamp, Location = location, TimeInForce = o.TimeInForce,
        StopPrice = o.Type.IsConditional() ? spec.TicksToPrice(o.StopPrice) : 0, ReduceOnly = o.ReduceOnly,
    };

    /// <summary>An order only its owner's journal holds: open (in flight at the barrier) or finished.</summary>
    public static OrderRecord FromJournal(SymbolSpec spec, long userId, OrderView v) => new()
    {
        OrderId = v.OrderId, UserId = userId, Symbol = v.Symbol, Side = v.Side, Type = v.Type, PositionAction = v.PositionAction,
        Price = spec.TicksToPrice(v.Price), Quantity = spec.LotsToQuantity(v.Quantity),
        RemainingQuantity = spec.LotsToQuantity(v.Status.IsFinal() ? 0 : v.Quantity - v.FilledQuantity),
        FilledQuantity = spec.LotsToQuantity(v.FilledQuantity), Status = v.Status, ClientOrderId = v.ClientOrderId, Remark = v.Reason,
        CreateTime = v.CreateTime, UpdateTime = v.UpdateTime, Location = v.Status.IsFinal() ? OrderLocation.History : OrderLocation.Account,
        TimeInForce = v.TimeInForce, StopPrice = v.Type.IsConditional() ? spec.TicksToPrice(v.StopPrice) : 0, ReduceOnly = v.ReduceOnly,
    };
}
