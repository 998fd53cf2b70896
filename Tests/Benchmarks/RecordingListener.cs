using Trading.Benchmarks.Mix50;

namespace Trading.Tests.Benchmarks;

/// <summary>Test listener that keeps every trade.</summary>
public struct RecordingListener : IMix50TradeListener
{
    /// <summary>Creates an empty recorder.</summary>
    public RecordingListener() => Trades = new List<(long Taker, long Maker, long Price, long Qty)>();

    /// <summary>Trades in execution order.</summary>
    public List<(long Taker, long Maker, long Price, long Qty)> Trades { get; }

    /// <inheritdoc />
    public readonly void OnTrade(long takerId, long makerId, long price, long qty) =>
        Trades.Add((takerId, makerId, price, qty));
}
