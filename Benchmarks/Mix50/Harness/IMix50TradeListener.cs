namespace Trading.Benchmarks.Mix50;

/// <summary>
/// Receives every trade an engine executes, in execution order. Harness listeners are structs and
/// are passed by <c>ref</c> through generic methods, so the call is direct and inlinable.
/// </summary>
public interface IMix50TradeListener
{
    /// <summary>One match: the taker's id, the maker's id, the trade price (the maker's price) and quantity.</summary>
    void OnTrade(long takerId, long makerId, long price, long qty);
}
