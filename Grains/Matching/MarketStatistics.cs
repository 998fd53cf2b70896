namespace Trading.Grains.Matching;

/// <summary>Rolling 24-hour statistics at minute resolution, as of a given command time.</summary>
public readonly record struct RollingStatistics(long HighPrice, long LowPrice, long Volume, long QuoteVolume, long TradeCount);

/// <summary>
/// Rolling 24 h high, low, base volume and quote volume from command time: a ring of 1,440 one-minute buckets.
/// A bucket belongs to the window when its minute lies in (now - 1440, now]. Deterministic; no clock.
/// </summary>
internal sealed class MarketStatistics
{
    public const int Buckets = 1440;
    public const long BucketMillis = 60_000;

    internal struct Bucket
    {
        public long Minute;
        public long High;
        public long Low;
        public long Volume;
        public long QuoteVolume;
        public long Trades;
    }

    private readonly Bucket[] ring = new Bucket[Buckets];

    public MarketStatistics()
    {
        for (var i = 0; i < ring.Length; i++) ring[i].Minute = long.MinValue;
    }

    internal Bucket[] Ring => ring;

    private static long MinuteOf(long timestamp) => timestamp >= 0 ? timestamp / BucketMillis : (timestamp - BucketMillis + 1) / BucketMillis;

    // the minute of the last trade, cached to skip the divisions while time stays in it
    private bool cacheValid;
    private long cachedStart;
    private long cachedMinute;
    private int cachedIndex;

    public void OnTrade(long timestamp, long price, long qty, long notional)
    {
        if (!cacheValid || (ulong)(timestamp - cachedStart) >= BucketMillis)
        {
            cachedMinute = MinuteOf(timestamp);
            cachedStart = cachedMinute * BucketMillis;
            cachedIndex = (int)(((cachedMinute % Buckets) + Buckets) % Buckets);
            cacheValid = cachedMinute > long.MinValue / BucketMillis + 1; // no cache at the edge of the range
        }
        var minute = cachedMinute;
        ref var b = ref ring[cachedIndex];
        if (b.Minute != minute)
        {
            if (b.Minute > minute) return; // older than the bucket's contents: outside any window that includes them
            b = new Bucket { Minute = minute, High = price, Low = price };
        }
        else
        {
            if (price > b.High) b.High = price;
            if (price < b.Low) b.Low = price;
        }
        b.Volume += qty;
        b.QuoteVolume += notional;
        b.Trades++;
    }

    public RollingStatistics Rolling(long now)
    {
        var nowMinute = MinuteOf(now);
        long high = 0, low = 0, vol = 0, quote = 0, trades = 0;
        foreach (ref readonly var b in ring.AsSpan())
        {
            if (b.Minute <= nowMinute - Buckets || b.Minute > nowMinute || b.Trades == 0) continue;
            if (trades == 0) { high = b.High; low = b.Low; }
            else
            {
                if (b.High > high) high = b.High;
                if (b.Low < low) low = b.Low;
            }
            vol += b.Volume;
            quote += b.QuoteVolume;
            trades += b.Trades;
        }
        return new RollingStatistics(high, low, vol, quote, trades);
    }

    public void Restore(int index, in Bucket bucket) => ring[index] = bucket;
}
