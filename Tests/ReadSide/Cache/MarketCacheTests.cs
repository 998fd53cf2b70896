using System.Net.Http.Json;
using System.Text.Json;
using StackExchange.Redis;
using Trading.Runtime.Storage.ClickHouse;
using Trading.Tests.EndToEnd;
using Trading.Tests.Infrastructure;
using Trading.Tests.ReadSide.History;

namespace Trading.Tests.ReadSide.Cache;

/// <summary>
/// The latest-data cache on the real Kafka, Redis and ClickHouse: what the cache writer keeps under the seed's keys
/// and TTL, and the latest-price route (Redis, then ClickHouse on a miss, then Redis refilled).
/// </summary>
[Trait("Category", "Integration")]
[Collection(HistoryWait.Collection)] // the ClickHouse outage test stops ClickHouse: not meanwhile
public sealed class MarketCacheTests
{
    [Fact]
    public async Task Trades_depth_prices_and_open_orders_land_in_Redis_under_the_seed_keys_with_their_ttl()
    {
        await using var host = ExchangeHost.Start(TestBackend.KafkaRedis);
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis.Configuration);
        var db = redis.GetDatabase(TestServers.Redis.Database);
        var venue = host.ClusterId;
        var admin = host.As(1);
        var maker = host.As(1004);
        var taker = host.As(1005);
        await HistoryWait.Until(async () => (await host.Anonymous().GetStringAsync("/api/symbols")).Contains("BTCUSDT"), "symbols are served");
        await Api.Deposit(admin, 1004, 100_000m);
        await Api.Deposit(admin, 1005, 100_000m);
        await Api.Mark(admin, "BTCUSDT", 50_000m);
        var ask = await Api.Limit(maker, "BTCUSDT", "SELL", 50_000m, 0.1m);
        var bid = await Api.Limit(maker, "BTCUSDT", "BUY", 49_000m, 0.2m);
        var take = await Api.Limit(taker, "BTCUSDT", "BUY", 50_000m, 0.04m, tif: "IOC");
        Assert.Equal("FILLED", take.GetProperty("status").GetString());

        // Depth: the cached top levels equal the book's own (asked with more levels than the cache keeps).
        var bookKey = $"market_data:orderbook:{venue}:BTCUSDT";
        var seen = "";
        await HistoryWait.Until(async () =>
        {
            var cached = await db.StringGetAsync(bookKey);
            if (cached.IsNull) return false;
            var depth = JsonDocument.Parse((string)cached!).RootElement;
            seen = $"bids {Levels(depth, "bids")} asks {Levels(depth, "asks")}";
            return seen == "bids 490000x200 asks 500000x60";
        }, () => $"the cached depth shows the resting orders after the trade (last seen: {seen})");
        var fromBook = await maker.GetJsonAsync("/api/orderbook/BTCUSDT?limit=500");
        var fromCache = await maker.GetJsonAsync("/api/orderbook/BTCUSDT?limit=5");
        Assert.Equal(fromBook.GetProperty("bids").GetRawText(), fromCache.GetProperty("bids").GetRawText());
        Assert.Equal(fromBook.GetProperty("asks").GetRawText(), fromCache.GetProperty("asks").GetRawText());
        AssertTtl(await db.KeyTimeToLiveAsync(bookKey));

        // Trades and the latest price (another topic than the depth: they may land a batch later).
        await HistoryWait.Until(async () => await db.ListLengthAsync($"market_data:trades:{venue}:BTCUSDT") > 0, "the trade is cached");
        var trades = await db.ListRangeAsync($"market_data:trades:{venue}:BTCUSDT");
        var trade = JsonDocument.Parse((string)Assert.Single(trades)!).RootElement;
        Assert.Equal(500_000, trade.GetProperty("price").GetInt64());
        Assert.Equal(40, trade.GetProperty("quantity").GetInt64());
        AssertTtl(await db.KeyTimeToLiveAsync($"market_data:trades:{venue}:BTCUSDT"));
        var price = JsonDocument.Parse((string)(await db.StringGetAsync($"market_data:price:{venue}:BTCUSDT"))!).RootElement;
        Assert.Equal(500_000, price.GetProperty("price").GetInt64());
        var recent = Assert.Single((await host.Anonymous().GetFromJsonAsync<JsonElement>("/api/recent-trades/BTCUSDT")).EnumerateArray());
        Assert.Equal(50_000m, recent.Dec("price"));
        Assert.Equal(0.04m, recent.Dec("qty"));
        Assert.False(recent.GetProperty("isBuyerMaker").GetBoolean());

