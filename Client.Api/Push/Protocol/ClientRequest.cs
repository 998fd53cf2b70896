using System.Text.Json;
using Trading.Grains.MarketData;

namespace Trading.Client.Api.Push.Protocol;

public enum ClientOp
{
    Subscribe,
    Unsubscribe,
    Ping,
}

/// <summary>
/// One message from a WebSocket client: <c>{"op":"subscribe","channel":"depth","symbol":"BTCUSDT"}</c>, <c>unsubscribe</c>,
/// <c>ping</c>; the kline channel also names its interval (<c>"interval":"1m"</c>).
/// </summary>
public readonly record struct ClientRequest(ClientOp Op, PushChannel Channel, string? Symbol, KlineInterval? Interval = null)
{
    public Subscription Subscription => new(Channel, Symbol, Interval);
}

/// <summary>What one subscription of a connection is: a channel, its symbol (public channels) and interval (kline).</summary>
public readonly record struct Subscription(PushChannel Channel, string? Symbol, KlineInterval? Interval);

/// <summary>Why a client message was refused: the field at fault and a message for a person.</summary>
public sealed record ClientError(string Field, string Message);

/// <summary>Parses and validates client messages. Anything malformed yields a <see cref="ClientError"/>, never an exception.</summary>
public static class ClientRequestReader
{
    private const int MaxSymbolLength = 32;

    public static bool TryRead(ReadOnlySpan<byte> utf8, out ClientRequest request, out ClientError? error)
    {
        request = default;
        string? op = null, channel = null, symbol = null, interval = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return Fail("message", "expected a JSON object", out error);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read()) break;
                if (name is not ("op" or "channel" or "symbol" or "interval"))
                    return Fail(name ?? "message", "unknown field (expected op, channel, symbol, interval)", out error);
                if (reader.TokenType != JsonTokenType.String) return Fail(name, "must be a string", out error);
                var value = reader.GetString();
                if (name == "op") op = value;
                else if (name == "channel") channel = value;
                else if (name == "symbol") symbol = value;
                else interval = value;
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                return Fail("message", "expected one flat JSON object", out error);
        }
        catch (JsonException)
        {
            return Fail("message", "malformed JSON", out error);
        }

        ClientOp parsedOp;
        switch (op)
        {
            case "subscribe": parsedOp = ClientOp.Subscribe; break;
            case "unsubscribe": parsedOp = ClientOp.Unsubscribe; break;
            case "ping":
                request = new ClientRequest(ClientOp.Ping, default, null);
                error = null;
                return true;
            case null: return Fail("op", "required: subscribe, unsubscribe or ping", out error);
            default: return Fail("op", "unknown op (expected subscribe, unsubscribe or ping)", out error);
        }
        if (channel is null) return Fail("channel", "required: " + PushChannels.Known, out error);
        if (!PushChannels.TryParse(channel, out var parsedChannel)) return Fail("channel", "unknown channel (expected " + PushChannels.Known + ")", out error);
        if (parsedChannel.IsPrivate())
        {
            if (symbol is not null) return Fail("symbol", $"the {channel} channel takes no symbol", out error);
        }
        else if (string.IsNullOrEmpty(symbol)) return Fail("symbol", $"required for the {channel} channel", out error);
        else if (symbol.Length > MaxSymbolLength || !IsSymbolText(symbol)) return Fail("symbol", "unknown symbol", out error);
        KlineInterval? parsedInterval = null;
        if (parsedChannel == PushChannel.Kline)
        {
            if (interval is null) return Fail("interval", "required for the kline channel: " + Intervals, out error);
            if (!KlineInterval.TryParse(interval, out var known)) return Fail("interval", $"unknown interval '{Truncated(interval)}' (expected {Intervals})", out error);
            parsedInterval = known;
        }
        else if (interval is not null) return Fail("interval", $"the {channel} channel takes no interval", out error);
        request = new ClientRequest(parsedOp, parsedChannel, symbol, parsedInterval);
        error = null;
        return true;
    }

    private static readonly string Intervals = string.Join(", ", KlineInterval.All.Select(i => i.Name));

    private static string Truncated(string text) => text.Length <= MaxSymbolLength ? text : text[..MaxSymbolLength] + "...";

    private static bool IsSymbolText(string symbol)
    {
        foreach (var c in symbol)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-') return false;
        return true;
    }

    private static bool Fail(string field, string message, out ClientError error)
    {
        error = new ClientError(field, message);
        return false;
    }
}
