using Trading.Grains.Margin;
using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>Binary layout of <see cref="PositionView"/>, the user's position on a symbol (inside <see cref="UserUpdate"/>).</summary>
public sealed class PositionViewCodec : MessageCodec<PositionView>
{
    public static PositionViewCodec Instance { get; } = new();

    private PositionViewCodec() { }

    protected override void WriteBody(MessageWriter w, PositionView p)
    {
        w.WriteString(p.Symbol);
        w.WriteEnum(p.Side);
        w.WriteEnum(p.Mode);
        w.WriteInt32(p.Leverage);
        w.WriteInt64(p.Quantity);
        w.WriteInt64(p.EntryNotional);
        w.WriteInt64(p.AveragePrice);
        w.WriteInt64(p.MarkPrice);
        w.WriteInt64(p.UnrealizedPnl);
        w.WriteInt64(p.RealizedPnl);
        w.WriteInt64(p.Margin);
        w.WriteInt64(p.MaintenanceMargin);
        w.WriteInt64(p.RiskRatioPpm);
        w.WriteInt64(p.LiquidationPrice);
        w.WriteEnum(p.Status);
        w.WriteInt64(p.LockedQuantity);
        w.WriteInt64(p.AvailableQuantity);
        w.WriteEnum(p.LockStatus);
        w.WriteInt64(p.CreateTime);
        w.WriteInt64(p.UpdateTime);
    }

    protected override PositionView ReadBody(ref MessageReader r) => new(r.ReadString()!, r.ReadEnum<PositionSide>(), r.ReadEnum<PositionMode>(),
        r.ReadInt32(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(),
        r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadEnum<PositionStatus>(), r.ReadInt64(), r.ReadInt64(), r.ReadEnum<LockStatus>(),
        r.ReadInt64(), r.ReadInt64());
}
