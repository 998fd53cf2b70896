using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;

namespace Trading.Benchmarks.Push;

/// <summary>
/// One benchmark WebSocket client subscribed to a symbol's trades. For each trades frame it records the fan-out
/// latency (now minus the frame's eventTime, stamped by the gateway when it serialized the frame) and the
/// end-to-end latency (now minus the trade's time, the order's submission time).
/// </summary>
public sealed class FanoutClient(ClientWebSocket socket, LatencyHistogram fanout, LatencyHistogram endToEnd)
{
    private static readonly byte[] EventTimeField = "\"eventTime\":"u8.ToArray();
    private static readonly byte[] TimeField = "\"time\":"u8.ToArray();
    private static readonly byte[] TradesChannel = "\"channel\":\"trades\""u8.ToArray();

    public long Received { get; private set; }
    public long LastReceivedAt { get; private set; }
    public bool Closed { get; private set; }

    public static async Task<FanoutClient> ConnectAsync(Uri uri, string symbol, LatencyHistogram fanout, LatencyHistogram endToEnd)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, CancellationToken.None);
        var subscribe = Encoding.UTF8.GetBytes($"{{\"op\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"{symbol}\"}}");
        await socket.SendAsync(subscribe, WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[4096];
        var ack = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
        var text = Encoding.UTF8.GetString(buffer, 0, ack.Count);
        if (!text.Contains("\"subscribed\"")) throw new InvalidOperationException($"subscribe refused: {text}");
        return new FanoutClient(socket, fanout, endToEnd);
    }

    /// <summary>
    /// Reads frames until <paramref name="stop"/> (which aborts the socket). Receives pass no token: a token on every
    /// receive of 1,000 clients is 1,000 registrations on one CancellationTokenSource per frame, a lock they all
    /// contend for, which is the client's cost and not the server's delivery latency.
    /// </summary>
    public async Task ReceiveAsync(CancellationToken stop)
    {
        var buffer = new byte[64 * 1024];
        using var abort = stop.Register(static s => ((ClientWebSocket)s!).Abort(), socket);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        Closed = true;
                        return;
                    }
                    length += result.Count;
                } while (!result.EndOfMessage && length < buffer.Length);
                var now = DateTimeOffset.UtcNow;
                var frame = buffer.AsSpan(0, length);
                if (frame.IndexOf(TradesChannel) < 0) continue;
                var nowMs = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerMillisecond;
                if (TryReadNumber(frame, EventTimeField, out var eventTime)) fanout.Record(nowMs - eventTime);
                if (TryReadNumber(frame, TimeField, out var time)) endToEnd.Record(nowMs - time);
                Received++;
                LastReceivedAt = now.UtcTicks;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // stopped by the benchmark (it aborts the socket): not a server close
        }
    }

    public async Task CloseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(2_000);
            if (socket.State == WebSocketState.Open) await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        socket.Dispose();
    }

    private static bool TryReadNumber(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        var at = frame.IndexOf(field);
        return at >= 0 && Utf8Parser.TryParse(frame[(at + field.Length)..], out value, out _);
    }
}
