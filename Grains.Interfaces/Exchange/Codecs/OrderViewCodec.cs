using Trading.Grains.Matching;
using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>Binary layout of <see cref="OrderView"/>, an order as its owner sees it (inside <see cref="UserUpdate"/>).</summary>
public sealed class OrderViewCodec : MessageCodec<OrderView>
{
    public static OrderViewCodec Instance { get; } = new();

    private OrderViewCodec() { }

    protected override void WriteBody(MessageWriter w, OrderView o)
    {
        w.WriteInt64(o.OrderId);
        w.WriteString(o.Symbol);
        w.WriteString(o.ClientOrderId);
        w.WriteEnum(o.Side);
        w.WriteEnum(o.Type);
        w.WriteEnum(o.TimeInForce);
        w.WriteInt64(o.Price);
        w.WriteInt64(o.StopPrice);
        w.WriteInt64(o.Quantity);
        w.WriteInt64(o.FilledQuantity);
        w.WriteInt64(o.FilledNotional);
        w.WriteInt64(o.Fees);
        w.WriteEnum(o.Status);
        w.WriteString(o.Reason);
        w.WriteBool(o.ReduceOnly);
        w.WriteEnum(o.PositionAction);
        w.WriteBool(o.Liquidation);
        w.WriteInt64(o.CreateTime);
        w.WriteInt64(o.UpdateTime);
        w.WriteInt64(o.WorstPrice);
    }

    protected override OrderView ReadBody(ref MessageReader r) => new()
    {
        OrderId = r.ReadInt64(),
        Symbol = r.ReadString()!,
        ClientOrderId = r.ReadString(),
        Side = r.ReadEnum<OrderSide>(),
        Type = r.ReadEnum<OrderType>(),
        TimeInForce = r.ReadEnum<TimeInForce>(),
        Price = r.ReadInt64(),
        StopPrice = r.ReadInt64(),
        Quantity = r.ReadInt64(),
        FilledQuantity = r.ReadInt64(),
        FilledNotional = r.ReadInt64(),
        Fees = r.ReadInt64(),
        Status = r.ReadEnum<OrderStatus>(),
        Reason = r.ReadString(),
        ReduceOnly = r.ReadBool(),
        PositionAction = r.ReadEnum<PositionAction>(),
        Liquidation = r.ReadBool(),
        CreateTime = r.ReadInt64(),
        UpdateTime = r.ReadInt64(),
        WorstPrice = r.ReadInt64(),
    };
}
