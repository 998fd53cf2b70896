using Trading.Grains.Matching;
using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>Binary layout of <see cref="BookPlace"/>, an admitted order from the account to its book.</summary>
public sealed class BookPlaceCodec : MessageCodec<BookPlace>
{
    public static BookPlaceCodec Instance { get; } = new();

    private BookPlaceCodec() { }

    protected override void WriteBody(MessageWriter w, BookPlace p)
    {
        w.WriteInt64(p.OrderId);
        w.WriteInt64(p.UserId);
        w.WriteInt64(p.ClientOrderId);
        w.WriteEnum(p.Side);
        w.WriteEnum(p.Type);
        w.WriteEnum(p.TimeInForce);
        w.WriteInt64(p.Price);
        w.WriteInt64(p.StopPrice);
        w.WriteInt64(p.Quantity);
        w.WriteInt64(p.ProtectionTicks);
        w.WriteEnum(p.WorkingType);
        w.WriteEnum(p.SelfTradePrevention);
        w.WriteBool(p.ReduceOnly);
        w.WriteEnum(p.PositionAction);
        w.WriteBool(p.Liquidation);
    }

    protected override BookPlace ReadBody(ref MessageReader r) => new()
    {
        OrderId = r.ReadInt64(),
        UserId = r.ReadInt64(),
        ClientOrderId = r.ReadInt64(),
        Side = r.ReadEnum<OrderSide>(),
        Type = r.ReadEnum<OrderType>(),
        TimeInForce = r.ReadEnum<TimeInForce>(),
        Price = r.ReadInt64(),
        StopPrice = r.ReadInt64(),
        Quantity = r.ReadInt64(),
        ProtectionTicks = r.ReadInt64(),
        WorkingType = r.ReadEnum<WorkingType>(),
        SelfTradePrevention = r.ReadEnum<SelfTradePrevention>(),
        ReduceOnly = r.ReadBool(),
        PositionAction = r.ReadEnum<PositionAction>(),
        Liquidation = r.ReadBool(),
    };
}
