namespace Trading.Grains.Margin;

/// <summary>Outcome of an order admission check.</summary>
/// <param name="Reason"><see cref="RejectReason.None"/> when accepted.</param>
/// <param name="ReservedAsset">Asset held (null when rejected or nothing held).</param>
/// <param name="ReservedAmount">Money units held.</param>
/// <param name="LockedQty">Position lots locked.</param>
/// <param name="OpeningQty">Lots expected to open a position (perpetuals).</param>
public readonly record struct OrderCheckResult(RejectReason Reason, string? ReservedAsset, long ReservedAmount, long LockedQty, long OpeningQty)
{
    /// <summary>True when the order was admitted.</summary>
    public bool Accepted => Reason == RejectReason.None;

    internal static OrderCheckResult Reject(RejectReason reason) => new(reason, null, 0, 0, 0);
}

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

/// <summary>What completing (cancel, expire, fully filled notice) an order released.</summary>
/// <param name="Known">False when the account held nothing for the order (already done or never admitted).</param>
/// <param name="ReservationReleased">Money released.</param>
/// <param name="LockReleased">Lots unlocked.</param>
public readonly record struct OrderRelease(bool Known, long ReservationReleased, long LockReleased);

/// <summary>
/// A liquidation order the account produced: close the whole position at the bankruptcy price or better.
/// The account has already locked the quantity and released every other order of the symbol
/// (<see cref="CanceledOrderIds"/>, which the grain must cancel on the book).
/// </summary>
/// <param name="OrderId">Negative, account-local: -(liquidation sequence).</param>
/// <param name="Symbol">Symbol of the position.</param>
/// <param name="Side">Side that closes the position.</param>
/// <param name="QtyLots">The whole position quantity.</param>
/// <param name="BankruptcyPriceTicks">Limit price: where the margin balance reaches zero, rounded against the trader.</param>
/// <param name="Mode">Isolated or cross.</param>
/// <param name="CanceledOrderIds">The symbol's other working orders, released by the account.</param>
/// <param name="TimeMs">Time of the mark price that triggered it.</param>
public sealed record LiquidationOrder(long OrderId, string Symbol, TradeSide Side, long QtyLots, long BankruptcyPriceTicks,
    PositionMode Mode, IReadOnlyList<long> CanceledOrderIds, long TimeMs)
{
    /// <summary>Always true: the order is a liquidation.</summary>
    public bool IsLiquidation => true;
}
