using Trading.Grains.Matching;
using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>Binary layout of one <see cref="BookEvent"/>: the element of match results, per-user events and order results.</summary>
public sealed class BookEventCodec : MessageCodec<BookEvent>
{
    public static BookEventCodec Instance { get; } = new();

    private BookEventCodec() { }

    protected override void WriteBody(MessageWriter w, BookEvent e)
    {
        w.WriteInt64(e.Sequence);
        w.WriteInt64(e.Timestamp);
        w.WriteEnum(e.Kind);
        w.WriteEnum(e.Command);
        w.WriteString(e.Reason);
        w.WriteInt64(e.OrderId);
        w.WriteInt64(e.UserId);
        w.WriteInt64(e.ClientOrderId);
        w.WriteEnum(e.Side);
        w.WriteEnum(e.Type);
        w.WriteEnum(e.TimeInForce);
        w.WriteEnum(e.Status);
        w.WriteInt64(e.Price);
        w.WriteInt64(e.Quantity);
        w.WriteInt64(e.FilledQuantity);
        w.WriteInt64(e.StopPrice);
        w.WriteBool(e.ReduceOnly);
        w.WriteEnum(e.PositionAction);
        w.WriteBool(e.Liquidation);
        w.WriteBool(e.PriorityKept);
        w.WriteInt64(e.TradeSequence);
        w.WriteInt64(e.MakerOrderId);
        w.WriteInt64(e.MakerUserId);
        w.WriteInt64(e.MakerClientOrderId);
        w.WriteInt64(e.MakerFilledQuantity);
        w.WriteEnum(e.MakerStatus);
        w.WriteInt64(e.Notional);
        w.WriteInt64(e.MakerFee);
        w.WriteInt64(e.TakerFee);
    }

    protected override BookEvent ReadBody(ref MessageReader r) => new()
    {
        Sequence = r.ReadInt64(),
        Timestamp = r.ReadInt64(),
        Kind = r.ReadEnum<MatchEventKind>(),
        Command = r.ReadEnum<BookCommandKind>(),
        Reason = r.ReadString(),
        OrderId = r.ReadInt64(),
        UserId = r.ReadInt64(),
        ClientOrderId = r.ReadInt64(),
        Side = r.ReadEnum<OrderSide>(),
        Type = r.ReadEnum<OrderType>(),
        TimeInForce = r.ReadEnum<TimeInForce>(),
        Status = r.ReadEnum<OrderStatus>(),
        Price = r.ReadInt64(),
        Quantity = r.ReadInt64(),
        FilledQuantity = r.ReadInt64(),
        StopPrice = r.ReadInt64(),
        ReduceOnly = r.ReadBool(),
        PositionAction = r.ReadEnum<PositionAction>(),
        Liquidation = r.ReadBool(),
        PriorityKept = r.ReadBool(),
        TradeSequence = r.ReadInt64(),
        MakerOrderId = r.ReadInt64(),
        MakerUserId = r.ReadInt64(),
        MakerClientOrderId = r.ReadInt64(),
        MakerFilledQuantity = r.ReadInt64(),
        MakerStatus = r.ReadEnum<OrderStatus>(),
        Notional = r.ReadInt64(),
        MakerFee = r.ReadInt64(),
        TakerFee = r.ReadInt64(),
    };
}
