namespace Trading.Benchmarks.Mix50;

/// <summary>Result of one timed pass over the measured segment.</summary>
/// <param name="OpsPerSecond">Measured commands divided by the elapsed time of the loop.</param>
/// <param name="AllocatedBytesPerOp">Bytes allocated on the benchmark thread during the loop, per command.</param>
/// <param name="Trades">Trades reported during the loop (a sanity check against the shadow book).</param>
/// <param name="TradedQty">Quantity traded during the loop (a sanity check against the shadow book).</param>
public readonly record struct Mix50ThroughputSample(double OpsPerSecond, double AllocatedBytesPerOp, long Trades, long TradedQty);
