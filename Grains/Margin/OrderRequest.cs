namespace Trading.Grains.Margin;

/// <summary>
/// A new order to admit. <paramref name="WorstPriceTicks"/> bounds the order's notional from above: the limit
/// price of a limit buy; for a limit sell max(limit, best bid or mark); for a market order the protection bound
/// (best price +/- protection). Reservations are computed at this price.
/// </summary>
/// <param name="OrderId">Positive, unique among the account's working orders.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Intent">Open (may increase, reduce or flip) or Close (reduce-only).</param>
/// <param name="WorstPriceTicks">See the type's summary.</param>
/// <param name="QtyLots">Quantity in lots.</param>
/// <param name="TimeMs">Epoch milliseconds from the input.</param>
public readonly record struct OrderRequest(long OrderId, TradeSide Side, OrderIntent Intent, long WorstPriceTicks, long QtyLots, long TimeMs);
