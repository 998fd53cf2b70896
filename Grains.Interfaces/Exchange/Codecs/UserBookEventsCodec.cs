using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>Binary layout of <see cref="UserBookEvents"/>, one user's events of a book command (<c>positions.fills</c>).</summary>
public sealed class UserBookEventsCodec : MessageCodec<UserBookEvents>
{
    public static UserBookEventsCodec Instance { get; } = new();

    private UserBookEventsCodec() { }

    protected override void WriteBody(MessageWriter w, UserBookEvents u)
    {
        w.WriteString(u.Symbol);
        w.WriteInt64(u.UserId);
        BookEventCodec.Instance.WriteList(w, u.Events);
    }

    protected override UserBookEvents ReadBody(ref MessageReader r) =>
        new(r.ReadString()!, r.ReadInt64(), BookEventCodec.Instance.ReadArray(ref r)!);
}
