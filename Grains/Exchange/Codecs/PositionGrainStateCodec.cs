using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.Exchange.Codecs;
using Trading.Grains.Margin.Codecs;
using Trading.Grains.Symbols;
using Trading.Grains.Symbols.Codecs;
using Trading.Runtime.Grains;
using Trading.Runtime.Messaging;

namespace Trading.Grains.Exchange.Codecs;

/// <summary>
/// Binary checkpoint layout of <see cref="PositionGrainState"/>: the account, the specs sorted by symbol (ordinal, so
/// equal states give equal bytes whatever order the dictionary was filled in), then the open and closed orders and the
/// trades in their order. With up to 1,000 orders and trades a journal is most of the state; the order and trade views
/// use their message codecs, and a live account's closed orders and trades come already encoded (<see cref="JournalEncoding"/>). Specs read back shared (<see cref="SymbolSpecCodec.ReadShared"/>): the 100,000 accounts of
/// a snapshot hold a handful of distinct, immutable specs.
/// </summary>
public sealed class PositionGrainStateCodec : MessageCodec<PositionGrainState>, IStateCodec<PositionGrainState>
{
    public static PositionGrainStateCodec Instance { get; } = new();

    private PositionGrainStateCodec() { }

    protected override void WriteBody(MessageWriter w, PositionGrainState s)
    {
        AccountSnapshotCodec.Instance.WriteNullable(w, s.Account);
        WriteSpecs(w, s.Specs);
        OrderViewCodec.Instance.WriteList(w, s.OpenOrders);
        if (s.Encoding is { } encoded && encoded.Matches(s))
        {
            // The journal's encoded copies of the two lists: the same bytes as encoding them here, without the work.
            encoded.Closed.WriteList(w);
            encoded.Trades.WriteList(w);
            return;
        }
        OrderViewCodec.Instance.WriteList(w, s.ClosedOrders);
        TradeViewCodec.Instance.WriteList(w, s.Trades);
    }

    protected override PositionGrainState ReadBody(ref MessageReader r) => new()
    {
        Account = AccountSnapshotCodec.Instance.ReadNullable(ref r),
        Specs = ReadSpecs(ref r)!,
        OpenOrders = ReadList(ref r, OrderViewCodec.Instance)!,
        ClosedOrders = ReadList(ref r, OrderViewCodec.Instance)!,
        Trades = ReadList(ref r, TradeViewCodec.Instance)!,
    };

    private static void WriteSpecs(MessageWriter w, Dictionary<string, SymbolSpec>? specs)
    {
        if (specs is null)
        {
            w.WriteLength(-1);
            return;
        }
        var symbols = new string[specs.Count];
        specs.Keys.CopyTo(symbols, 0);
        Array.Sort(symbols, StringComparer.Ordinal);
        w.WriteLength(symbols.Length);
        foreach (var symbol in symbols)
        {
            w.WriteString(symbol);
            SymbolSpecCodec.Instance.Write(w, specs[symbol]);
        }
    }

    /// <exception cref="FormatException">Keys out of order or repeated (not what <see cref="WriteSpecs"/> writes).</exception>
    private static Dictionary<string, SymbolSpec>? ReadSpecs(ref MessageReader r)
    {
        var count = r.ReadLength();
        if (count < 0) return null;
        var specs = new Dictionary<string, SymbolSpec>(count, StringComparer.Ordinal);
        string? previous = null;
        for (var i = 0; i < count; i++)
        {
            var symbol = r.ReadString() ?? throw new FormatException("A spec without a symbol key.");
            if (previous is not null && string.CompareOrdinal(previous, symbol) >= 0)
                throw new FormatException($"Spec keys out of order: '{symbol}' after '{previous}'.");
            specs.Add(symbol, SymbolSpecCodec.Instance.ReadShared(ref r));
            previous = symbol;
        }
        return specs;
    }

    /// <summary>Null, or a list of what <see cref="MessageCodec{T}.WriteList"/> wrote (the state's lists grow after loading).</summary>
    private static List<T>? ReadList<T>(ref MessageReader r, MessageCodec<T> codec) where T : class
    {
        var count = r.ReadLength();
        if (count < 0) return null;
        var items = new List<T>(count);
        for (var i = 0; i < count; i++) items.Add(codec.Read(ref r));
        return items;
    }
}
