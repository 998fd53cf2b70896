namespace Trading.Grains.MarketData;

/// <summary>
/// Builds the candles of one symbol and one interval from its trades, in the order they are added: plain,
/// deterministic, no clock. The newest <c>retained</c> candles stay open, so a trade stamped a little earlier than
/// the current candle (command clocks of several gateways) still lands in its own candle; a trade older than
/// every retained candle is refused and counted in <see cref="LateTrades"/>.
/// </summary>
public sealed class KlineBuilder
{
    private readonly SortedList<long, Kline> _open = new();
    private readonly int _retained;

    public KlineBuilder(KlineInterval interval, int retained = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retained, 1);
        Interval = interval;
        _retained = retained;
    }

    public KlineInterval Interval { get; }

    /// <summary>Trades refused because their candle was no longer retained.</summary>
    public long LateTrades { get; private set; }

    /// <summary>The newest candle, null before the first trade.</summary>
    public Kline? Current => _open.Count == 0 ? null : _open.Values[^1];

    /// <summary>The retained candles, oldest first (the last is <see cref="Current"/>).</summary>
    public IList<Kline> Candles => _open.Values;

    /// <summary>Replaces the retained candles with the newest <c>retained</c> of <paramref name="candles"/> (a copy kept elsewhere).</summary>
    public void Restore(IReadOnlyList<Kline> candles)
    {
        _open.Clear();
        for (var i = 0; i < candles.Count; i++)
        {
            if (candles[i].Interval != Interval.Name) throw new ArgumentException($"a {candles[i].Interval} candle is not {Interval.Name}", nameof(candles));
            _open[candles[i].OpenTime] = candles[i];
            if (_open.Count > _retained) _open.RemoveAt(0);
        }
    }

    /// <summary>Adds a trade and returns its updated candle, or null when the trade is too late (see <see cref="LateTrades"/>).</summary>
    public Kline? Add(long timestampMs, long priceTicks, long qtyLots, long quoteNotional)
    {
        var openTime = Interval.OpenTimeOf(timestampMs);
        Kline candle;
        if (_open.TryGetValue(openTime, out var existing))
        {
            candle = existing.With(priceTicks, qtyLots, quoteNotional);
        }
        else
        {
            if (_open.Count == _retained && openTime < _open.Keys[0])
            {
                LateTrades++;
                return null;
            }
            candle = Kline.First(Interval, openTime, priceTicks, qtyLots, quoteNotional);
        }
        _open[openTime] = candle;
        if (_open.Count > _retained) _open.RemoveAt(0);
        return candle;
    }
}
