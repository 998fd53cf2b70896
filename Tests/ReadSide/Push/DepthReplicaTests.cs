using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Client.Api.Push;
using Trading.Client.Api.Push.Connections;
using Trading.Client.Api.Push.Depth;
using Trading.Grains.Interfaces.Exchange;
using Trading.Tests.Margin;

namespace Trading.Tests.ReadSide.Push;

/// <summary>The depth channel's snapshot-then-chained-updates rule, with the book's snapshot under the test's control.</summary>
public sealed class DepthReplicaTests
{
    private readonly PushStatistics _statistics = new();
    private readonly Queue<TaskCompletionSource<BookDepth>> _fetches = new();
    private readonly DepthReplica _replica;

    public DepthReplicaTests()
    {
        _replica = new DepthReplica("BTCUSDT", TestSpecs.Btc, _ =>
        {
            var fetch = new TaskCompletionSource<BookDepth>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_fetches) _fetches.Enqueue(fetch);
            return fetch.Task;
        }, new PushOptions { SnapshotRetryMs = 10 }, _statistics, TimeProvider.System, NullLogger.Instance);
    }

    [Fact]
    public async Task Updates_that_arrive_while_the_snapshot_is_fetched_are_replayed_on_it_and_only_later_ones_are_sent()
    {
        var (connection, socket, writer) = Subscriber();
        _replica.Subscribe(connection, TestSpecs.Btc);
        var fetch = await NextFetchAsync();

        // The feed is ahead of the snapshot's reply: updates 5 (already in the snapshot) and 9 (not yet) arrive first.
        _replica.OnUpdate(Update(2, 5, bids: [(500_000, 10)]));
        _replica.OnUpdate(Update(5, 9, asks: [(500_100, 3)]));
        fetch.SetResult(new BookDepth("BTCUSDT", 7, 0, [new DepthEntry(500_000, 10, 1)], []));
        await Polling.Until(() => socket.Sent.Count >= 1);
        _replica.OnUpdate(Update(9, 12, bids: [(500_000, 0)]));
        _replica.OnUpdate(Update(9, 12, bids: [(500_000, 0)])); // a replayed duplicate: dropped
        await Polling.Until(() => socket.Sent.Count >= 2);

        var frames = Subscribers.Close(connection, socket, writer);
        Assert.Equal(2, frames.Count);
        Assert.Equal("snapshot", frames[0].GetProperty("type").GetString());
        Assert.Equal(9, frames[0].GetProperty("sequence").GetInt64()); // the snapshot (7) with update 9 applied
        Assert.Equal("50000.0", frames[0].GetProperty("bids")[0][0].GetString());
        Assert.Equal("0.010", frames[0].GetProperty("bids")[0][1].GetString());
        Assert.Equal("50010.0", frames[0].GetProperty("asks")[0][0].GetString());
        Assert.Equal("update", frames[1].GetProperty("type").GetString());
        Assert.Equal(9, frames[1].GetProperty("previousSequence").GetInt64());
        Assert.Equal(12, frames[1].GetProperty("sequence").GetInt64());
        Assert.Equal("0.000", frames[1].GetProperty("bids")[0][1].GetString());
    }

    [Fact]
    public async Task A_gap_stops_the_updates_and_every_subscriber_gets_a_new_snapshot()
    {
        var (first, firstSocket, firstWriter) = Subscriber();
        var (second, secondSocket, secondWriter) = Subscriber();
        _replica.Subscribe(first, TestSpecs.Btc);
        (await NextFetchAsync()).SetResult(new BookDepth("BTCUSDT", 3, 0, [], []));
        await Polling.Until(() => firstSocket.Sent.Count == 1);
        _replica.Subscribe(second, TestSpecs.Btc); // in sync: its snapshot comes at once, no fetch
        await Polling.Until(() => secondSocket.Sent.Count == 1);
        Assert.Equal(1, _statistics.SnapshotsFetched);

        _replica.OnUpdate(Update(3, 4, bids: [(1_000, 1)]));
        _replica.OnUpdate(Update(6, 8, bids: [(1_000, 2)])); // 4 -> 6 missing: a gap
        _replica.OnUpdate(Update(8, 9, bids: [(1_001, 1)])); // not sent: the copy is out of sync
        var refetch = await NextFetchAsync();
        Assert.Equal(1, _statistics.DepthGaps);
        _replica.OnUpdate(Update(9, 10, bids: [(1_002, 1)])); // held for the new snapshot
        refetch.SetResult(new BookDepth("BTCUSDT", 9, 0, [new DepthEntry(1_001, 1, 1), new DepthEntry(1_000, 2, 1)], []));
        await Polling.Until(() => firstSocket.Sent.Count == 3 && secondSocket.Sent.Count == 3);

        foreach (var frames in new[] { Subscribers.Close(first, firstSocket, firstWriter), Subscribers.Close(second, secondSocket, secondWriter) })
        {
            Assert.Equal(new[] { "snapshot", "update", "snapshot" }, frames.Select(f => f.GetProperty("type").GetString()!).ToArray());
            Assert.Equal(4, frames[1].GetProperty("sequence").GetInt64());
            var resynced = frames[2];
            Assert.Equal(10, resynced.GetProperty("sequence").GetInt64());
            Assert.Equal(new[] { "100.2", "100.1", "100.0" }, resynced.GetProperty("bids").EnumerateArray().Select(l => l[0].GetString()!).ToArray());
        }
    }

    [Fact]
    public async Task Held_updates_that_do_not_chain_onto_the_snapshot_cause_another_fetch()
    {
        var (connection, socket, writer) = Subscriber();
        _replica.Subscribe(connection, TestSpecs.Btc);
        var fetch = await NextFetchAsync();
        _replica.OnUpdate(Update(12, 15, bids: [(2_000, 1)])); // previous 12 is after the snapshot's 10: something between is missing
        fetch.SetResult(new BookDepth("BTCUSDT", 10, 0, [], []));
        var again = await NextFetchAsync();
        Assert.Empty(socket.Sent);
        _replica.OnUpdate(Update(15, 16, bids: [(2_001, 1)]));
        again.SetResult(new BookDepth("BTCUSDT", 15, 0, [new DepthEntry(2_000, 1, 1)], []));
        await Polling.Until(() => socket.Sent.Count == 1);
        var frames = Subscribers.Close(connection, socket, writer);
        Assert.Equal(16, frames[0].GetProperty("sequence").GetInt64());
        Assert.Equal(2, frames[0].GetProperty("bids").GetArrayLength());
    }

    private (PushConnection, FakeWebSocket, Task) Subscriber() => Subscribers.Start(_statistics);


    private Task<TaskCompletionSource<BookDepth>> NextFetchAsync() => Polling.NextAsync(_fetches, "snapshot fetch");


    private static DepthUpdate Update(long previous, long sequence, (long Price, long Qty)[]? bids = null, (long Price, long Qty)[]? asks = null) =>
        new("BTCUSDT", previous, sequence, sequence * 10, 20,
            (bids ?? []).Select(b => new DepthEntry(b.Price, b.Qty, b.Qty == 0 ? 0 : 1)).ToArray(),
            (asks ?? []).Select(a => new DepthEntry(a.Price, a.Qty, a.Qty == 0 ? 0 : 1)).ToArray());
}
