using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.EndToEnd;

/// <summary>
/// Three silos (this process and two children) on the real Kafka and Redis; one child is killed with SIGKILL
/// while traders send orders. Every accepted order is still there afterwards, and each account's orders,
/// fills, positions and wallet add up.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SiloCrashAuditTests
{
    private static readonly long[] Traders = [1001, 1002, 1003, 1004];
    private const decimal Deposit = 100_000m;
    private const int OrdersPerTrader = 120;

    [Fact]
    public async Task A_silo_killed_mid_run_loses_no_accepted_order_and_the_audit_adds_up()
    {
        await using var host = ExchangeHost.Start(TestBackend.KafkaRedis);
        var admin = host.As(1);
        await Api.Eventually(async () => Assert.Contains("ETHUSDT", await host.Anonymous().GetStringAsync("/api/symbols")), 60_000);
        var childSettings = host.Settings.Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value!);
        childSettings["Gateway:Enabled"] = "false";
        childSettings["Urls"] = "http://127.0.0.1:0";
        using var victim = await SiloProcess.StartSiloHostAsync(new Dictionary<string, string>(childSettings) { ["Cluster:SiloId"] = "child-a" });
        using var survivor = await SiloProcess.StartSiloHostAsync(new Dictionary<string, string>(childSettings) { ["Cluster:SiloId"] = "child-b" });

        foreach (var user in Traders) await Api.Deposit(admin, user, Deposit);
        await Api.Mark(admin, "ETHUSDT", 3_000m);

        var accepted = new ConcurrentDictionary<long, long>(); // order id -> user
        var sent = 0;
        var killed = false;
        await Task.WhenAll(Traders.Select(async user =>
        {
            var client = host.As(user);
            var random = new Random((int)user);
            for (var i = 0; i < OrdersPerTrader; i++)
            {
                var side = random.Next(2) == 0 ? "BUY" : "SELL";
                var price = 3_000m + random.Next(-5, 6) * 0.01m;
                var quantity = random.Next(1, 6) * 0.01m;
                using var response = await client.SendAsync(HttpMethod.Post, "/api/orders", new
                {
                    symbol = "ETHUSDT", side, type = "LIMIT", timeInForce = "GTC",
                    price = price.ToString(CultureInfo.InvariantCulture), quantity = quantity.ToString(CultureInfo.InvariantCulture),
                });
                var body = await SignedClient.ReadAsync(response, 202);
                accepted[body.GetProperty("orderId").GetInt64()] = user;
                if (Interlocked.Increment(ref sent) == Traders.Length * OrdersPerTrader / 2 && !killed)
                {
                    killed = true;
                    victim.Kill();
                }
            }
        }));
        Assert.True(killed);
        Assert.Equal(Traders.Length * OrdersPerTrader, accepted.Count);

        // Every accepted order reaches its account, whichever silo owned it when the other one died.
        foreach (var (orderId, user) in accepted)
        {
            var client = host.As(user);
            await Api.Eventually(async () =>
            {
                using var response = await client.SendAsync(HttpMethod.Get, $"/api/orders/{orderId}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var order = await SignedClient.ReadAsync(response, 200);
                Assert.NotEqual("REJECTED", order.GetProperty("status").GetString());
            }, 90_000);
        }

        // Wait until the books and accounts are quiet, then audit every account.
        decimal netPosition = 0;
        long makerFills = 0, takerFills = 0;
        foreach (var user in Traders)
        {
            var client = host.As(user);
            await Api.Eventually(async () =>
            {
                var orders = (await client.GetJsonAsync("/api/orders?symbol=ETHUSDT&limit=1000")).EnumerateArray().ToList();
                var trades = (await client.GetJsonAsync("/api/trades?symbol=ETHUSDT&limit=1000")).EnumerateArray().ToList();
                Assert.Equal(OrdersPerTrader, orders.Count);
                foreach (var order in orders)
                {
                    var filled = trades.Where(t => t.GetProperty("orderId").GetInt64() == order.GetProperty("orderId").GetInt64()).Sum(t => t.Dec("qty"));
                    Assert.Equal(order.Dec("executedQty"), filled);
                }
                var position = (await Api.Position(client, "ETHUSDT"))?.Dec("positionAmt") ?? 0m;
                Assert.Equal(trades.Sum(t => (t.GetProperty("side").GetString() == "BUY" ? 1 : -1) * t.Dec("qty")), position);
                var wallet = (await Api.Balance(client)).Dec("walletBalance");
                Assert.Equal(Deposit + trades.Sum(t => t.Dec("realizedPnl")) - trades.Sum(t => t.Dec("commission")), wallet);
            }, 60_000);
            netPosition += (await Api.Position(client, "ETHUSDT"))?.Dec("positionAmt") ?? 0m;
            var all = (await client.GetJsonAsync("/api/trades?symbol=ETHUSDT&limit=1000")).EnumerateArray().ToList();
            makerFills += all.Count(t => t.GetProperty("maker").GetBoolean());
            takerFills += all.Count(t => !t.GetProperty("maker").GetBoolean());
        }
        Assert.Equal(0m, netPosition);
        Assert.Equal(makerFills, takerFills);
        Assert.True(makerFills > 0, "the traders never traded");
        Assert.False(survivor.Exited, survivor.Output);
    }
}
