using System.Text.Json;

namespace Trading.Client.Api.Push.Protocol;

public enum ClientOp
{
    Subscribe,
    Unsubscribe,
    Ping,
}

/// <summary>One message from a WebSocket client: <c>{"op":"subscribe","channel":"depth","symbol":"BTCUSDT"}</c>, <c>unsubscribe</c>, <c>ping</c>.</summary>
public readonly record struct ClientRequest(ClientOp Op, PushChannel Channel, string? Symbol);

/// <summary>Why a client message was refused: the field at fault and a message for a person.</summary>
public sealed record ClientError(string Field, string Message);

/// <summary>Parses and validates client messages. Anything malformed yields a <see cref="ClientError"/>, never an exception.</summary>
public static class ClientRequestReader
{
    private const int MaxSymbolLength = 32;

    public static bool TryRead(ReadOnlySpan<byte> utf8, out ClientRequest request, out ClientError? error)
    {
        request = default;
        string? op = null, channel = null, symbol = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return Fail("message", "expected a JSON object", out error);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read()) break;
                if (name is not ("op" or "channel" or "symbol"))
                    return Fail(name ?? "message", "unknown field (expected op, channel, symbol)", out error);
                if (reader.TokenType != JsonTokenType.String) return Fail(name, "must be a string", out error);
                var value = reader.GetString();
                if (name == "op") op = value;
                else if (name == "channel") channel = value;
                else symbol = value;
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
        request = new ClientRequest(parsedOp, parsedChannel, symbol);
        error = null;
        return true;
    }

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
