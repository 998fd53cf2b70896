namespace Trading.Grains.Margin;

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
