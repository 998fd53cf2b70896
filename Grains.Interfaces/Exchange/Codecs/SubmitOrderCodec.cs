using Trading.Grains.Matching;
using Trading.Grains.Symbols.Codecs;
using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>
/// Binary layout of <see cref="SubmitOrder"/>, the gateway's new order to the account: the first hop of every order.
/// The spec it carries is read with <see cref="SymbolSpecCodec.ReadShared"/>: orders of one symbol share one instance.
/// </summary>
public sealed class SubmitOrderCodec : MessageCodec<SubmitOrder>
{
    public static SubmitOrderCodec Instance { get; } = new();

    private SubmitOrderCodec() { }

    protected override void WriteBody(MessageWriter w, SubmitOrder o)
    {
        w.WriteInt64(o.OrderId);
        SymbolSpecCodec.Instance.WriteNullable(w, o.Spec);
        w.WriteEnum(o.Side);
        w.WriteEnum(o.Type);
        w.WriteEnum(o.TimeInForce);
        w.WriteInt64(o.Price);
        w.WriteInt64(o.StopPrice);
        w.WriteInt64(o.Quantity);
        w.WriteInt64(o.WorstPrice);
        w.WriteBool(o.ReduceOnly);
        w.WriteEnum(o.PositionAction);
        w.WriteEnum(o.WorkingType);
        w.WriteEnum(o.SelfTradePrevention);
        w.WriteInt64(o.ProtectionTicks);
        w.WriteInt64(o.ClientOrderId);
        w.WriteString(o.ClientOrderIdText);
    }

    protected override SubmitOrder ReadBody(ref MessageReader r) => new()
    {
        OrderId = r.ReadInt64(),
        Spec = r.ReadBool() ? SymbolSpecCodec.Instance.ReadShared(ref r) : null!,
        Side = r.ReadEnum<OrderSide>(),
        Type = r.ReadEnum<OrderType>(),
        TimeInForce = r.ReadEnum<TimeInForce>(),
        Price = r.ReadInt64(),
        StopPrice = r.ReadInt64(),
        Quantity = r.ReadInt64(),
        WorstPrice = r.ReadInt64(),
        ReduceOnly = r.ReadBool(),
        PositionAction = r.ReadEnum<PositionAction>(),
        WorkingType = r.ReadEnum<WorkingType>(),
        SelfTradePrevention = r.ReadEnum<SelfTradePrevention>(),
        ProtectionTicks = r.ReadInt64(),
        ClientOrderId = r.ReadInt64(),
        ClientOrderIdText = r.ReadString(),
    };
}
