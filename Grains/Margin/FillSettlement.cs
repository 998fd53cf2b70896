namespace Trading.Grains.Margin;

/// <summary>What settling one fill moved.</summary>
/// <param name="RealizedPnl">PnL realized by the closing part (fees excluded).</param>
/// <param name="Fee">Fee charged to the wallet (negative: rebate credited).</param>
/// <param name="ReservationReleased">Money released from the order's reservation.</param>
/// <param name="MarginPosted">Isolated margin allocated to the opening part.</param>
/// <param name="MarginReleased">Isolated margin de-allocated by the closing part.</param>
/// <param name="InsuranceFundCovered">Loss beyond the trader's margin paid by the insurance fund (liquidation fills only).</param>
/// <param name="OrderCompleted">The order has no remaining quantity on the account.</param>
/// <param name="OrdersToCancel">Reduce-only orders whose lock vanished because the position shrank or flipped; the grain should cancel them.</param>
public sealed record FillSettlement(long RealizedPnl, long Fee, long ReservationReleased, long MarginPosted, long MarginReleased,
    long InsuranceFundCovered, bool OrderCompleted, IReadOnlyList<long> OrdersToCancel);
