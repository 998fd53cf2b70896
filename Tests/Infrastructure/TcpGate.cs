using System.Net;
using System.Net.Sockets;

namespace Trading.Tests.Infrastructure;

/// <summary>
/// A TCP forwarder in front of a server that a test can shut: <see cref="Shut"/> resets every open connection and
/// refuses new ones (the server looks down to its clients, while it keeps serving everyone else), <see cref="Open"/>
/// listens again on the same port.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _connections = [];
    private readonly object _lock = new();
    private TcpListener? _listener;
    private CancellationTokenSource _open = new();

    public TcpGate(string host, int port)
    {
        _target = new IPEndPoint(IPAddress.Parse(host), port);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Open();
    }

    public int Port { get; }

    public void Open()
    {
        lock (_lock)
        {
            if (_listener is not null) return;
            _open = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _ = AcceptAsync(_listener, _open.Token);
        }
    }

    public void Shut()
    {
        lock (_lock)
        {
            _open.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var connection in _connections)
            {
                try
                {
                    connection.Client?.LingerState = new LingerOption(true, 0); // reset, as a dying server's sockets are
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    // already closed by its pump
                }
                connection.Dispose();
            }
            _connections.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken open)
    {
        while (!open.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(open);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_target, open);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }
            lock (_lock)
            {
                if (open.IsCancellationRequested)
                {
                    client.Dispose();
                    server.Dispose();
                    return;
                }
                _connections.Add(client);
                _connections.Add(server);
            }
            _ = PumpAsync(client, server, open);
            _ = PumpAsync(server, client, open);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken open)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), open);
            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Shut();
        return ValueTask.CompletedTask;
    }
}
