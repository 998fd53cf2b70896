using System.Globalization;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.EndToEnd.Operations;

/// <summary>
/// Two silos (this process with the gateway, and a child process) on the real Kafka and Redis: a pause through the
/// gateway reaches both through the control store, stops their consumption within a second, survives a third silo
/// joining (a rebalance moves partitions while paused), and resume loses nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConsumerPauseTests
{
    [Fact]
    public async Task Pause_stops_consumption_within_a_second_and_resume_matches_every_order_posted_meanwhile()
    {
        await using var host = ExchangeHost.Start(TestBackend.KafkaRedis, OperationsApi.FastReports());
        var admin = host.As(1);
        await Api.Eventually(async () => Assert.Contains("ETHUSDT", await host.Anonymous().GetStringAsync("/api/symbols")), 60_000);
        var child = host.Settings.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
        child["Gateway:Enabled"] = "false";
        child["Urls"] = "http://127.0.0.1:0";
        child["Cluster:SiloId"] = "child-pause";
        using var second = await SiloProcess.StartSiloHostAsync(child);
        await Api.Eventually(async () => Assert.Equal(2, await OperationsApi.LiveSilos(admin)), 60_000);

        var maker = host.As(1001);
        var taker = host.As(1002);
        await Api.Deposit(admin, 1001, 100_000m);
        await Api.Deposit(admin, 1002, 100_000m);
        await Api.Mark(admin, "ETHUSDT", 3_000m);
        await Api.Limit(maker, "ETHUSDT", "SELL", 3_000m, 1m);
        // Both silos own partitions before the pause (the rebalance after the child joined has settled).
        await Api.Eventually(async () =>
        {
            var status = await OperationsApi.Get(admin, "/api/kafka/consumer/status");
            Assert.All(status.GetProperty("silos").EnumerateArray(), s =>
                Assert.Contains(s.GetProperty("grainTypes").EnumerateArray(), t => t.GetProperty("partitions").GetInt32() > 0));
        }, 60_000);

        var requested = DateTime.UtcNow;
        var pause = await OperationsApi.Post(admin, "/api/kafka/consumer/pause");
        var confirmedAfter = DateTime.UtcNow - requested;
        Assert.True(pause.GetProperty("paused").GetBoolean());
        Assert.Equal(2, pause.GetProperty("silos").GetArrayLength());
        Assert.All(pause.GetProperty("silos").EnumerateArray(), s => Assert.True(s.GetProperty("confirmed").GetBoolean()));
        Assert.True(confirmedAfter < TimeSpan.FromSeconds(1), $"pause confirmed after {confirmedAfter.TotalMilliseconds} ms");

        // From one second after the request nothing is consumed, on either silo, though orders arrive.
        await Task.Delay(TimeSpan.FromSeconds(1) - confirmedAfter + TimeSpan.FromMilliseconds(500)); // + 2 report intervals
        var baseline = await OperationsApi.MessagesIn(admin);

        // A silo joining while paused starts paused, and the partitions the rebalance hands around stay paused.
        using var third = await SiloProcess.StartSiloHostAsync(new Dictionary<string, string>(child) { ["Cluster:SiloId"] = "child-joined" });
        await Api.Eventually(async () =>
        {
            var joined = (await OperationsApi.Get(admin, "/api/kafka/consumer/status")).GetProperty("silos").EnumerateArray()
                .SingleOrDefault(s => s.GetProperty("siloId").GetString() == "child-joined");
            Assert.True(joined.ValueKind == System.Text.Json.JsonValueKind.Object, "the joined silo has no report yet");
            Assert.Contains(joined.GetProperty("grainTypes").EnumerateArray(), t => t.GetProperty("partitions").GetInt32() > 0);
            Assert.All(joined.GetProperty("grainTypes").EnumerateArray(), t =>
                Assert.Equal(t.GetProperty("partitions").GetInt32(), t.GetProperty("pausedPartitions").GetInt32()));
        }, 60_000);

        var ids = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            var placed = await taker.SendJsonAsync(HttpMethod.Post, "/api/orders", new
            {
                symbol = "ETHUSDT", side = "BUY", type = "LIMIT", timeInForce = "GTC", price = "3000", quantity = "0.1",
            }, 202);
            ids.Add(placed.GetProperty("orderId").GetInt64());
        }
        await Task.Delay(2000);
        var during = await OperationsApi.MessagesIn(admin);
        foreach (var (key, count) in during)
            Assert.True(baseline.TryGetValue(key, out var before) ? before == count : count == 0, $"{key}: {count} consumed during the pause");
        var status = await OperationsApi.Get(admin, "/api/kafka/consumer/status");
        Assert.True(status.GetProperty("paused").GetBoolean());
        Assert.True(status.GetProperty("allConfirmed").GetBoolean());
        // The orders wait in Kafka: the position grains' input has a backlog of at least them.
        var groups = await OperationsApi.Get(admin, "/api/kafka/consumer/offsets");
        var requests = groups.EnumerateArray().Single(g => g.GetProperty("topic").GetString() == host.Settings["Topics:OrdersRequests"]);
        Assert.True(requests.GetProperty("totalLag").GetInt64() >= ids.Count, requests.ToString());

        var resume = await OperationsApi.Post(admin, "/api/kafka/consumer/resume");
        Assert.False(resume.GetProperty("paused").GetBoolean());
        Assert.All(resume.GetProperty("silos").EnumerateArray(), s => Assert.True(s.GetProperty("confirmed").GetBoolean()));

        // Nothing lost: every order posted during the pause is matched against the resting sell, exactly once.
        foreach (var id in ids)
            await Api.Eventually(async () => Assert.Equal("FILLED", (await taker.GetJsonAsync($"/api/orders/{id}")).GetProperty("status").GetString()), 60_000);
        await Api.Eventually(async () =>
        {
            var trades = (await taker.GetJsonAsync("/api/trades?symbol=ETHUSDT&limit=1000")).EnumerateArray().ToList();
            Assert.Equal(ids.Count, trades.Count);
            Assert.Equal(1m, trades.Sum(t => decimal.Parse(t.GetProperty("qty").GetString()!, CultureInfo.InvariantCulture)));
            Assert.Equal(1m, (await Api.Position(taker, "ETHUSDT"))!.Value.Dec("positionAmt"));
            Assert.Equal(-1m, (await Api.Position(maker, "ETHUSDT"))!.Value.Dec("positionAmt"));
        });
        Assert.False(second.Exited, second.Output);
        Assert.False(third.Exited, third.Output);
    }
}
