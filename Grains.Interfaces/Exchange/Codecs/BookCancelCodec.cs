using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>Binary layout of <see cref="BookCancel"/>, a cancel from the account (or the risk engine) to the book.</summary>
public sealed class BookCancelCodec : MessageCodec<BookCancel>
{
    public static BookCancelCodec Instance { get; } = new();

    private BookCancelCodec() { }

    protected override void WriteBody(MessageWriter w, BookCancel c)
    {
        w.WriteInt64(c.OrderId);
        w.WriteInt64(c.UserId);
        w.WriteInt64(c.ClientOrderId);
        w.WriteBool(c.Administrative);
    }

    protected override BookCancel ReadBody(ref MessageReader r) => new(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadBool());
}
