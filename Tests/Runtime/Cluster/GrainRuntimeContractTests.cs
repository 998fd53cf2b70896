using Trading.Runtime.Grains;
using Trading.Runtime.Streams;
using Trading.Tests.Infrastructure;
using Trading.Benchmarks.Runtime.TestGrains;

namespace Trading.Tests.Runtime.Cluster;

/// <summary>The runtime's behaviour, run once in memory and once against the real Kafka and Redis.</summary>
public abstract class GrainRuntimeContractTests
{
    protected abstract TestBackend Backend { get; }

    private Task<TestCluster> Start(int silos, string input, string? events = null) =>
        TestCluster.StartAsync(Backend, silos, s => s.AddCounterGrain(input, events));

    [Fact]
    public async Task Messages_reach_their_grain_and_replies_come_back()
    {
        var input = TestServers.UniqueName("counter-in");
        await using var cluster = await Start(2, input);
        await cluster.WaitForPlacementAsync();
        const int keys = 40;
        var sends = new List<Task>();
        for (var i = 0; i < keys; i++)
        for (var n = 1; n <= 5; n++)
            sends.Add(cluster.Client.SendAsync<ICounterGrain>($"k{i}", new Increment(n)));
        await Task.WhenAll(sends);

        for (var i = 0; i < keys; i++)
        {
            var reply = await cluster.Client.AskAsync<ICounterGrain, CountReply>($"k{i}", new GetCount(), TimeSpan.FromSeconds(30));
            Assert.Equal(15, reply.Count);
        }
        var stats = cluster.Runtime(0).Statistics.For(CounterGrain.TypeName).MessagesIn + cluster.Runtime(1).Statistics.For(CounterGrain.TypeName).MessagesIn;
        Assert.Equal(keys * 6, stats);
        Assert.True(cluster.Runtime(0).Statistics.For(CounterGrain.TypeName).ActiveGrains > 0, "silo 0 hosts no grain: placement did not spread");
        Assert.True(cluster.Runtime(1).Statistics.For(CounterGrain.TypeName).ActiveGrains > 0, "silo 1 hosts no grain: placement did not spread");
    }

    [Fact]
    public async Task A_failing_turn_answers_the_caller_with_its_reason()
    {
        var input = TestServers.UniqueName("counter-in");
        await using var cluster = await Start(1, input);
        var error = await Assert.ThrowsAsync<Trading.Runtime.Client.GrainCallException>(() =>
            cluster.Client.AskAsync<ICounterGrain, CountReply>("k", new Counted("x", 1), TimeSpan.FromSeconds(30)));
        Assert.Contains("unexpected message Counted", error.Message);
    }

    [Fact]
    public async Task State_survives_a_graceful_scale_down_and_up_again()
    {
        var input = TestServers.UniqueName("counter-in");
        await using var cluster = await Start(3, input);
        const int keys = 60;
        await SendRound(cluster, keys, 1);
        await cluster.StopSiloAsync(1);
        await cluster.StopSiloAsync(2);
        await SendRound(cluster, keys, 10);
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        await SendRound(cluster, keys, 100);

        for (var i = 0; i < keys; i++)
        {
            var reply = await cluster.Client.AskAsync<ICounterGrain, CountReply>($"k{i}", new GetCount(), TimeSpan.FromSeconds(60));
            Assert.Equal(111, reply.Count);
        }
    }

