using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>Binary layout of <see cref="MarkPriceUpdate"/>, sent by a book to every holder of a position in its symbol.</summary>
public sealed class MarkPriceUpdateCodec : MessageCodec<MarkPriceUpdate>
{
    public static MarkPriceUpdateCodec Instance { get; } = new();

    private MarkPriceUpdateCodec() { }

    protected override void WriteBody(MessageWriter w, MarkPriceUpdate m)
    {
        w.WriteString(m.Symbol);
        w.WriteInt64(m.MarkPrice);
        w.WriteInt64(m.Timestamp);
    }

    protected override MarkPriceUpdate ReadBody(ref MessageReader r) => new(r.ReadString()!, r.ReadInt64(), r.ReadInt64());
}
