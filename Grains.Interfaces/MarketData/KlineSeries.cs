namespace Trading.Grains.MarketData;

/// <summary>What <see cref="KlineSeries.Add"/> did with a trade.</summary>
public enum KlineOutcome
{
    /// <summary>The trade is already in the candles (its sequence is not past <see cref="KlineSeries.LastTradeSequence"/>).</summary>
    Duplicate,
    /// <summary>The trade's candle is older than every kept one: counted in <see cref="KlineBuilder.LateTrades"/>, not kept.</summary>
    Late,
    /// <summary>The trade changed a kept candle (the current one or, a little late, an earlier one).</summary>
    Updated,
    /// <summary>The trade opened a new current candle: the one before it is closed.</summary>
    Rolled,
}

/// <summary>
/// The candles of one symbol and interval as a read-side consumer keeps them: the newest <c>keep</c> candles
/// (a trade for any of them updates it) and the sequence of the last trade folded in. A symbol's trades come in
/// trade-sequence order, so a series restored from a copy (the cache's) skips the trades the copy already holds:
/// re-reading the log after a restart counts no trade twice. Plain and deterministic: no clock, no I/O.
/// </summary>
public sealed class KlineSeries(KlineInterval interval, int keep)
{
    private readonly KlineBuilder _builder = new(interval, keep);

    public KlineInterval Interval => interval;

    /// <summary>The last trade folded in; 0 before any (a book's trade sequence starts at 1).</summary>
    public long LastTradeSequence { get; private set; }

    /// <summary>The newest candle, null before the first trade.</summary>
    public Kline? Current => _builder.Current;

    /// <summary>The kept candles, oldest first.</summary>
    public IList<Kline> Candles => _builder.Candles;

    public long LateTrades => _builder.LateTrades;

    /// <summary>Continues from a copy: its candles (any order) and the last trade they hold.</summary>
    public void Restore(long lastTradeSequence, IReadOnlyList<Kline> candles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastTradeSequence);
        LastTradeSequence = lastTradeSequence;
        var ordered = new Kline[candles.Count];
        for (var i = 0; i < ordered.Length; i++) ordered[i] = candles[i];
        Array.Sort(ordered, static (a, b) => a.OpenTime.CompareTo(b.OpenTime));
        _builder.Restore(ordered);
    }

    /// <summary>Folds in one trade; <paramref name="candle"/> is the candle it changed (null unless Updated or Rolled).</summary>
    public KlineOutcome Add(long tradeSequence, long timestampMs, long priceTicks, long qtyLots, long quoteNotional, out Kline? candle)
    {
        candle = null;
        if (tradeSequence <= LastTradeSequence) return KlineOutcome.Duplicate;
        LastTradeSequence = tradeSequence;
        var before = _builder.Current;
        candle = _builder.Add(timestampMs, priceTicks, qtyLots, quoteNotional);
        if (candle is null) return KlineOutcome.Late;
        return before is not null && candle.OpenTime > before.OpenTime ? KlineOutcome.Rolled : KlineOutcome.Updated;
    }
}