        // The ticker comes from the book's own statistics, refreshed after the trade.
        await HistoryWait.Until(async () =>
        {
            var tick = await db.StringGetAsync($"market_data:tick:{venue}:BTCUSDT");
            return !tick.IsNull && JsonDocument.Parse((string)tick!).RootElement.GetProperty("lastPrice").GetInt64() == 500_000;
        }, "the ticker is cached");
        var ticker = await host.Anonymous().GetFromJsonAsync<JsonElement>("/api/ticker/BTCUSDT");
        Assert.Equal(50_000m, ticker.Dec("lastPrice"));
        Assert.Equal(49_000m, ticker.Dec("bidPrice"));

        // The maker's open orders: both while they rest, the bid gone once canceled.
        var orders = $"user_data:orders:{venue}:1004";
        var bidId = bid.GetProperty("orderId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var askId = ask.GetProperty("orderId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await HistoryWait.Until(async () => await db.HashExistsAsync(orders, bidId) && await db.HashExistsAsync(orders, askId), "both open orders are cached");
        await maker.SendJsonAsync(HttpMethod.Delete, $"/api/orders/{bidId}", null, 200);
        await HistoryWait.Until(async () => !await db.HashExistsAsync(orders, bidId), "the canceled order leaves the cache");
        Assert.True(await db.HashExistsAsync(orders, askId));
        var position = JsonDocument.Parse((string)(await db.HashGetAsync($"user_data:positions:{venue}:1005", "BTCUSDT"))!).RootElement;
        Assert.Equal(40, position.GetProperty("quantity").GetInt64());
    }

    [Fact]
    public async Task A_latest_price_whose_key_expired_comes_from_ClickHouse_and_refills_the_cache()
    {
        var database = TestServers.UniqueName("cache_fallback");
        await using var host = ExchangeHost.Start(TestBackend.KafkaRedis, new Dictionary<string, string?>
        {
            ["Cache:TtlSeconds"] = "2", ["History:Enabled"] = "true", ["ClickHouse:Database"] = database, ["History:BatchIntervalMs"] = "100",
        });
        try
        {
            using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis.Configuration);
            var db = redis.GetDatabase(TestServers.Redis.Database);
            var key = $"market_data:price:{host.ClusterId}:ETHUSDT";
            var admin = host.As(1);
            await HistoryWait.Until(async () => (await host.Anonymous().GetStringAsync("/api/symbols")).Contains("ETHUSDT"), "symbols are served");
            await Api.Deposit(admin, 1006, 100_000m);
            await Api.Deposit(admin, 1007, 100_000m);
            await Api.Mark(admin, "ETHUSDT", 3_000m);
            await Api.Limit(host.As(1006), "ETHUSDT", "SELL", 3_001.5m, 1m);
            await Api.Limit(host.As(1007), "ETHUSDT", "BUY", 3_001.5m, 1m);

            await HistoryWait.Until(async () => await Price(host) is { Source: "cache", Price: 3_001.5m }, "the price is served from the cache");
            await HistoryWait.Until(async () => !await db.KeyExistsAsync(key), "the price key expires after its 2 s TTL", 20);
            await HistoryWait.Until(async () => await Price(host) is { Source: "history", Price: 3_001.5m }, "the price comes from ClickHouse");
            var refilled = await db.StringGetAsync(key);
            Assert.False(refilled.IsNull, "the cache was not refilled");
            Assert.Equal(300_150, JsonDocument.Parse((string)refilled!).RootElement.GetProperty("price").GetInt64());
            var ttl = await db.KeyTimeToLiveAsync(key);
            Assert.True(ttl is { } t && t <= TimeSpan.FromSeconds(2) && t > TimeSpan.Zero, $"ttl {ttl}");
            Assert.Equal(("cache", 3_001.5m), (await Price(host))!.Value);
        }
        finally
        {
            using var clickHouse = new ClickHouseClient(Microsoft.Extensions.Options.Options.Create(TestServers.ClickHouse));
            await clickHouse.ExecuteAsync($"DROP DATABASE IF EXISTS {database}", CancellationToken.None);
        }
    }

    private static async Task<(string Source, decimal Price)?> Price(ExchangeHost host)
    {
        using var response = await host.Anonymous().GetAsync("/api/price/ETHUSDT");
        if (!response.IsSuccessStatusCode) return null;
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (body.GetProperty("source").GetString()!, body.Dec("price"));
    }

    private static string Levels(JsonElement depth, string side) =>
        string.Join(",", depth.GetProperty(side).EnumerateArray().Select(l => $"{l.GetProperty("price").GetInt64()}x{l.GetProperty("quantity").GetInt64()}"));

    private static void AssertTtl(TimeSpan? ttl) =>
        Assert.True(ttl is { } t && t > TimeSpan.FromSeconds(3_500) && t <= TimeSpan.FromSeconds(3_600), $"ttl {ttl}");
}