    [Fact]
    public async Task Checkpoints_hold_state_and_offset_after_the_silos_stop()
    {
        var input = TestServers.UniqueName("counter-in");
        var cluster = await Start(1, input);
        await SendRound(cluster, 10, 7);
        await cluster.Client.AskAsync<ICounterGrain, CountReply>("k0", new GetCount(), TimeSpan.FromSeconds(30));
        await cluster.StopSiloAsync(0);

        var checkpoint = await cluster.Store.LoadAsync(new GrainId(CounterGrain.TypeName, "k3"));
        Assert.NotNull(checkpoint);
        Assert.True(checkpoint!.NextOffset > 0);
        var payload = GrainCheckpointPayload.Decode(checkpoint.Payload);
        Assert.Contains("\"count\":7", System.Text.Encoding.UTF8.GetString(payload.State!));
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task Deterministic_timers_tick_in_order_and_survive_a_restart()
    {
        var input = TestServers.UniqueName("counter-in");
        await using var cluster = await Start(1, input);
        await cluster.Client.SendAsync<ICounterGrain>("t", new StartTicking(50));
        await WaitUntil(async () => (await Ask(cluster, "t")).Ticks >= 5);
        await cluster.StopSiloAsync(0);
        await cluster.StartSiloAsync();
        await WaitUntil(async () => (await Ask(cluster, "t")).Ticks >= 15);
        await cluster.Client.SendAsync<ICounterGrain>("t", new StopTicking());
        var reply = await Ask(cluster, "t");

        Assert.False(reply.TickGap, "a tick was skipped or applied out of order");
        Assert.Equal(reply.LastTick, reply.Ticks); // ticks 1..n each applied exactly once
    }

    [Fact]
    public async Task A_timer_registered_again_ticks_again_from_one()
    {
        // The snapshot coordinator unregisters its timeout timer when no snapshot is pending and registers it again
        // for the next one; its ticks must come again (they never did: the new tick 1 was dropped as a replay).
        var input = TestServers.UniqueName("counter-in");
        await using var cluster = await Start(1, input);
        await cluster.Client.SendAsync<ICounterGrain>("t", new StartTicking(50));
        await WaitUntil(async () => (await Ask(cluster, "t")).Ticks >= 3);
        await cluster.Client.SendAsync<ICounterGrain>("t", new StopTicking());
        var first = await Ask(cluster, "t");

        await cluster.Client.SendAsync<ICounterGrain>("t", new StartTicking(30));
        await WaitUntil(async () => (await Ask(cluster, "t")).Ticks >= first.Ticks + 3);
        await cluster.Client.SendAsync<ICounterGrain>("t", new StopTicking());
        var second = await Ask(cluster, "t");

        Assert.False(second.TickGap, "a tick was skipped or applied out of order");
        Assert.Equal(second.Ticks - first.Ticks, second.LastTick); // the second registration's ticks 1..n, each once
    }

    [Fact]
    public async Task Outputs_carry_deterministic_ids_and_subscribers_see_each_once()
    {
        var input = TestServers.UniqueName("counter-in");
        var events = TestServers.UniqueName("counter-events");
        await using var cluster = await Start(1, input, events);
        await SendRound(cluster, 20, 1);
        await SendRound(cluster, 20, 1);

        using var subscriber = new StreamSubscriber(cluster.Log, TestServers.UniqueName("sub"), [events]);
        var seen = new Dictionary<string, List<long>>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var total = 0;
        while (total < 40 && DateTime.UtcNow < deadline)
        {
            var e = subscriber.Poll(TimeSpan.FromMilliseconds(200));
            if (e is null) continue;
            total++;
            Assert.StartsWith($"{CounterGrain.TypeName}/{e.Record.Key}@", e.Envelope.MessageId);
            (seen.TryGetValue(e.Record.Key, out var l) ? l : seen[e.Record.Key] = new()).Add(e.Envelope.Sequence);
        }
        Assert.Equal(40, total);
        Assert.All(seen.Values, s => Assert.Equal(2, s.Distinct().Count()));
    }

    [Fact]
    public async Task A_crash_between_outputs_and_commit_leaves_duplicates_that_subscribers_drop()
    {
        var input = TestServers.UniqueName("counter-in");
        var events = TestServers.UniqueName("counter-events");
        // Nothing is checkpointed or committed during the test: the crash must replay everything it did.
        await using var cluster = await TestCluster.StartAsync(Backend, 2, s => s.AddCounterGrain(input, events),
            new Dictionary<string, string?> { ["Runtime:CommitIntervalMs"] = "60000", ["Runtime:CheckpointIntervalMs"] = "600000" });
        await cluster.WaitForPlacementAsync();
        const int keys = 50, rounds = 20;
        for (var r = 0; r < rounds; r++) await SendRound(cluster, keys, 1);
        await WaitUntil(() => Task.FromResult(cluster.RecordCount(events) >= keys * rounds));

        cluster.CrashSilo(0);
        for (var i = 0; i < keys; i++) Assert.Equal(rounds, (await Ask(cluster, $"k{i}")).Count);

        await WaitUntil(() => Task.FromResult(cluster.RecordCount(events) > keys * rounds));
        using var subscriber = new StreamSubscriber(cluster.Log, TestServers.UniqueName("sub"), [events]);
        var delivered = 0;
        while (subscriber.Poll(TimeSpan.FromSeconds(5)) is not null) delivered++;
        Assert.Equal(keys * rounds, delivered);
        Assert.True(subscriber.DuplicatesDropped > 0, "the crash re-emitted nothing");
        Assert.Equal(cluster.RecordCount(events) - keys * rounds, subscriber.DuplicatesDropped);
    }

    private static async Task SendRound(TestCluster cluster, int keys, long amount)
    {
        var sends = new Task[keys];
        for (var i = 0; i < keys; i++) sends[i] = cluster.Client.SendAsync<ICounterGrain>($"k{i}", new Increment(amount));
        await Task.WhenAll(sends);
    }

    private static Task<CountReply> Ask(TestCluster cluster, string key) =>
        cluster.Client.AskAsync<ICounterGrain, CountReply>(key, new GetCount(), TimeSpan.FromSeconds(60));

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 60 s");
            await Task.Delay(50);
        }
    }
}

public sealed class InMemoryGrainRuntimeTests : GrainRuntimeContractTests
{
    protected override TestBackend Backend => TestBackend.InMemory;
}

[Trait("Category", "Integration")]
public sealed class KafkaRedisGrainRuntimeTests : GrainRuntimeContractTests
{
    protected override TestBackend Backend => TestBackend.KafkaRedis;
}
