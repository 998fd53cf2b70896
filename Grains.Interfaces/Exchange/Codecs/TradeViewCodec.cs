using Trading.Grains.Matching;
using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>Binary layout of <see cref="TradeView"/>, one fill of the user's order (inside <see cref="UserUpdate"/>).</summary>
public sealed class TradeViewCodec : MessageCodec<TradeView>
{
    public static TradeViewCodec Instance { get; } = new();

    private TradeViewCodec() { }

    protected override void WriteBody(MessageWriter w, TradeView t)
    {
        w.WriteInt64(t.TradeId);
        w.WriteString(t.Symbol);
        w.WriteInt64(t.OrderId);
        w.WriteEnum(t.Side);
        w.WriteInt64(t.Price);
        w.WriteInt64(t.Quantity);
        w.WriteInt64(t.Notional);
        w.WriteInt64(t.Fee);
        w.WriteInt64(t.RealizedPnl);
        w.WriteBool(t.Maker);
        w.WriteBool(t.Liquidation);
        w.WriteInt64(t.Time);
    }

    protected override TradeView ReadBody(ref MessageReader r) => new(r.ReadInt64(), r.ReadString()!, r.ReadInt64(), r.ReadEnum<OrderSide>(),
        r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadBool(), r.ReadBool(), r.ReadInt64());
}
