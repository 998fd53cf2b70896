using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using Trading.Client.Api.Push.Fanout;
using Trading.Client.Api.Push.Protocol;

namespace Trading.Client.Api.Push.Connections;

/// <summary>
/// One client's conversation on /ws: reads its messages (subscribe, unsubscribe, ping), answers bad ones with an
/// error frame, runs the connection's writer, and removes every subscription when the connection ends.
/// </summary>
public sealed class PushSession(PushHub hub, IOptions<PushOptions> options, PushStatistics statistics, TimeProvider clock,
    ILogger<PushSession> logger)
{
    public async Task RunAsync(WebSocket socket, long? userId, CancellationToken aborted)
    {
        var settings = options.Value;
        using var connection = new PushConnection(socket, userId, settings.SendQueueCapacity, TimeSpan.FromMilliseconds(settings.CloseTimeoutMs),
            statistics, logger);
        var subscriptions = new HashSet<Subscription>();
        statistics.Opened();
        hub.Connections.Add(connection);
        var writer = connection.RunWriterAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, connection.Stopping);
        logger.LogDebug("WebSocket connection {ConnectionId} opened for user {UserId}", connection.Id, userId);
        try
        {
            await ReadAsync(socket, connection, subscriptions, settings, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away, or the connection was dropped.
        }
        finally
        {
            hub.Remove(connection, subscriptions);
            connection.Complete();
            await writer.WaitAsync(TimeSpan.FromMilliseconds(settings.CloseTimeoutMs)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            await CloseAsync(socket, connection, settings).ConfigureAwait(false);
            statistics.Closed();
            logger.LogDebug("WebSocket connection {ConnectionId} closed ({Reason})", connection.Id, connection.DropReason ?? "normal");
        }
    }

    private async Task ReadAsync(WebSocket socket, PushConnection connection, HashSet<Subscription> subscriptions,
        PushOptions settings, CancellationToken stop)
    {
        var buffer = new byte[settings.MaxClientMessageBytes];
        while (socket.State == WebSocketState.Open)
        {
            var length = 0;
            var oversized = false;
            ValueWebSocketReceiveResult received;
            do
            {
                if (length == buffer.Length)
                {
                    oversized = true;
                    length = 0; // discard the rest of the message
                }
                received = await socket.ReceiveAsync(buffer.AsMemory(length), stop).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close) return;
                length += received.Count;
            } while (!received.EndOfMessage);

            if (oversized) connection.Send(PushFrames.Error("message", $"larger than {settings.MaxClientMessageBytes} bytes"));
            else if (received.MessageType != WebSocketMessageType.Text) connection.Send(PushFrames.Error("message", "send text frames of JSON"));
            else await HandleAsync(connection, subscriptions, buffer.AsMemory(0, length), settings, stop).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(PushConnection connection, HashSet<Subscription> subscriptions, ReadOnlyMemory<byte> message,
        PushOptions settings, CancellationToken stop)
    {
        if (!ClientRequestReader.TryRead(message.Span, out var request, out var error))
        {
            connection.Send(PushFrames.Error(error!.Field, error.Message));
            return;
        }
        switch (request.Op)
        {
            case ClientOp.Ping:
                connection.Send(PushFrames.Beat("pong", clock.GetUtcNow().ToUnixTimeMilliseconds()));
                return;
            case ClientOp.Unsubscribe:
                var key = request.Subscription;
                if (subscriptions.Remove(key) && hub.Unsubscribe(connection, key))
                    connection.Send(PushFrames.Ack("unsubscribed", key));
                else connection.Send(PushFrames.Error("channel",
                    $"not subscribed to {request.Channel.Name()}{(request.Symbol is null ? "" : " " + request.Symbol)}{(request.Interval is null ? "" : " " + request.Interval.Name)}"));
                return;
            default:
                var wanted = request.Subscription;
                if (!subscriptions.Contains(wanted) && subscriptions.Count >= settings.MaxSubscriptionsPerConnection)
                {
                    connection.Send(PushFrames.Error("channel", $"at most {settings.MaxSubscriptionsPerConnection} subscriptions per connection"));
                    return;
                }
                var refused = await hub.SubscribeAsync(connection, request, stop).ConfigureAwait(false);
                if (refused is not null) connection.Send(PushFrames.Error(refused.Field, refused.Message));
                else subscriptions.Add(wanted);
                return;
        }
    }

    private static async Task CloseAsync(WebSocket socket, PushConnection connection, PushOptions settings)
    {
        try
        {
            if (connection.DropReason is null && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(settings.CloseTimeoutMs);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
        finally
        {
            if (socket.State is not (WebSocketState.Closed or WebSocketState.Aborted)) socket.Abort();
        }
    }
}
