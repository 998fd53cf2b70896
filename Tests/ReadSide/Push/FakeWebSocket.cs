using System.Net.WebSockets;
using System.Text;

namespace Trading.Tests.ReadSide.Push;

/// <summary>
/// A server-side socket for unit tests: records the frames sent, or (stalled) never finishes a send, as a client
/// that stopped reading looks to the server once the TCP window is full. Receiving waits until cancelled.
/// </summary>
internal sealed class FakeWebSocket(bool stalled) : WebSocket
{
    private readonly List<string> _sent = new();
    private WebSocketState _state = WebSocketState.Open;
    private WebSocketCloseStatus? _closeStatus;
    private string? _closeDescription;

    public bool Aborted { get; private set; }
    private int _sendsStarted;

    public int SendsStarted => Volatile.Read(ref _sendsStarted);

    public IReadOnlyList<string> Sent
    {
        get { lock (_sent) return _sent.ToArray(); }
    }

    public override WebSocketCloseStatus? CloseStatus => _closeStatus;
    public override string? CloseStatusDescription => _closeDescription;
    public override WebSocketState State => _state;
    public override string? SubProtocol => null;

    public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sendsStarted);
        if (stalled)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Abort(); // as the managed socket does when a pending send is cancelled
                throw;
            }
        }
        lock (_sent) _sent.Add(Encoding.UTF8.GetString(buffer));
    }

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        _closeStatus = closeStatus;
        _closeDescription = statusDescription;
        _state = WebSocketState.CloseSent;
        return Task.CompletedTask;
    }

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new OperationCanceledException();
    }

    public override void Abort()
    {
        Aborted = true;
        _state = WebSocketState.Aborted;
    }

    public override void Dispose() { }
}
