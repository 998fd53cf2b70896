using System.Text.Json;
using Trading.Client.Api.Snapshots;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Tests.EndToEnd;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Snapshots;

/// <summary>Snapshot generation against the real Kafka and Redis: full and incremental, periodic, one symbol, access.</summary>
[Trait("Category", "Integration")]
public sealed class SnapshotGenerationTests
{
    [Fact]
    public async Task An_incremental_snapshot_stores_only_changed_grains_and_recovers_like_a_full_one()
    {
        await using var host = ExchangeHost.Start(TestBackend.KafkaRedis, new Dictionary<string, string?> { ["Snapshots:FullEvery"] = "3" });
        var admin = host.As(1);
        await Ready(host);
        foreach (var user in new long[] { 1001, 1002, 1003 }) await Api.Deposit(admin, user, 10_000m);
        await Api.Limit(host.As(1001), "ETHUSDT", "BUY", 2_900m, 0.5m);

        var full = await Take(admin);
        Assert.Equal("Full", full.GetProperty("kind").GetString());
        await Api.Limit(host.As(1002), "ETHUSDT", "SELL", 3_100m, 0.2m); // touches user 1002 and the ETHUSDT book only
        var incremental = await Take(admin);
        Assert.Equal("Incremental", incremental.GetProperty("kind").GetString());
        Assert.Equal(full.GetProperty("snapshotId").GetString(), incremental.GetProperty("baseSnapshotId").GetString());

        var id = incremental.GetProperty("snapshotId").GetString()!;
        var status = (await admin.GetJsonAsync($"/api/match/event/snapshot/{id}/status")).GetProperty("data");
        int grains = 0, changed = 0;
        foreach (var part in status.GetProperty("parts").EnumerateArray())
        {
            grains += part.GetProperty("grains").GetInt32();
            changed += part.GetProperty("changedGrains").GetInt32();
        }
        Assert.True(grains >= 5, $"grains {grains}"); // registry, two books, three accounts
        Assert.InRange(changed, 2, grains - 2);      // the book and account 1002 changed; the other accounts and the registry did not

        // The incremental document is complete: both resting orders are in it.
        var document = await admin.GetJsonAsync($"/api/match/event/snapshot/{id}");
        Assert.Equal(2, document.GetProperty("orderBookSnapshots").GetProperty("ETHUSDT").GetProperty("orderIds").GetArrayLength());

        await Api.Limit(host.As(1003), "ETHUSDT", "BUY", 2_800m, 0.1m);
        var recovered = await admin.SendJsonAsync(HttpMethod.Post, "/api/snapshot/recovery/recover", new { snapshotId = id }, 200);
        Assert.True(recovered.GetProperty("data").GetProperty("grains").GetInt32() >= 5);
        // The key indicators carry the snapshot's generation time and the recovery's duration.
        await Api.Eventually(async () =>
        {
            var indicators = (await admin.GetJsonAsync("/metrics?format=json")).GetProperty("data").GetProperty("indicators");
            Assert.True(indicators.GetProperty("snapshotGenerationMs").GetProperty("value").ValueKind == JsonValueKind.Number, indicators.ToString());
            Assert.True(indicators.GetProperty("recoveryMs").GetProperty("value").ValueKind == JsonValueKind.Number, indicators.ToString());
        }, 15_000);
        // Recovery replays the inputs after the snapshot: user 1003's order comes back, nothing is doubled.
        await Api.Eventually(async () =>
        {
            var orders = await host.As(1003).GetJsonAsync("/api/orders?symbol=ETHUSDT");
            Assert.Equal(1, orders.GetArrayLength());
            Assert.Equal("NEW", orders[0].GetProperty("status").GetString());
        }, 30_000);
    }

    [Fact]
    public async Task Periodic_snapshots_are_taken_on_the_configured_interval()
    {
        await using var host = ExchangeHost.Start(TestBackend.KafkaRedis, new Dictionary<string, string?> { ["Snapshots:IntervalSeconds"] = "1" });
        var admin = host.As(1);
        await Ready(host);
        await Api.Eventually(async () =>
        {
            var list = (await admin.GetJsonAsync("/api/match/event/snapshot")).GetProperty("data");
            var completed = list.EnumerateArray().Count(s => s.GetProperty("state").GetString() == "Completed");
            Assert.True(completed >= 2, $"{completed} completed periodic snapshots");
        }, 30_000);
    }

