using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.Exchange.Codecs;
using Trading.Grains.Matching;
using Trading.Runtime.Messaging;

namespace Trading.Silo.ReadSide.History;

/// <summary>
/// Reads the trades of a <see cref="MatchResult"/> payload (the JSON <see cref="MessageTypeRegistry"/> writes:
/// camelCase names, enums by name or number) straight into <see cref="TradeRow"/>s, without building the result and
/// its events; other events and unknown properties are skipped. Names and enum values match without regard to case,
/// as the registry's reader does. Symbols are kept once per distinct value. Use one instance from one thread.
/// The book writes <c>match-results</c> as JSON; a binary payload (<see cref="MatchResultCodec"/>) is read too, through
/// the codec, so the exporter keeps working if the topic ever switches.
/// </summary>
public sealed class MatchResultTradeReader
{
    private const int MaxStackName = 64;
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow };

    private readonly Dictionary<string, string> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _symbolLookup;

    public MatchResultTradeReader() => _symbolLookup = _symbols.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Appends the result's trades to <paramref name="trades"/> and returns how many.</summary>
    /// <exception cref="FormatException">The payload is not a match result.</exception>
    public int Read(ReadOnlySpan<byte> payload, List<TradeRow> trades)
    {
        if (!payload.IsEmpty && payload[0] == MessageTypeRegistry.BinaryMarker) return ReadBinary(payload[1..], trades);
        var first = trades.Count;
        try
        {
            var reader = new Utf8JsonReader(payload, Options);
            Expect(ref reader, JsonTokenType.StartObject);
            string? symbol = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (Is(ref reader, "symbol"u8))
                {
                    Next(ref reader);
                    symbol = reader.TokenType == JsonTokenType.String ? Symbol(ref reader) : null;
                }
                else if (Is(ref reader, "events"u8))
                {
                    if (Next(ref reader) == JsonTokenType.StartArray) ReadEvents(ref reader, trades);
                    else if (reader.TokenType != JsonTokenType.Null) throw new FormatException("Match result events are not an array.");
                }
                else
                {
                    Next(ref reader);
                    reader.Skip();
                }
            }
            if (symbol is null) throw new FormatException("Match result without a symbol.");
            foreach (ref var trade in CollectionsMarshal.AsSpan(trades)[first..]) trade.Symbol = symbol;
            return trades.Count - first;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            trades.RemoveRange(first, trades.Count - first);
            throw e as FormatException ?? new FormatException($"Match result does not parse: {e.Message}", e);
        }
    }

    private int ReadBinary(ReadOnlySpan<byte> body, List<TradeRow> trades)
    {
        var reader = new MessageReader(body);
        var result = MatchResultCodec.Instance.Read(ref reader);
        reader.EnsureEnd();
        if (result.Symbol is null) throw new FormatException("Match result without a symbol.");
        var symbol = Intern(result.Symbol);
        var count = 0;
        foreach (var e in result.Events ?? [])
        {
            if (e.Kind != MatchEventKind.Trade) continue;
            trades.Add(new TradeRow
            {
                Symbol = symbol, Timestamp = e.Timestamp, TradeSequence = e.TradeSequence, Price = e.Price, Quantity = e.Quantity,
                Notional = e.Notional, Side = e.Side, OrderId = e.OrderId, UserId = e.UserId, MakerOrderId = e.MakerOrderId,
                MakerUserId = e.MakerUserId, TakerFee = e.TakerFee, MakerFee = e.MakerFee, Liquidation = e.Liquidation,
            });
            count++;
        }
        return count;
    }

    private static void ReadEvents(ref Utf8JsonReader reader, List<TradeRow> trades)
    {
        while (Next(ref reader) == JsonTokenType.StartObject)
        {
            var trade = new TradeRow { Symbol = "" };
            var isTrade = false;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var name = reader.ValueIsEscaped ? Unescaped(ref reader) : reader.ValueSpan;
                Next(ref reader);
                switch (name.Length)
                {
                    case 4 when Named(name, "kind"u8): isTrade = IsTrade(ref reader); break;
                    case 4 when Named(name, "side"u8): trade.Side = Side(ref reader); break;
                    case 5 when Named(name, "price"u8): trade.Price = reader.GetInt64(); break;
                    case 6 when Named(name, "userId"u8): trade.UserId = reader.GetInt64(); break;
                    case 7 when Named(name, "orderId"u8): trade.OrderId = reader.GetInt64(); break;
                    case 8 when Named(name, "quantity"u8): trade.Quantity = reader.GetInt64(); break;
                    case 8 when Named(name, "notional"u8): trade.Notional = reader.GetInt64(); break;
                    case 8 when Named(name, "makerFee"u8): trade.MakerFee = reader.GetInt64(); break;
                    case 8 when Named(name, "takerFee"u8): trade.TakerFee = reader.GetInt64(); break;
                    case 9 when Named(name, "timestamp"u8): trade.Timestamp = reader.GetInt64(); break;
                    case 11 when Named(name, "makerUserId"u8): trade.MakerUserId = reader.GetInt64(); break;
                    case 11 when Named(name, "liquidation"u8): trade.Liquidation = reader.GetBoolean(); break;
                    case 12 when Named(name, "makerOrderId"u8): trade.MakerOrderId = reader.GetInt64(); break;
                    case 13 when Named(name, "tradeSequence"u8): trade.TradeSequence = reader.GetInt64(); break;
                    default: reader.Skip(); break;
                }
            }
            if (isTrade) trades.Add(trade);
        }
        if (reader.TokenType != JsonTokenType.EndArray) throw new FormatException("Match result event is not an object.");
    }

    /// <summary>True for a trade event; kinds this build does not know are not trades.</summary>
    private static bool IsTrade(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetByte() == (byte)MatchEventKind.Trade,
        JsonTokenType.String when !reader.ValueIsEscaped => Ascii.EqualsIgnoreCase(reader.ValueSpan, "Trade"u8),
        JsonTokenType.String => Enum.TryParse<MatchEventKind>(reader.GetString(), ignoreCase: true, out var kind) && kind == MatchEventKind.Trade,
        _ => throw new FormatException($"Event kind is a {reader.TokenType}."),
    };

    private static OrderSide Side(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number) return (OrderSide)reader.GetByte();
        if (reader.TokenType != JsonTokenType.String) throw new FormatException($"Event side is a {reader.TokenType}.");
        if (!reader.ValueIsEscaped)
        {
            if (Ascii.EqualsIgnoreCase(reader.ValueSpan, "Buy"u8)) return OrderSide.Buy;
            if (Ascii.EqualsIgnoreCase(reader.ValueSpan, "Sell"u8)) return OrderSide.Sell;
        }
        return Enum.TryParse<OrderSide>(reader.GetString(), ignoreCase: true, out var side) && Enum.IsDefined(side)
            ? side : throw new FormatException($"Unknown order side '{reader.GetString()}'.");
    }

    private string Symbol(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length > MaxStackName) return Intern(reader.GetString()!);
        Span<char> chars = stackalloc char[MaxStackName];
        var length = reader.CopyString(chars);
        if (_symbolLookup.TryGetValue(chars[..length], out var known)) return known;
        return Intern(new string(chars[..length]));
    }

    private string Intern(string symbol)
    {
        if (_symbols.TryGetValue(symbol, out var known)) return known;
        _symbols[symbol] = symbol;
        return symbol;
    }

    private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        Named(reader.ValueIsEscaped ? Unescaped(ref reader) : reader.ValueSpan, name);

    /// <summary>The name as written (the common case, a plain compare) or in another case.</summary>
    private static bool Named(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> expected) =>
        actual.SequenceEqual(expected) || Ascii.EqualsIgnoreCase(actual, expected);

    private static byte[] Unescaped(ref Utf8JsonReader reader) => Encoding.UTF8.GetBytes(reader.GetString()!);

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new FormatException("Match result is truncated.");
        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type) throw new FormatException($"Match result does not start with {type}.");
    }
}
