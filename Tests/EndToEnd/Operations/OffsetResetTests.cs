using System.Text.Json;
using Trading.Runtime.Hosting;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.EndToEnd.Operations;

/// <summary>
/// An offset reset of the order books' input to the earliest offset on the real Kafka and Redis. Checkpoints are made
/// rare, so the books rebuild from nothing: every input is handled again and every trade re-emitted with the same ids.
/// Downstream (the accounts, the trade cache) drops the duplicates: trades, fills and balances are not doubled.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OffsetResetTests
{
    [Theory]
    [InlineData(TestBackend.KafkaRedis)]
    [InlineData(TestBackend.InMemory)]
    public async Task A_reset_to_earliest_replays_the_books_and_no_result_is_doubled(TestBackend backend)
    {
        await using var host = ExchangeHost.Start(backend, OperationsApi.FastReports(new Dictionary<string, string?>
        {
            ["Runtime:CheckpointIntervalMs"] = "600000",
            ["Runtime:CheckpointEveryMessages"] = "10000000",
        }));
        var admin = host.As(1);
        await Api.Eventually(async () => Assert.Contains("ETHUSDT", await host.Anonymous().GetStringAsync("/api/symbols")), 60_000);
        var seller = host.As(1007);
        var buyer = host.As(1008);
        await Api.Deposit(admin, 1007, 100_000m);
        await Api.Deposit(admin, 1008, 100_000m);
        await Api.Mark(admin, "ETHUSDT", 2_000m);
        const int trades = 6;
        for (var i = 0; i < trades; i++)
        {
            await Api.Limit(seller, "ETHUSDT", "SELL", 2_000m + i, 0.5m);
            Assert.Equal("FILLED", (await Api.Limit(buyer, "ETHUSDT", "BUY", 2_000m + i, 0.5m)).GetProperty("status").GetString());
        }
        await Api.Limit(seller, "ETHUSDT", "SELL", 2_100m, 0.5m); // stays resting
        var before = await Settled(seller, buyer, trades);
        var recentBefore = await RecentTrades(host, trades);
        Assert.Equal(trades, recentBefore);

        var position = host.Service<SiloRuntime>().Statistics.For("Position");
        var duplicatesBefore = Interlocked.Read(ref position.DuplicatesDropped);
        var book = host.Service<SiloRuntime>().Statistics.For("OrderBook");
        var bookInputsBefore = BookInputs();

        var topic = host.Settings["Topics:OrdersCommands"]!;
        var reset = await OperationsApi.Post(admin, $"/api/kafka/monitor/offset/reset/{topic}", new { to = "earliest" });
        Assert.True(reset.GetProperty("confirmed").GetBoolean(), reset.ToString());
        Assert.Equal(12, reset.GetProperty("partitions").GetArrayLength());
        Assert.All(reset.GetProperty("partitions").EnumerateArray(), p =>
        {
            Assert.True(p.GetProperty("applied").GetBoolean());
            Assert.Equal(0, p.GetProperty("offset").GetInt64());
        });

        // The replay happened: the book read every input again (handled, or skipped where a checkpoint the grain asked for
        // covers it), and the accounts dropped every re-emitted fill (two per trade).
        await Api.Eventually(() =>
        {
            Assert.True(BookInputs() >= 2 * bookInputsBefore, $"book inputs {BookInputs()} vs {bookInputsBefore}");
            Assert.True(Interlocked.Read(ref position.DuplicatesDropped) >= duplicatesBefore + 2 * trades,
                $"duplicates dropped {Interlocked.Read(ref position.DuplicatesDropped)} vs {duplicatesBefore}");
            return Task.CompletedTask;
        }, 60_000);
        await Task.Delay(1000); // anything doubled would show by now
        Assert.Equal(before, await Settled(seller, buyer, trades));
        Assert.Equal(trades, await RecentTrades(host, trades));

        // And the replayed book is the same book: the resting sell is still there and trades on.
        Assert.Equal("FILLED", (await Api.Limit(buyer, "ETHUSDT", "BUY", 2_100m, 0.5m)).GetProperty("status").GetString());
        await Settled(seller, buyer, trades + 1);

        long BookInputs() => Interlocked.Read(ref book.MessagesIn) + Interlocked.Read(ref book.AlreadyApplied);
    }

    /// <summary>Waits until both accounts show <paramref name="trades"/> trades each and returns what they hold.</summary>
    private static async Task<string> Settled(SignedClient seller, SignedClient buyer, int trades)
    {
        string state = "";
        await Api.Eventually(async () =>
        {
            var parts = new List<string>();
            foreach (var user in new[] { seller, buyer })
            {
                var fills = (await user.GetJsonAsync("/api/trades?symbol=ETHUSDT&limit=1000")).EnumerateArray().ToList();
                Assert.Equal(trades, fills.Count);
                var orders = (await user.GetJsonAsync("/api/orders?symbol=ETHUSDT&limit=1000")).EnumerateArray()
                    .Select(o => $"{o.GetProperty("orderId").GetInt64()}:{o.GetProperty("status").GetString()}:{o.GetProperty("executedQty").GetString()}");
                var balance = await Api.Balance(user);
                var position = await Api.Position(user, "ETHUSDT");
                parts.Add(string.Join(",", fills.Select(f => f.GetProperty("id").ToString() + "/" + f.GetProperty("qty").GetString())));
                parts.Add(string.Join(",", orders.Order()));
                parts.Add($"{balance.GetProperty("walletBalance").GetString()}|{balance.GetProperty("reservedForOrders").GetString()}|{position?.GetProperty("positionAmt").GetString()}");
            }
            state = string.Join("\n", parts);
        }, 30_000);
        return state;
    }

    /// <summary>The cache's recent trades once it holds at least <paramref name="expected"/> (it follows match-results on its own consumer).</summary>
    private static async Task<int> RecentTrades(ExchangeHost host, int expected)
    {
        var count = 0;
        await Api.Eventually(async () =>
        {
            var recent = JsonDocument.Parse(await host.Anonymous().GetStringAsync("/api/recent-trades/ETHUSDT?limit=100")).RootElement;
            count = recent.GetArrayLength();
            Assert.True(count >= expected, $"{count} recent trades of {expected}");
        });
        return count;
    }
}