    [Fact]
    public async Task A_symbol_snapshot_cuts_only_that_book_and_cannot_be_recovered_and_users_may_not_take_snapshots()
    {
        await using var host = ExchangeHost.Start(TestBackend.KafkaRedis);
        var admin = host.As(1);
        await Ready(host);
        // The registry lists a symbol before its book has applied the configuration: an order answered by the book proves it.
        await Api.Deposit(admin, 1001, 10_000m);
        await Api.Limit(host.As(1001), "ETHUSDT", "BUY", 2_900m, 0.1m);
        var taken = await admin.SendJsonAsync(HttpMethod.Post, "/api/match/event/snapshot", new { symbol = "ETHUSDT" }, 200);
        var data = taken.GetProperty("data");
        Assert.Equal("Completed", data.GetProperty("state").GetString());
        var id = data.GetProperty("snapshotId").GetString()!;
        var document = await admin.GetJsonAsync($"/api/match/event/snapshot/{id}");
        Assert.Equal(["ETHUSDT"], document.GetProperty("orderBookSnapshots").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, document.GetProperty("orderBookSnapshots").GetProperty("ETHUSDT").GetProperty("orderIds").GetArrayLength());
        Assert.Empty(document.GetProperty("positionSnapshots").EnumerateObject()); // accounts are not part of a one-symbol cut

        using var refused = await admin.SendAsync(HttpMethod.Post, "/api/snapshot/recovery/recover", new { snapshotId = id });
        Assert.Equal(400, (int)refused.StatusCode);
        Assert.Contains("covers only ETHUSDT", await refused.Content.ReadAsStringAsync());

        using var forbidden = await host.As(1001).SendAsync(HttpMethod.Post, "/api/match/event/snapshot", new { });
        Assert.Equal(403, (int)forbidden.StatusCode);
        using var unknownField = await admin.SendAsync(HttpMethod.Post, "/api/match/event/snapshot", new { sym = "X" });
        Assert.Equal(400, (int)unknownField.StatusCode);
        Assert.Contains("sym", await unknownField.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Grains_changed_after_the_cut_are_in_the_snapshot_as_they_were_at_the_cut()
    {
        // Checkpoints every 100 ms: the book and the account are saved (clean) at the cut, so the snapshot refers to their
        // stored checkpoints, and the order after it overwrites them within a few hundred milliseconds.
        await using var host = ExchangeHost.Start(TestBackend.KafkaRedis, new Dictionary<string, string?> { ["Runtime:CheckpointIntervalMs"] = "100" });
        var admin = host.As(1);
        await Ready(host);
        await Api.Deposit(admin, 1001, 10_000m);
        await Api.Limit(host.As(1001), "ETHUSDT", "BUY", 2_900m, 0.1m);
        await Task.Delay(1_000);

        var snapshots = host.Service<SnapshotOperations>();
        var requested = await snapshots.RequestAsync(null, true, CancellationToken.None);
        var stored = await snapshots.WaitUntilStoredAsync(requested, TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.Equal(SnapshotState.Completed, stored.State);
        // At once, while the assembler is still starting the document process: the book and the account change and are saved.
        await Api.Limit(host.As(1001), "ETHUSDT", "BUY", 2_800m, 0.1m);
        await Task.Delay(500);

        var (status, bytes) = await snapshots.WaitForDocumentAsync(stored, TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.Equal(SnapshotState.Completed, status.State);
        Assert.NotNull(bytes); // the parts resolved: the versions the cut referred to were kept
        var document = await admin.GetJsonAsync($"/api/match/event/snapshot/{stored.SnapshotId}");
        Assert.Equal(1, document.GetProperty("orderBookSnapshots").GetProperty("ETHUSDT").GetProperty("orderIds").GetArrayLength());
        Assert.Single(document.GetProperty("orderSnapshots").EnumerateArray(), o => o.GetProperty("userId").ToString() == "1001");
        var valid = await admin.SendJsonAsync(HttpMethod.Post, "/api/snapshot/recovery/validate", new { snapshotId = stored.SnapshotId }, 200);
        Assert.True(valid.GetProperty("data").GetProperty("valid").GetBoolean(), valid.ToString());
    }

    private static Task Ready(ExchangeHost host) =>
        Api.Eventually(async () => Assert.Contains("ETHUSDT", await host.Anonymous().GetStringAsync("/api/symbols")), 60_000);

    private static async Task<JsonElement> Take(SignedClient admin)
    {
        var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/match/event/snapshot", new { }, 200);
        Assert.Equal(0, response.GetProperty("code").GetInt32());
        var data = response.GetProperty("data");
        Assert.Equal("Completed", data.GetProperty("state").GetString());
        return data;
    }
}
