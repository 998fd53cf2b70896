using Trading.Runtime.Messaging;

namespace Trading.Grains.Interfaces.Exchange.Codecs;

/// <summary>
/// Binary layout of <see cref="MatchResult"/>. The book still writes <c>match-results</c> as JSON (the trades
/// exporter and outside consumers read that JSON); the stream readers register this codec so that they would
/// also read a binary record.
/// </summary>
public sealed class MatchResultCodec : MessageCodec<MatchResult>
{
    public static MatchResultCodec Instance { get; } = new();

    private MatchResultCodec() { }

    protected override void WriteBody(MessageWriter w, MatchResult m)
    {
        w.WriteString(m.Symbol);
        BookEventCodec.Instance.WriteList(w, m.Events);
    }

    protected override MatchResult ReadBody(ref MessageReader r) => new(r.ReadString()!, BookEventCodec.Instance.ReadArray(ref r)!);
}
