using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Trading.Client.Api.Exchange;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.MarketData;
using Trading.Grains.Symbols;

namespace Trading.Client.Api.Push.Protocol;

/// <summary>
/// Serializes the server's messages. Each frame is written once into a per-thread buffer and copied into one
/// array, which every subscriber of the frame is sent. Prices and quantities are decimal strings.
/// </summary>
public static class PushFrames
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _writer;

    public static byte[] Ack(string op, Subscription subscription)
    {
        var w = Begin();
        w.WriteString("op", op);
        w.WriteString("channel", subscription.Channel.Name());
        if (subscription.Symbol is not null) w.WriteString("symbol", subscription.Symbol);
        if (subscription.Interval is not null) w.WriteString("interval", subscription.Interval.Name);
        return End(w);
    }

    public static byte[] Error(string field, string message)
    {
        var w = Begin();
        w.WriteString("op", "error");
        w.WriteString("field", field);
        w.WriteString("message", message);
        return End(w);
    }

    /// <summary>A heartbeat (<c>op</c> "heartbeat") or the answer to a ping (<c>op</c> "pong").</summary>
    public static byte[] Beat(string op, long time)
    {
        var w = Begin();
        w.WriteString("op", op);
        w.WriteNumber("time", time);
        return End(w);
    }

    /// <summary>A depth snapshot (no previousSequence) or update of the top-N view.</summary>
    public static byte[] Depth(SymbolSpec spec, bool snapshot, long previousSequence, long sequence, long time, long eventTime,
        IReadOnlyList<DepthEntry> bids, IReadOnlyList<DepthEntry> asks)
    {
        var w = Begin();
        w.WriteString("channel", "depth");
        w.WriteString("symbol", spec.Symbol);
        w.WriteString("type", snapshot ? "snapshot" : "update");
        w.WriteNumber("sequence", sequence);
        if (!snapshot) w.WriteNumber("previousSequence", previousSequence);
        w.WriteNumber("time", time);
        w.WriteNumber("eventTime", eventTime);
        Levels(w, "bids", spec, bids);
        Levels(w, "asks", spec, asks);
        return End(w);
    }

    /// <summary>The trades of one book command, or null when it had none. Side is the taker's.</summary>
    public static byte[]? Trades(SymbolSpec spec, IReadOnlyList<BookEvent> events, long eventTime)
    {
        Utf8JsonWriter? w = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Kind != Grains.Matching.MatchEventKind.Trade) continue;
            if (w is null)
            {
                w = Begin();
                w.WriteString("channel", "trades");
                w.WriteString("symbol", spec.Symbol);
                w.WriteNumber("eventTime", eventTime);
                w.WriteStartArray("trades");
            }
            w.WriteStartObject();
            w.WriteNumber("id", e.TradeSequence);
            Decimal(w, "price", spec.TicksToPrice(e.Price));
            Decimal(w, "qty", spec.LotsToQuantity(e.Quantity));
            w.WriteString("side", ApiEnums.Name(e.Side));
            w.WriteNumber("time", e.Timestamp);
            w.WriteEndObject();
        }
        if (w is null) return null;
        w.WriteEndArray();
        return End(w);
    }

    /// <summary>
    /// A candle of the kline channel: the current one on subscribe (<c>"type":"snapshot"</c>, <c>"kline":null</c> before
    /// the first trade) and after each book command that traded in it (<c>"update"</c>); <c>closed</c> once a later
    /// candle opened (or, in a snapshot, once its close time passed). Fields as GET /api/klines, plus lastTradeId.
    /// </summary>
    public static byte[] Kline(SymbolSpec spec, KlineInterval interval, bool snapshot, Kline? kline, bool closed, long lastTradeId, long eventTime)
    {
        var w = Begin();
        w.WriteString("channel", "kline");
        w.WriteString("symbol", spec.Symbol);
        w.WriteString("interval", interval.Name);
        w.WriteString("type", snapshot ? "snapshot" : "update");
        w.WriteNumber("eventTime", eventTime);
        if (kline is null)
        {
            w.WriteNull("kline");
            return End(w);
        }
        w.WriteStartObject("kline");
        w.WriteNumber("openTime", kline.OpenTime);
        Decimal(w, "open", spec.TicksToPrice(kline.Open));
        Decimal(w, "high", spec.TicksToPrice(kline.High));
        Decimal(w, "low", spec.TicksToPrice(kline.Low));
        Decimal(w, "close", spec.TicksToPrice(kline.Close));
        Decimal(w, "volume", spec.LotsToQuantity(kline.Volume));
        w.WriteNumber("closeTime", kline.OpenTime + interval.Milliseconds - 1);
        Decimal(w, "quoteVolume", Money.ToDecimal(kline.QuoteVolume));
        w.WriteNumber("trades", kline.Trades);
        w.WriteNumber("lastTradeId", lastTradeId);
        w.WriteBoolean("closed", closed);
        w.WriteEndObject();
        return End(w);
    }

    public static byte[] Ticker(TickerResponse ticker, long eventTime)
    {
        var w = Begin();
        w.WriteString("channel", "ticker");
        w.WriteString("symbol", ticker.Symbol);
        w.WriteNumber("eventTime", eventTime);
        w.WritePropertyName("data");
        JsonSerializer.Serialize(w, ticker, Json);
        return End(w);
    }

    /// <summary>A private channel's frame: <paramref name="name"/> holds the user's changed items.</summary>
    public static byte[] Private<T>(PushChannel channel, string name, IReadOnlyList<T> items, long eventTime)
    {
        var w = Begin();
        w.WriteString("channel", channel.Name());
        w.WriteNumber("eventTime", eventTime);
        w.WritePropertyName(name);
        JsonSerializer.Serialize(w, items, Json);
        return End(w);
    }

    /// <summary>The orders channel's frame: changed orders and new fills of one user.</summary>
    public static byte[] Orders(IReadOnlyList<OrderResponse> orders, IReadOnlyList<TradeResponse> trades, long eventTime)
    {
        var w = Begin();
        w.WriteString("channel", "orders");
        w.WriteNumber("eventTime", eventTime);
        w.WritePropertyName("orders");
        JsonSerializer.Serialize(w, orders, Json);
        w.WritePropertyName("trades");
        JsonSerializer.Serialize(w, trades, Json);
        return End(w);
    }

    private static void Levels(Utf8JsonWriter w, string name, SymbolSpec spec, IReadOnlyList<DepthEntry> levels)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < levels.Count; i++)
        {
            w.WriteStartArray();
            DecimalValue(w, spec.TicksToPrice(levels[i].Price));
            DecimalValue(w, spec.LotsToQuantity(levels[i].Quantity));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private static void Decimal(Utf8JsonWriter w, string name, decimal value)
    {
        w.WritePropertyName(name);
        DecimalValue(w, value);
    }

    private static void DecimalValue(Utf8JsonWriter w, decimal value)
    {
        Span<char> text = stackalloc char[64];
        if (!value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture))
            throw new FormatException("decimal does not fit 64 characters");
        w.WriteStringValue(text[..written]);
    }

    private static Utf8JsonWriter Begin()
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false });
        writer.Reset(buffer);
        writer.WriteStartObject();
        return writer;
    }

    private static byte[] End(Utf8JsonWriter w)
    {
        w.WriteEndObject();
        w.Flush();
        return _buffer!.WrittenSpan.ToArray();
    }
}
