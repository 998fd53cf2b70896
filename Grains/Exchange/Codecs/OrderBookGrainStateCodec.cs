using Trading.Grains.Matching.Codecs;
using Trading.Grains.Symbols.Codecs;
using Trading.Runtime.Grains;
using Trading.Runtime.Messaging;

namespace Trading.Grains.Exchange.Codecs;

/// <summary>
/// Binary checkpoint layout of <see cref="OrderBookGrainState"/>: the spec, the book (<see cref="BookSnapshotCodec"/>,
/// almost all of the bytes), and the holdings sorted by user id, each id stored as the step from the previous one, so
/// equal states give equal bytes whatever order the dictionary was filled in.
/// </summary>
public sealed class OrderBookGrainStateCodec : MessageCodec<OrderBookGrainState>, IStateCodec<OrderBookGrainState>
{
    public static OrderBookGrainStateCodec Instance { get; } = new();

    private OrderBookGrainStateCodec() { }

    protected override void WriteBody(MessageWriter w, OrderBookGrainState s)
    {
        SymbolSpecCodec.Instance.WriteNullable(w, s.Spec);
        BookSnapshotCodec.Instance.WriteNullable(w, s.Book);
        WriteHoldings(w, s.Holdings);
    }

    protected override OrderBookGrainState ReadBody(ref MessageReader r) => new()
    {
        Spec = SymbolSpecCodec.Instance.ReadNullable(ref r),
        Book = BookSnapshotCodec.Instance.ReadNullable(ref r),
        Holdings = ReadHoldings(ref r)!,
    };

    private static void WriteHoldings(MessageWriter w, Dictionary<long, long>? holdings)
    {
        if (holdings is null)
        {
            w.WriteLength(-1);
            return;
        }
        var users = new long[holdings.Count];
        holdings.Keys.CopyTo(users, 0);
        Array.Sort(users);
        w.WriteLength(users.Length);
        long previous = 0;
        foreach (var user in users)
        {
            w.WriteInt64(unchecked(user - previous));
            w.WriteInt64(holdings[user]);
            previous = user;
        }
    }

    /// <exception cref="FormatException">User ids out of order or repeated (not what <see cref="WriteHoldings"/> writes).</exception>
    private static Dictionary<long, long>? ReadHoldings(ref MessageReader r)
    {
        var count = r.ReadLength();
        if (count < 0) return null;
        var holdings = new Dictionary<long, long>(count);
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            var user = unchecked(previous + r.ReadInt64());
            if (i > 0 && user <= previous) throw new FormatException($"Holding keys out of order: {user} after {previous}.");
            holdings.Add(user, r.ReadInt64());
            previous = user;
        }
        return holdings;
    }
}
