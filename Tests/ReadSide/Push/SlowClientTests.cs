using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Client.Api.Push;
using Trading.Client.Api.Push.Connections;
using Trading.Client.Api.Push.Fanout;

namespace Trading.Tests.ReadSide.Push;

/// <summary>A connection whose client stops reading is dropped when its queue is full; the broadcast never waits for it.</summary>
public sealed class SlowClientTests
{
    private const int Capacity = 16;

    [Fact]
    public async Task A_stalled_client_is_dropped_when_its_queue_fills_and_the_others_keep_every_frame()
    {
        var statistics = new PushStatistics();
        var slowSocket = new FakeWebSocket(stalled: true);
        var fastSocket = new FakeWebSocket(stalled: false);
        using var slow = new PushConnection(slowSocket, null, Capacity, TimeSpan.FromMilliseconds(200), statistics, NullLogger.Instance);
        using var fast = new PushConnection(fastSocket, null, 100_000, TimeSpan.FromMilliseconds(200), statistics, NullLogger.Instance);
        var slowWriter = slow.RunWriterAsync();
        var fastWriter = fast.RunWriterAsync();
        var subscribers = new SubscriberSet();
        subscribers.Add(slow);
        subscribers.Add(fast);

        const int frames = 5_000;
        subscribers.Broadcast(System.Text.Encoding.UTF8.GetBytes("{\"n\":0}"));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (slowSocket.SendsStarted == 0 && DateTime.UtcNow < deadline) await Task.Delay(5); // the slow client's writer is stuck mid-send
        var watch = Stopwatch.StartNew();
        for (var i = 1; i < frames; i++) subscribers.Broadcast(System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"));
        watch.Stop();

        Assert.True(watch.ElapsedMilliseconds < 2_000, $"broadcast took {watch.ElapsedMilliseconds} ms");
        Assert.NotNull(slow.DropReason);
        Assert.Contains("send queue full", slow.DropReason);
        Assert.Equal(1, statistics.SlowClientsDropped);
        Assert.Null(fast.DropReason);
        Assert.False(slow.Send([1]), "a dropped connection takes no more frames");

        // The stalled send is cancelled after the close timeout and the socket aborted; the writer ends.
        await slowWriter.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(slowSocket.Aborted);
        Assert.True(slow.Stopping.IsCancellationRequested);
        Assert.Equal(1, slowSocket.SendsStarted);

        fast.Complete();
        await fastWriter.WaitAsync(TimeSpan.FromSeconds(5));
        var sent = fastSocket.Sent;
        Assert.Equal(frames, sent.Count);
        for (var i = 0; i < frames; i++) Assert.Equal($"{{\"n\":{i}}}", sent[i]);
        Assert.Equal(1, statistics.SlowClientsDropped);
    }

    [Fact]
    public async Task A_dropped_client_that_is_not_mid_send_gets_a_close_frame_with_the_reason()
    {
        var statistics = new PushStatistics();
        var socket = new FakeWebSocket(stalled: false);
        using var connection = new PushConnection(socket, 7, Capacity, TimeSpan.FromSeconds(5), statistics, NullLogger.Instance);
        // No writer yet: the queue fills, the next frame drops the connection.
        for (var i = 0; i < Capacity; i++) Assert.True(connection.Send([(byte)'1']));
        Assert.False(connection.Send([(byte)'1']));
        await connection.RunWriterAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
        Assert.Contains("send queue full", socket.CloseStatusDescription);
        Assert.Empty(socket.Sent); // queued frames of a dropped client are not sent
        Assert.Equal(1, statistics.SlowClientsDropped);
    }

    [Fact]
    public void A_connection_that_ended_normally_is_not_counted_as_dropped()
    {
        var statistics = new PushStatistics();
        using var connection = new PushConnection(new FakeWebSocket(stalled: false), null, Capacity, TimeSpan.FromSeconds(1), statistics, NullLogger.Instance);
        connection.Complete();
        Assert.False(connection.Send([1]));
        Assert.Null(connection.DropReason);
        Assert.Equal(0, statistics.SlowClientsDropped);
    }
}
