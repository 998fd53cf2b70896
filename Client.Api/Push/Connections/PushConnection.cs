using System.Net.WebSockets;
using System.Threading.Channels;

namespace Trading.Client.Api.Push.Connections;

/// <summary>
/// The sending half of one WebSocket connection: a bounded queue of frames drained by one writer loop.
/// <see cref="Send"/> never waits: when the queue is full the client is too slow, so the connection is dropped
/// (close 1008 with the reason if the socket takes it within the close timeout, else aborted) and counted.
/// A slow client therefore costs the server one full queue, never a stalled broadcast.
/// </summary>
public sealed class PushConnection : IDisposable
{
    private static long _nextId;

    private readonly WebSocket _socket;
    private readonly Channel<byte[]> _queue;
    private readonly PushStatistics _statistics;
    private readonly ILogger _logger;
    private readonly TimeSpan _closeTimeout;
    private readonly CancellationTokenSource _stop = new();
    private string? _dropReason;
    private int _state; // Open, then Ended (normal close) or Dropped, once
    private const int Open = 0, Ended = 1, Dropped = 2;

    public PushConnection(WebSocket socket, long? userId, int queueCapacity, TimeSpan closeTimeout, PushStatistics statistics, ILogger logger)
    {
        _socket = socket;
        UserId = userId;
        _closeTimeout = closeTimeout;
        _statistics = statistics;
        _logger = logger;
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(queueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false,
        });
        Id = Interlocked.Increment(ref _nextId);
    }

    public long Id { get; }

    /// <summary>The signed-in user, or null for an anonymous (public channels only) connection.</summary>
    public long? UserId { get; }

    /// <summary>Why the connection was dropped, or null while it is not.</summary>
    public string? DropReason => Volatile.Read(ref _state) == Dropped ? Volatile.Read(ref _dropReason) : null;

    /// <summary>Cancelled once the connection is over (dropped and past the close timeout, or ended).</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>Queues a frame; false when the connection is closed or was just dropped for a full queue.</summary>
    public bool Send(byte[] frame)
    {
        if (_queue.Writer.TryWrite(frame))
        {
            _statistics.FrameQueued();
            return true;
        }
        if (Volatile.Read(ref _state) != Open) return false;
        Drop($"send queue full ({_queue.Reader.Count} frames): client too slow");
        return false;
    }

    /// <summary>Ends the connection for <paramref name="reason"/>: nothing more is sent but the close frame.</summary>
    public void Drop(string reason)
    {
        Interlocked.CompareExchange(ref _dropReason, reason, null);
        if (Interlocked.CompareExchange(ref _state, Dropped, Open) != Open) return; // already ended or dropped
        _queue.Writer.TryComplete();
        _statistics.SlowClientDropped();
        _logger.LogWarning("Dropping WebSocket connection {ConnectionId} of user {UserId}: {Reason}", Id, UserId, reason);
        try
        {
            _stop.CancelAfter(_closeTimeout);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>No more frames: the writer sends what is queued and ends.</summary>
    public void Complete()
    {
        if (Interlocked.CompareExchange(ref _state, Ended, Open) == Open) _queue.Writer.TryComplete();
    }

    /// <summary>Cancels the connection's reads and writes now.</summary>
    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Sends queued frames in order until the queue completes; after a drop, sends the close frame with the reason.</summary>
    public async Task RunWriterAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    if (DropReason is not null) break;
                    await _socket.SendAsync(frame.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, _stop.Token).ConfigureAwait(false);
                    _statistics.FrameSent();
                }
                if (DropReason is not null) break;
            }
            var reason = DropReason;
            if (reason is not null && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, reason, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The socket was aborted or the client went away: nothing left to send to.
        }
        finally
        {
            if (DropReason is not null) Stop();
        }
    }

    public void Dispose() => _stop.Dispose();
}
