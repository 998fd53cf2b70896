using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>Binary layout of <see cref="BalanceView"/>, one asset of the user's wallet (inside <see cref="UserUpdate"/>).</summary>
public sealed class BalanceViewCodec : MessageCodec<BalanceView>
{
    public static BalanceViewCodec Instance { get; } = new();

    private BalanceViewCodec() { }

    protected override void WriteBody(MessageWriter w, BalanceView b)
    {
        w.WriteString(b.Asset);
        w.WriteInt64(b.WalletBalance);
        w.WriteInt64(b.AvailableBalance);
        w.WriteInt64(b.ReservedForOrders);
        w.WriteInt64(b.IsolatedMargin);
        w.WriteInt64(b.UnrealizedPnl);
        w.WriteInt64(b.FeesPaid);
        w.WriteInt64(b.InsuranceFundCovered);
    }

    protected override BalanceView ReadBody(ref MessageReader r) =>
        new(r.ReadString()!, r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
}
