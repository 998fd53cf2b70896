using System.Text.Json;
using StackExchange.Redis;
using Trading.Benchmarks.Runtime.TestGrains;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Runtime.Cluster;

[Trait("Category", "Integration")]
public sealed class SiloStatisticsTests
{
    [Theory]
    [InlineData(200, 3000, 3000)]
    [InlineData(2000, 3000, 6000)]
    [InlineData(500, 100, 1500)]
    public void A_report_lives_three_intervals_and_never_less_than_the_floor(int intervalMs, int floorMs, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs),
            SiloStatisticsPublisher.ReportTtl(new RuntimeOptions { StatisticsIntervalMs = intervalMs, MinReportTtlMs = floorMs }));

    [Fact]
    public async Task A_silo_publishes_its_statistics_to_Redis_with_a_ttl()
    {
        var input = TestServers.UniqueName("stats-in");
        await using var cluster = await TestCluster.StartAsync(TestBackend.KafkaRedis, 1, s => s.AddCounterGrain(input, null),
            new Dictionary<string, string?> { ["Runtime:StatisticsIntervalMs"] = "200" });
        for (var i = 0; i < 20; i++) await cluster.Client.SendAsync<ICounterGrain>($"s{i}", new Increment(1));
        await cluster.Client.AskAsync<ICounterGrain, CountReply>("s0", new GetCount(), TimeSpan.FromSeconds(30));

        var redisOptions = TestServers.Redis;
        using var redis = await ConnectionMultiplexer.ConnectAsync(redisOptions.Configuration);
        var db = redis.GetDatabase(redisOptions.Database);
        var key = SiloStatisticsPublisher.KeyOf(redisOptions, cluster.ClusterId, cluster.Runtime(0).SiloId);
        JsonElement counter = default;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = (string?)await db.StringGetAsync(key);
            if (value is not null)
            {
                // A report published before the first message has no entry for the grain type yet.
                if (JsonDocument.Parse(value).RootElement.GetProperty("grainTypes").TryGetProperty(CounterGrain.TypeName, out counter)
                    && counter.GetProperty("activeGrains").GetInt64() == 20) break;
            }
            Assert.True(DateTime.UtcNow < deadline, $"statistics not published under {key}: {value}");
            await Task.Delay(100);
        }
        Assert.Equal(12, counter.GetProperty("partitions").GetArrayLength());
        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        // Three intervals of 200 ms would be 600 ms; the floor keeps a late report on a loaded machine from lapsing.
        var lifetime = SiloStatisticsPublisher.ReportTtl(new RuntimeOptions { StatisticsIntervalMs = 200 });
        Assert.Equal(TimeSpan.FromMilliseconds(new RuntimeOptions().MinReportTtlMs), lifetime);
        Assert.InRange(ttl!.Value.TotalMilliseconds, 1, lifetime.TotalMilliseconds);

        // The cluster status of a gateway in full mode lists the silo from what it published.
        var directory = new Trading.Runtime.Cluster.RedisSiloDirectory(redis, Microsoft.Extensions.Options.Options.Create(redisOptions),
            Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ClusterId = cluster.ClusterId }));
        var silo = Assert.Single(directory.Silos);
        Assert.Equal(cluster.Runtime(0).SiloId, silo.SiloId);
        Assert.Equal("Kafka", silo.Mode);
    }
}
