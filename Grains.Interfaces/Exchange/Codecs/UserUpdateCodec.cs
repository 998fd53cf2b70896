using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>
/// Binary layout of <see cref="UserUpdate"/>, what one input changed on an account: the record on <c>positions</c>
/// read by the cache, the history and the private WebSocket channels.
/// </summary>
public sealed class UserUpdateCodec : MessageCodec<UserUpdate>
{
    public static UserUpdateCodec Instance { get; } = new();

    private UserUpdateCodec() { }

    protected override void WriteBody(MessageWriter w, UserUpdate u)
    {
        w.WriteInt64(u.UserId);
        w.WriteString(u.Symbol);
        w.WriteInt64(u.Timestamp);
        OrderViewCodec.Instance.WriteList(w, u.Orders);
        TradeViewCodec.Instance.WriteList(w, u.Trades);
        PositionViewCodec.Instance.WriteNullable(w, u.Position);
        BalanceViewCodec.Instance.WriteList(w, u.Balances);
    }

    protected override UserUpdate ReadBody(ref MessageReader r) => new(r.ReadInt64(), r.ReadString(), r.ReadInt64(),
        OrderViewCodec.Instance.ReadArray(ref r)!, TradeViewCodec.Instance.ReadArray(ref r)!, PositionViewCodec.Instance.ReadNullable(ref r),
        BalanceViewCodec.Instance.ReadArray(ref r)!);
}
