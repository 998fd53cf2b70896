using Trading.Runtime.Messaging;

namespace Trading.Grains.Matching.Codecs;

/// <summary>
/// Binary layout of <see cref="BookSnapshot"/>, the book inside every OrderBook grain checkpoint and the bulk of a full
/// snapshot (up to hundreds of thousands of resting orders per book). Orders and depth levels are sorted by price and
/// queue, so the fields that follow that order (order id, price, timestamp, queue position, trigger sequence) are stored
/// as the difference from the previous entry: mostly one byte each. Written and read in one pass over the arrays; the
/// only allocations on reading are the arrays and the decoded records themselves.
/// </summary>
public sealed partial class BookSnapshotCodec : MessageCodec<BookSnapshot>
{
    public static BookSnapshotCodec Instance { get; } = new();

    private BookSnapshotCodec() { }

    protected override void WriteBody(MessageWriter w, BookSnapshot s)
    {
        w.WriteInt32(s.Version);
        w.WriteString(s.Symbol);
        w.WriteInt64(s.LastPrice);
        w.WriteInt64(s.MarkPrice);
        w.WriteInt64(s.HighPrice);
        w.WriteInt64(s.LowPrice);
        w.WriteInt64(s.Volume24h);
        w.WriteInt64(s.QuoteVolume24h);
        w.WriteInt64(s.LastCommandTime);
        w.WriteInt64(s.EventSequence);
        w.WriteInt64(s.TradeSequence);
        w.WriteInt64(s.StopSequence);
        w.WriteEnum(s.DefaultSelfTradePrevention);
        WriteDepth(w, s.BuyDepth);
        WriteDepth(w, s.SellDepth);
        WriteOrders(w, s.Orders);
        WriteOrders(w, s.StopOrders);
        WriteBuckets(w, s.StatisticsBuckets);
        WriteClientOrderIds(w, s.ClientOrderIds);
    }

    protected override BookSnapshot ReadBody(ref MessageReader r) => new()
    {
        Version = r.ReadInt32(),
        Symbol = r.ReadString()!,
        LastPrice = r.ReadInt64(),
        MarkPrice = r.ReadInt64(),
        HighPrice = r.ReadInt64(),
        LowPrice = r.ReadInt64(),
        Volume24h = r.ReadInt64(),
        QuoteVolume24h = r.ReadInt64(),
        LastCommandTime = r.ReadInt64(),
        EventSequence = r.ReadInt64(),
        TradeSequence = r.ReadInt64(),
        StopSequence = r.ReadInt64(),
        DefaultSelfTradePrevention = r.ReadEnum<SelfTradePrevention>(),
        BuyDepth = ReadDepth(ref r)!,
        SellDepth = ReadDepth(ref r)!,
        Orders = ReadOrders(ref r)!,
        StopOrders = ReadOrders(ref r)!,
        StatisticsBuckets = ReadBuckets(ref r)!,
        ClientOrderIds = ReadClientOrderIds(ref r)!,
    };

    private static void WriteDepth(MessageWriter w, DepthLevel[]? levels)
    {
        if (levels is null)
        {
            w.WriteLength(-1);
            return;
        }
        w.WriteLength(levels.Length);
        long price = 0;
        for (var i = 0; i < levels.Length; i++)
        {
            ref readonly var level = ref levels[i];
            w.WriteInt64(unchecked(level.Price - price));
            price = level.Price;
            w.WriteInt64(level.Quantity);
            w.WriteInt32(level.OrderCount);
        }
    }

    private static DepthLevel[]? ReadDepth(ref MessageReader r)
    {
        var count = r.ReadLength();
        if (count <= 0) return count < 0 ? null : [];
        var levels = new DepthLevel[count];
        long price = 0;
        for (var i = 0; i < levels.Length; i++)
        {
            price = unchecked(price + r.ReadInt64());
            levels[i] = new DepthLevel(price, r.ReadInt64(), r.ReadInt32());
        }
        return levels;
    }

    private static void WriteBuckets(MessageWriter w, StatisticsBucketSnapshot[]? buckets)
    {
        if (buckets is null)
        {
            w.WriteLength(-1);
            return;
        }
        w.WriteLength(buckets.Length);
        foreach (var b in buckets)
        {
            w.WriteInt32(b.Index);
            w.WriteInt64(b.Minute);
            w.WriteInt64(b.High);
            w.WriteInt64(b.Low);
            w.WriteInt64(b.Volume);
            w.WriteInt64(b.QuoteVolume);
            w.WriteInt64(b.Trades);
        }
    }

    private static StatisticsBucketSnapshot[]? ReadBuckets(ref MessageReader r)
    {
        var count = r.ReadLength();
        if (count <= 0) return count < 0 ? null : [];
        var buckets = new StatisticsBucketSnapshot[count];
        for (var i = 0; i < buckets.Length; i++)
            buckets[i] = new StatisticsBucketSnapshot(r.ReadInt32(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        return buckets;
    }

    private static void WriteClientOrderIds(MessageWriter w, ClientOrderIdSnapshot[]? ids)
    {
        if (ids is null)
        {
            w.WriteLength(-1);
            return;
        }
        w.WriteLength(ids.Length);
        foreach (var c in ids)
        {
            w.WriteInt64(c.UserId);
            w.WriteInt64(c.ClientOrderId);
            w.WriteInt64(c.OrderId);
        }
    }

    private static ClientOrderIdSnapshot[]? ReadClientOrderIds(ref MessageReader r)
    {
        var count = r.ReadLength();
        if (count <= 0) return count < 0 ? null : [];
        var ids = new ClientOrderIdSnapshot[count];
        for (var i = 0; i < ids.Length; i++) ids[i] = new ClientOrderIdSnapshot(r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        return ids;
    }
}
