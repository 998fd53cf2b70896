using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Client.Api.Push;
using Trading.Client.Api.Push.Connections;

namespace Trading.Tests.ReadSide.Push;

/// <summary>A push connection over a <see cref="FakeWebSocket"/>, for the replica tests: start it, then close it and read its frames.</summary>
internal static class Subscribers
{
    public static (PushConnection Connection, FakeWebSocket Socket, Task Writer) Start(PushStatistics statistics)
    {
        var socket = new FakeWebSocket(stalled: false);
        var connection = new PushConnection(socket, null, 1_000, TimeSpan.FromSeconds(1), statistics, NullLogger.Instance);
        return (connection, socket, connection.RunWriterAsync());
    }

    public static List<JsonElement> Close(PushConnection connection, FakeWebSocket socket, Task writer)
    {
        connection.Complete();
        writer.Wait(TimeSpan.FromSeconds(5));
        connection.Dispose();
        return socket.Sent.Select(s => JsonDocument.Parse(s).RootElement.Clone()).ToList();
    }
}
