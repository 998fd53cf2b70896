namespace Trading.Benchmarks.Mix50;

/// <summary>What a correct engine must reproduce after processing a whole stream.</summary>
/// <param name="Trades">Number of trades.</param>
/// <param name="TradedQty">Sum of traded quantities.</param>
/// <param name="TradeHash">FNV-1a over (takerId, makerId, price, qty) of every trade in execution order.</param>
/// <param name="RestingOrders">Orders resting at the end.</param>
/// <param name="RestingChecksum">The <see cref="Mix50.RestingChecksum"/> of the final book.</param>
public readonly record struct Mix50Outcome(
    long Trades, long TradedQty, ulong TradeHash, long RestingOrders, ulong RestingChecksum);
