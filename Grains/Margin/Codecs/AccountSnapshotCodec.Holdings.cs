using Trading.Runtime.Messaging;

namespace Trading.Grains.Margin.Codecs;

/// <summary>The two wide records of an account: its positions and its held orders.</summary>
public sealed partial class AccountSnapshotCodec
{
    private static void WritePositions(MessageWriter w, IReadOnlyList<PositionSnapshot>? positions)
    {
        if (!WriteCount(w, positions)) return;
        for (var i = 0; i < positions!.Count; i++)
        {
            var p = positions[i];
            w.WriteInt64(p.UserId);
            w.WriteString(p.Symbol);
            w.WriteEnum(p.Side);
            w.WriteEnum(p.PositionMode);
            w.WriteInt64(p.Quantity);
            w.WriteInt64(p.AveragePrice);
            w.WriteInt64(p.EntryNotional);
            w.WriteInt64(p.MarkPrice);
            w.WriteInt64(p.UnrealizedPnl);
            w.WriteInt64(p.RealizedPnl);
            w.WriteInt64(p.Margin);
            w.WriteInt64(p.IsolatedMargin);
            w.WriteInt64(p.MaintenanceMargin);
            w.WriteInt64(p.RiskRatio);
            w.WriteInt32(p.Leverage);
            w.WriteInt64(p.LiquidationPrice);
            w.WriteEnum(p.Status);
            w.WriteInt64(p.LockedQuantity);
            w.WriteInt64(p.AvailableQuantity);
            w.WriteEnum(p.LockStatus);
            w.WriteInt64(p.CreateTime);
            w.WriteInt64(p.UpdateTime);
        }
    }

    private static PositionSnapshot[]? ReadPositions(ref MessageReader r)
    {
        var count = r.ReadLength();
        if (count <= 0) return count < 0 ? null : [];
        var positions = new PositionSnapshot[count];
        for (var i = 0; i < positions.Length; i++)
            positions[i] = new PositionSnapshot
            {
                UserId = r.ReadInt64(),
                Symbol = r.ReadString()!,
                Side = r.ReadEnum<PositionSide>(),
                PositionMode = r.ReadEnum<PositionMode>(),
                Quantity = r.ReadInt64(),
                AveragePrice = r.ReadInt64(),
                EntryNotional = r.ReadInt64(),
                MarkPrice = r.ReadInt64(),
                UnrealizedPnl = r.ReadInt64(),
                RealizedPnl = r.ReadInt64(),
                Margin = r.ReadInt64(),
                IsolatedMargin = r.ReadInt64(),
                MaintenanceMargin = r.ReadInt64(),
                RiskRatio = r.ReadInt64(),
                Leverage = r.ReadInt32(),
                LiquidationPrice = r.ReadInt64(),
                Status = r.ReadEnum<PositionStatus>(),
                LockedQuantity = r.ReadInt64(),
                AvailableQuantity = r.ReadInt64(),
                LockStatus = r.ReadEnum<LockStatus>(),
                CreateTime = r.ReadInt64(),
                UpdateTime = r.ReadInt64(),
            };
        return positions;
    }

    private static void WriteOrders(MessageWriter w, IReadOnlyList<OrderHoldSnapshot>? orders)
    {
        if (!WriteCount(w, orders)) return;
        for (var i = 0; i < orders!.Count; i++)
        {
            var o = orders[i];
            w.WriteInt64(o.OrderId);
            w.WriteString(o.Symbol);
            w.WriteEnum(o.Side);
            w.WriteEnum(o.Intent);
            w.WriteInt64(o.WorstPriceTicks);
            w.WriteInt64(o.RemainingQty);
            w.WriteInt64(o.OpeningQty);
            w.WriteInt64(o.LockedQty);
            w.WriteInt64(o.LockSequence);
            w.WriteInt32(o.Leverage);
            w.WriteBool(o.IsLiquidation);
            w.WriteInt64(o.CreateTime);
            w.WriteString(o.ReservedAsset);
            w.WriteInt64(o.ReservedAmount);
        }
    }

    private static OrderHoldSnapshot[]? ReadOrders(ref MessageReader r)
    {
        var count = r.ReadLength();
        if (count <= 0) return count < 0 ? null : [];
        var orders = new OrderHoldSnapshot[count];
        for (var i = 0; i < orders.Length; i++)
            orders[i] = new OrderHoldSnapshot(r.ReadInt64(), r.ReadString()!, r.ReadEnum<TradeSide>(), r.ReadEnum<OrderIntent>(), r.ReadInt64(),
                r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt32(), r.ReadBool(), r.ReadInt64(), r.ReadString()!, r.ReadInt64());
        return orders;
    }
}
