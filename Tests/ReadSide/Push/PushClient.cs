using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Trading.Tests.EndToEnd;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.ReadSide.Push;

/// <summary>A test's WebSocket client of /ws: sends JSON messages and reads the server's frames one at a time.</summary>
internal sealed class PushClient(WebSocket socket) : IAsyncDisposable
{
    public WebSocket Socket => socket;

    /// <summary>Connects to the in-process gateway, anonymously or with the upgrade request signed as <paramref name="userId"/>.</summary>
    public static async Task<PushClient> ConnectAsync(ExchangeHost host, long? userId = null, string? signatureOverride = null)
    {
        var client = host.WebSocketClient();
        if (userId is { } user)
        {
            var (key, secret) = host.KeyOf(user);
            var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            client.ConfigureRequest = request =>
            {
                request.Headers["X-API-KEY"] = key;
                request.Headers["X-TIMESTAMP"] = ts.ToString(CultureInfo.InvariantCulture);
                request.Headers["X-SIGNATURE"] = signatureOverride ?? SignedClient.Sign(secret, ts, "GET", "/ws", "");
            };
        }
        return new PushClient(await client.ConnectAsync(new Uri("ws://localhost/ws"), CancellationToken.None));
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next frame, skipping heartbeats; throws when none arrives in time.</summary>
    public async Task<JsonElement> ReceiveAsync(int timeoutMs = 10_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    throw new Xunit.Sdk.XunitException($"server closed: {socket.CloseStatus} {socket.CloseStatusDescription}");
                message.Write(buffer, 0, result.Count);
            } while (!result.EndOfMessage);
            var frame = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            if (frame.TryGetProperty("op", out var op) && op.GetString() == "heartbeat") continue;
            return frame;
        }
    }

    /// <summary>Reads frames until one satisfies <paramref name="match"/>; every frame read is passed to <paramref name="seen"/>.</summary>
    public async Task<JsonElement> ReceiveUntilAsync(Func<JsonElement, bool> match, Action<JsonElement>? seen = null, int timeoutMs = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var left = (int)(deadline - DateTime.UtcNow).TotalMilliseconds;
            if (left <= 0) throw new TimeoutException("no matching frame in time");
            var frame = await ReceiveAsync(left);
            seen?.Invoke(frame);
            if (match(frame)) return frame;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(2_000);
            try { await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token); }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        }
        socket.Dispose();
    }
}

internal static class Frames
{
    public static string? Str(this JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    public static bool Is(this JsonElement e, string channel, string? type = null) =>
        !e.TryGetProperty("op", out _) && e.Str("channel") == channel && (type is null || e.Str("type") == type);
}
