using Trading.Runtime.Messaging;

namespace Trading.Grains.Matching.Codecs;

/// <summary>
/// The orders of a book snapshot, resting or conditional: the hot loop of a book checkpoint. Fields that follow the
/// snapshot's order are deltas from the previous order (wrapping, so every value round-trips); the three flags share a byte.
/// </summary>
public sealed partial class BookSnapshotCodec
{
    private const byte ReduceOnlyFlag = 1;
    private const byte LiquidationFlag = 2;
    private const byte TriggeredFlag = 4;
    private const byte AllFlags = ReduceOnlyFlag | LiquidationFlag | TriggeredFlag;

    private static void WriteOrders(MessageWriter w, OrderSnapshot[]? orders)
    {
        if (orders is null)
        {
            w.WriteLength(-1);
            return;
        }
        w.WriteLength(orders.Length);
        long id = 0, price = 0, time = 0, queue = 0, trigger = 0;
        foreach (var o in orders)
        {
            w.WriteInt64(unchecked(o.OrderId - id));
            w.WriteInt64(o.UserId);
            w.WriteInt64(o.ClientOrderId);
            w.WriteEnum(o.Side);
            w.WriteEnum(o.Type);
            w.WriteEnum(o.TimeInForce);
            w.WriteInt64(unchecked(o.Price - price));
            w.WriteInt64(o.StopPrice);
            w.WriteInt64(o.Quantity);
            w.WriteInt64(o.FilledQuantity);
            w.WriteInt64(unchecked(o.Timestamp - time));
            w.WriteEnum(o.SelfTradePrevention);
            w.WriteEnum(o.WorkingType);
            w.WriteEnum(o.PositionAction);
            w.WriteByte((byte)((o.ReduceOnly ? ReduceOnlyFlag : 0) | (o.Liquidation ? LiquidationFlag : 0) | (o.Triggered ? TriggeredFlag : 0)));
            w.WriteInt64(o.QueuePosition - queue);
            w.WriteInt64(unchecked(o.TriggerSequence - trigger));
            id = o.OrderId;
            price = o.Price;
            time = o.Timestamp;
            queue = o.QueuePosition;
            trigger = o.TriggerSequence;
        }
    }

    private static OrderSnapshot[]? ReadOrders(ref MessageReader r)
    {
        var count = r.ReadLength();
        if (count <= 0) return count < 0 ? null : [];
        var orders = new OrderSnapshot[count];
        long id = 0, price = 0, time = 0, queue = 0, trigger = 0;
        for (var i = 0; i < orders.Length; i++)
        {
            id = unchecked(id + r.ReadInt64());
            var user = r.ReadInt64();
            var clientOrderId = r.ReadInt64();
            var side = r.ReadEnum<OrderSide>();
            var type = r.ReadEnum<OrderType>();
            var tif = r.ReadEnum<TimeInForce>();
            price = unchecked(price + r.ReadInt64());
            var stopPrice = r.ReadInt64();
            var quantity = r.ReadInt64();
            var filled = r.ReadInt64();
            time = unchecked(time + r.ReadInt64());
            var stp = r.ReadEnum<SelfTradePrevention>();
            var working = r.ReadEnum<WorkingType>();
            var action = r.ReadEnum<PositionAction>();
            var flags = r.ReadByte();
            if ((flags & ~AllFlags) != 0) throw new FormatException($"Invalid order flags {flags}.");
            queue = unchecked(queue + r.ReadInt64());
            if (queue is < int.MinValue or > int.MaxValue) throw new FormatException($"Queue position {queue} does not fit an int.");
            trigger = unchecked(trigger + r.ReadInt64());
            orders[i] = new OrderSnapshot(id, user, clientOrderId, side, type, tif, price, stopPrice, quantity, filled, time, stp, working,
                (flags & ReduceOnlyFlag) != 0, action, (flags & LiquidationFlag) != 0, (flags & TriggeredFlag) != 0, (int)queue, trigger);
        }
        return orders;
    }
}
