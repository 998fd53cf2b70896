namespace Trading.Benchmarks.Mix50;

/// <summary>The cheapest useful listener for timed loops: counts trades, so every run can be sanity-checked.</summary>
public struct TradeCountListener : IMix50TradeListener
{
    /// <summary>Trades seen.</summary>
    public long Trades;

    /// <inheritdoc />
    public void OnTrade(long takerId, long makerId, long price, long qty) => Trades++;
}
