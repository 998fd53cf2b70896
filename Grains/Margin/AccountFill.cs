namespace Trading.Grains.Margin;

/// <summary>One execution of one of the account's orders, as the order book reports it.</summary>
/// <param name="OrderId">The account's order (negative: a liquidation order the account produced).</param>
/// <param name="Symbol">Symbol traded.</param>
/// <param name="Side">Side of the account's order.</param>
/// <param name="PriceTicks">Execution price.</param>
/// <param name="QtyLots">Executed quantity.</param>
/// <param name="Fee">Fee in money units of the quote asset; negative for a rebate.</param>
/// <param name="IsMaker">Whether the account's order was resting.</param>
/// <param name="TimeMs">Epoch milliseconds from the input.</param>
public readonly record struct AccountFill(long OrderId, string Symbol, TradeSide Side, long PriceTicks, long QtyLots, long Fee, bool IsMaker, long TimeMs);
