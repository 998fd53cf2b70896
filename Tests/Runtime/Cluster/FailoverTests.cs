using System.Diagnostics;
using Trading.Benchmarks.Runtime.TestGrains;
using Trading.Runtime.Messaging;
using Trading.Runtime.Streams;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Runtime.Cluster;

/// <summary>Crash tests against the real Kafka and Redis with silos in child processes.</summary>
[Trait("Category", "Integration")]
public sealed class FailoverTests
{
    private const int Keys = 1000;
    private const int Messages = 100_000;

    [Fact]
    public async Task A_silo_killed_midway_loses_nothing_and_each_event_is_delivered_once()
    {
        var input = TestServers.UniqueName("failover-in");
        var events = TestServers.UniqueName("failover-events");
        // The client side runs in this process; silos are child processes sharing its cluster id.
        await using var cluster = await TestCluster.StartAsync(TestBackend.KafkaRedis, silos: 0, s => s.AddCounterGrain(input, events));
        var settings = new Dictionary<string, string>
        {
            ["Cluster:ClusterId"] = cluster.ClusterId,
            ["Counter:InputTopic"] = input,
            ["Counter:EventsTopic"] = events,
            ["Kafka:SessionTimeoutMs"] = "6000",
            // A wide window between outputs and commits, so the crash certainly leaves duplicates.
            ["Runtime:CommitIntervalMs"] = "2000",
            ["Runtime:CheckpointIntervalMs"] = "2000",
        };
        var silos = new List<SiloProcess>();
        try
        {
            for (var i = 0; i < 3; i++) silos.Add(await SiloProcess.StartAsync(settings));

            var expected = new long[Keys];
            var killAt = Messages / 2;
            var batch = new List<Task>(2000);
            var stopwatch = Stopwatch.StartNew();
            for (var n = 0; n < Messages; n++)
            {
                var key = n % Keys;
                var amount = 1 + n % 7;
                expected[key] += amount;
                batch.Add(cluster.Client.SendAsync<ICounterGrain>($"key{key}", new Increment(amount)));
                if (batch.Count == 2000)
                {
                    await Task.WhenAll(batch);
                    batch.Clear();
                }
                if (n == killAt)
                {
                    await Task.Delay(500); // let the silos get ahead of their commits
                    silos[1].Kill();
                    Assert.True(silos[1].WaitForExit(TimeSpan.FromSeconds(10)), "the killed silo did not exit");
                }
            }
            await Task.WhenAll(batch);

            // Every key is served again and counts exactly what was sent.
            var deadline = DateTime.UtcNow.AddSeconds(180);
            for (var key = 0; key < Keys; key++)
            {
                while (true)
                {
                    var reply = await cluster.Client.AskAsync<ICounterGrain, CountReply>($"key{key}", new GetCount(), TimeSpan.FromSeconds(60));
                    if (reply.Count == expected[key]) break;
                    Assert.True(reply.Count < expected[key], $"key{key} counted {reply.Count}, more than the {expected[key]} sent");
                    Assert.True(DateTime.UtcNow < deadline, $"key{key} stuck at {reply.Count} of {expected[key]}");
                    await Task.Delay(200);
                }
            }
            Console.WriteLine($"failover: {Messages} messages over {Keys} keys, exact after {stopwatch.Elapsed.TotalSeconds:0.0} s");

            // Whatever the crash re-emitted, the runtime's subscriber delivers each event exactly once, in order per key.
            var raw = cluster.RecordCount(events);
            using var subscriber = new StreamSubscriber(cluster.Log, TestServers.UniqueName("failover-sub"), [events]);
            var delivered = 0;
            var lastCount = new Dictionary<string, long>();
            while (delivered < Messages)
            {
                var e = subscriber.Poll(TimeSpan.FromSeconds(30));
                Assert.NotNull(e);
                delivered++;
                var counted = (Counted)System.Text.Json.JsonSerializer.Deserialize(e!.Envelope.Payload, typeof(Counted), MessageTypeRegistry.JsonOptions)!;
                lastCount.TryGetValue(counted.Key, out var previous);
                Assert.True(counted.Count > previous, $"{counted.Key}: event count {counted.Count} after {previous}");
                lastCount[counted.Key] = counted.Count;
            }
            Assert.Null(subscriber.Poll(TimeSpan.FromSeconds(2)));
            Assert.Equal(raw - Messages, subscriber.DuplicatesDropped);
            for (var key = 0; key < Keys; key++) Assert.Equal(expected[key], lastCount[$"key{key}"]);
        }
        finally
        {
            foreach (var s in silos) await s.StopAsync();
            foreach (var s in silos) s.Dispose();
        }
    }
}
