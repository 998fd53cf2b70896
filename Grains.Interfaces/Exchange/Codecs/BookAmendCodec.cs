using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>Binary layout of <see cref="BookAmend"/>, an amend from the account to the book.</summary>
public sealed class BookAmendCodec : MessageCodec<BookAmend>
{
    public static BookAmendCodec Instance { get; } = new();

    private BookAmendCodec() { }

    protected override void WriteBody(MessageWriter w, BookAmend a)
    {
        w.WriteInt64(a.OrderId);
        w.WriteInt64(a.UserId);
        w.WriteInt64(a.NewPrice);
        w.WriteInt64(a.NewQuantity);
    }

    protected override BookAmend ReadBody(ref MessageReader r) => new(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
}
