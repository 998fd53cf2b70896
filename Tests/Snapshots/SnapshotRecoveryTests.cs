using System.Globalization;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;
using Trading.Tests.EndToEnd;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Snapshots;

/// <summary>
/// Snapshots and recovery against the real Kafka and Redis: a snapshot taken while orders flow, every silo
/// stopped, every grain checkpoint deleted (the state is gone), a new silo started, recovery from the snapshot:
/// the state after the replay equals the state the uninterrupted run had reached, and trading continues.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SnapshotRecoveryTests
{
    private static readonly long[] Traders = [1001, 1002, 1003, 1004];

    [Fact]
    public async Task Recovery_from_a_snapshot_taken_under_load_reproduces_the_uninterrupted_state()
    {
        string snapshotId;
        string uninterrupted;
        IReadOnlyDictionary<string, string?> settings;
        await using (var first = ExchangeHost.Start(TestBackend.KafkaRedis))
        {
            settings = first.Settings;
            var admin = first.As(1);
            await Api.Eventually(async () => Assert.Contains("ETHUSDT", await first.Anonymous().GetStringAsync("/api/symbols")), 60_000);
            foreach (var user in Traders) await Api.Deposit(admin, user, 100_000m);
            await Api.Mark(admin, "ETHUSDT", 3_000m);

            var trading = Task.WhenAll(Traders.Select(user => TradeAsync(first.As(user), user, 60)));
            await Task.Delay(300);
            var snapshot = await admin.SendJsonAsync(HttpMethod.Post, "/api/match/event/snapshot", new { }, 200);
            Assert.Equal(0, snapshot.GetProperty("code").GetInt32());
            var data = snapshot.GetProperty("data");
            snapshotId = data.GetProperty("snapshotId").GetString()!;
            Assert.Equal("Completed", data.GetProperty("state").GetString());
            Assert.Equal(data.GetProperty("expectedParts").GetInt32(), data.GetProperty("parts").GetInt32());
            await trading;
            uninterrupted = await QuietStateAsync(first);

            var valid = await admin.SendJsonAsync(HttpMethod.Post, "/api/snapshot/recovery/validate", new { snapshotId }, 200);
            Assert.True(valid.GetProperty("data").GetProperty("valid").GetBoolean());
        }

        // Every silo is stopped (the host above drained and committed). Lose every grain's state (checkpoints and their index).
        var deleted = await DeleteGrainCheckpointsAsync(settings["Cluster:ClusterId"]!);
        Assert.True(deleted > Traders.Length, $"expected checkpoints to delete, found {deleted}");

        await using var second = ExchangeHost.Start(TestBackend.KafkaRedis, WithSameCluster(settings));
        var admin2 = second.As(1);
        var recovered = await admin2.SendJsonAsync(HttpMethod.Post, "/api/snapshot/recovery/recover", new { snapshotId }, 200);
        var result = recovered.GetProperty("data");
        Assert.True(result.GetProperty("grains").GetInt32() >= Traders.Length);

        string replayed = "";
        await Api.Eventually(async () =>
        {
            replayed = await StateAsync(second);
            Assert.Equal(uninterrupted, replayed);
        }, 60_000);

        // Trading continues on the recovered state: the IOC buy of a crossing pair trades once, as taker. It takes the best
        // ask, which can be one of 1001's own resting sells from the random trading: that self-trade also lists a maker
        // trade for 1001, so only taker trades are counted.
        var before = await TakerTradeCountAsync(second.As(1001));
        await Api.Limit(second.As(1002), "ETHUSDT", "SELL", 3_100m, 0.01m);
        await Api.Limit(second.As(1001), "ETHUSDT", "BUY", 3_100m, 0.01m, tif: "IOC");
        await Api.Eventually(async () => Assert.Equal(before + 1, await TakerTradeCountAsync(second.As(1001))));
    }

    [Fact]
    public async Task A_tampered_snapshot_is_rejected_with_its_problems_and_changes_nothing()
    {
        await using var host = ExchangeHost.Start(TestBackend.KafkaRedis);
        var admin = host.As(1);
        await Api.Eventually(async () => Assert.Contains("ETHUSDT", await host.Anonymous().GetStringAsync("/api/symbols")), 60_000);
        await Api.Deposit(admin, 1001, 10_000m);
        await Api.Limit(host.As(1001), "ETHUSDT", "BUY", 2_900m, 0.5m);
        var taken = await admin.SendJsonAsync(HttpMethod.Post, "/api/match/event/snapshot", new { }, 200);
        var snapshotId = taken.GetProperty("data").GetProperty("snapshotId").GetString()!;
        using var response = await admin.SendAsync(HttpMethod.Get, $"/api/match/event/snapshot/{snapshotId}");
        var document = JsonNodeOf(await response.Content.ReadAsStringAsync());

        // Drop the resting order from orderSnapshots: the book lists an order the snapshot does not have.
        document["orderSnapshots"]!.AsArray().Clear();
        var before = await host.As(1001).GetJsonAsync("/api/orders?symbol=ETHUSDT");
        using var rejected = await admin.SendAsync(HttpMethod.Post, "/api/snapshot/recovery/recover", document);
        Assert.Equal(400, (int)rejected.StatusCode);
        var body = await rejected.Content.ReadAsStringAsync();
        Assert.Contains("CHECKSUM_MISMATCH", body);
        Assert.Contains("BOOK_ORDER_MISSING", body);
        Assert.Equal(before.ToString(), (await host.As(1001).GetJsonAsync("/api/orders?symbol=ETHUSDT")).ToString());
    }

    private static System.Text.Json.Nodes.JsonNode JsonNodeOf(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!;

    private static Dictionary<string, string?> WithSameCluster(IReadOnlyDictionary<string, string?> settings)
    {
        var copy = new Dictionary<string, string?>(settings);
        copy["Cluster:SiloId"] = "recovered-silo";
        return copy;
    }

    private static async Task TradeAsync(SignedClient client, long user, int orders)
    {
        var random = new Random((int)user);
        for (var i = 0; i < orders; i++)
        {
            var side = random.Next(2) == 0 ? "BUY" : "SELL";
            var price = 3_000m + random.Next(-3, 4) * 0.01m;
            var quantity = random.Next(1, 4) * 0.01m;
            using var response = await client.SendAsync(HttpMethod.Post, "/api/orders", new
            {
                symbol = "ETHUSDT", side, type = "LIMIT", timeInForce = "GTC",
                price = price.ToString(CultureInfo.InvariantCulture), quantity = quantity.ToString(CultureInfo.InvariantCulture),
            });
            await SignedClient.ReadAsync(response, 202);
        }
    }

    /// <summary>The state once it stops changing (fills settle a Kafka hop after the match).</summary>
    private static async Task<string> QuietStateAsync(ExchangeHost host)
    {
        var previous = "";
        for (var i = 0; i < 120; i++)
        {
            var state = await StateAsync(host);
            if (state == previous && state.Contains("\"FILLED\"", StringComparison.Ordinal)) return state;
            previous = state;
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException("the state did not settle");
    }

    /// <summary>Every trader's account, orders and trades, as the Position grains answer (the authoritative state).</summary>
    private static async Task<string> StateAsync(ExchangeHost host)
    {
        var text = new StringBuilder();
        foreach (var user in Traders)
        {
            var client = host.As(user);
            text.Append(user).Append(' ').Append(Strip(await client.GetJsonAsync("/api/account"))).Append('\n');
            text.Append(Strip(await client.GetJsonAsync("/api/positions"))).Append('\n');
            text.Append(await client.GetJsonAsync("/api/orders?symbol=ETHUSDT&limit=1000")).Append('\n');
            text.Append(await client.GetJsonAsync("/api/trades?symbol=ETHUSDT&limit=1000")).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Views stamped with the query time are compared without it.</summary>
    private static string Strip(JsonElement e) => System.Text.RegularExpressions.Regex.Replace(e.ToString(), "\"(time|timestamp|updateTime)\":\\d+,?", "");

    private static async Task<int> TakerTradeCountAsync(SignedClient client) =>
        (await client.GetJsonAsync("/api/trades?symbol=ETHUSDT&limit=1000")).EnumerateArray().Count(t => !t.GetProperty("maker").GetBoolean());

    private static async Task<int> DeleteGrainCheckpointsAsync(string clusterId)
    {
        var options = TestServers.Redis;
        using var redis = await ConnectionMultiplexer.ConnectAsync(options.Configuration);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = server.Keys(options.Database, $"{options.KeyPrefix}{clusterId}:grain*", pageSize: 1000).ToArray();
        if (keys.Length > 0) await redis.GetDatabase(options.Database).KeyDeleteAsync(keys);
        return keys.Length;
    }
}
