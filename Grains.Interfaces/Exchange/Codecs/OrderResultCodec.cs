using Trading.Grains.Matching;
using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>Binary layout of <see cref="OrderResult"/>, the answer to every place, cancel and amend.</summary>
public sealed class OrderResultCodec : MessageCodec<OrderResult>
{
    public static OrderResultCodec Instance { get; } = new();

    private OrderResultCodec() { }

    protected override void WriteBody(MessageWriter w, OrderResult o)
    {
        w.WriteInt64(o.OrderId);
        w.WriteString(o.Symbol);
        w.WriteEnum(o.Status);
        w.WriteString(o.Reason);
        w.WriteInt64(o.FilledQuantity);
        BookEventCodec.Instance.WriteList(w, o.Events);
    }

    protected override OrderResult ReadBody(ref MessageReader r) =>
        new(r.ReadInt64(), r.ReadString()!, r.ReadEnum<OrderStatus>(), r.ReadString(), r.ReadInt64(), BookEventCodec.Instance.ReadArray(ref r)!);
}
