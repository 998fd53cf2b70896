using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Trading.Client.Api.Push.Feed;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Grains.MarketData;
using Trading.Runtime.Messaging;
using Trading.Tests.EndToEnd;
using Trading.Tests.Infrastructure;
using Trading.Tests.ReadSide.History;

namespace Trading.Tests.ReadSide.Push;

/// <summary>
/// The kline channel and the cached candles on the real Kafka and Redis. The host's clock is shifted so that the
/// test's first trades fall just before a minute boundary and the last ones after it: the 1m candle closes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KlinePushTests
{
    private const decimal Tick = 0.1m, Step = 0.001m, MoneyUnit = 0.00000001m; // PushSymbols' rules, and money's 1e-8

    [Fact]
    public async Task A_kline_subscriber_sees_the_candles_of_the_trades_and_the_cache_key_holds_the_same()
    {
        var clock = new ShiftedClock();
        await using var host = ExchangeHost.Start(TestBackend.KafkaRedis,
            new Dictionary<string, string?> { ["Auth:TimestampWindowMs"] = "300000" }, // requests are signed with the real clock
            services => services.AddSingleton<TimeProvider>(clock));
        await HistoryWaitForSymbols(host);
        await host.Service<PushFeed>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        var admin = host.As(1);
        var symbol = await PushSymbols.CreateAsync(admin);
        await Api.Deposit(admin, 1001, 1_000_000m);
        await Api.Deposit(admin, 1002, 1_000_000m);
        await Api.Mark(admin, symbol, 1_000m);

        await using var ws = await PushClient.ConnectAsync(host);
        await ws.SendAsync(new { op = "subscribe", channel = "kline", symbol, interval = "2m" });
        var refused = await ws.ReceiveAsync();
        Assert.Equal(("error", "interval"), (refused.Str("op"), refused.Str("field")));
        var frames = new Dictionary<string, List<JsonElement>> { ["1m"] = [], ["1d"] = [] };
        foreach (var interval in frames.Keys)
        {
            await ws.SendAsync(new { op = "subscribe", channel = "kline", symbol, interval });
            var ack = await ws.ReceiveAsync();
            Assert.Equal(("subscribed", interval), (ack.Str("op"), ack.Str("interval")));
            var snapshot = await ws.ReceiveUntilAsync(f => f.Is("kline", "snapshot"));
            Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("kline").ValueKind); // nothing traded yet
        }

        // Before the boundary: resting asks at three prices, swept in three takes; after it: one more take.
        var boundary = DateTimeOffset.FromUnixTimeMilliseconds(KlineInterval.OneMinute.OpenTimeOf(DateTimeOffset.UtcNow.AddSeconds(90).ToUnixTimeMilliseconds()));
        clock.Set(boundary.AddSeconds(-20));
        var maker = host.As(1001);
        var taker = host.As(1002);
        for (var i = 0; i < 3; i++) await Api.Limit(maker, symbol, "SELL", 1_000m + i, 1m);
        await Api.Limit(taker, symbol, "BUY", 1_000m, 0.4m, tif: "IOC");
        await Api.Limit(taker, symbol, "BUY", 1_001m, 1.1m, tif: "IOC");
        await Api.Limit(taker, symbol, "BUY", 1_002m, 0.25m, tif: "IOC");
        clock.Set(boundary.AddSeconds(5));
        await Api.Limit(taker, symbol, "BUY", 1_002m, 0.5m, tif: "IOC");

        var trades = await TradesAsync(taker, symbol, count: 6);
        var last = trades[^1].Id;
        await ws.ReceiveUntilAsync(_ => frames.Values.All(list => list.Count > 0 && LastTradeId(list[^1]) == last), f =>
        {
            if (f.Is("kline", "update")) frames[f.Str("interval")!].Add(f);
        });

        foreach (var (name, list) in frames)
        {
            Assert.True(KlineInterval.TryParse(name, out var interval));
            // Every frame is the candle of the trades up to the one it names; closed once a later candle has a trade.
            foreach (var frame in list)
            {
                var upTo = trades.Where(t => t.Id <= LastTradeId(frame)).ToList();
                var candles = Build(upTo, interval);
                var k = frame.GetProperty("kline");
                var candle = Assert.Single(candles, c => c.OpenTime == k.GetProperty("openTime").GetInt64());
                AssertCandle(candle, interval, k);
                Assert.Equal(candle.OpenTime < candles[^1].OpenTime, k.GetProperty("closed").GetBoolean());
            }
            var all = Build(trades, interval);
            var lastFrames = list.GroupBy(f => f.GetProperty("kline").GetProperty("openTime").GetInt64()).Select(g => g.Last()).ToList();
            Assert.Equal(all.Select(c => c.OpenTime), lastFrames.Select(f => f.GetProperty("kline").GetProperty("openTime").GetInt64()));
            for (var i = 0; i < all.Count; i++) AssertCandle(all[i], interval, lastFrames[i].GetProperty("kline"));
            Assert.False(list[^1].GetProperty("kline").GetProperty("closed").GetBoolean());
        }
        Assert.Equal(2, Build(trades, KlineInterval.OneMinute).Count);
        Assert.Contains(frames["1m"], f => f.GetProperty("kline").GetProperty("closed").GetBoolean());

        // The cache writer's key holds the same candles, newest first, with the last trade and the TTL.
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis.Configuration);
        var db = redis.GetDatabase(TestServers.Redis.Database);
        foreach (var interval in KlineInterval.All)
        {
            var key = $"market_data:kline:{host.ClusterId}:{symbol}:{interval.Name}";
            RecentKlines? cached = null;
            await HistoryWait.Until(async () =>
            {
                var value = await db.StringGetAsync(key);
                cached = value.IsNull ? null : JsonSerializer.Deserialize<RecentKlines>((string)value!, MessageTypeRegistry.JsonOptions);
                return cached?.LastTradeSequence == last;
            }, $"{key} holds trade {last}");
            var expected = Build(trades, interval);
            expected.Reverse();
            Assert.Equal(expected, cached!.Klines);
            var ttl = await db.KeyTimeToLiveAsync(key);
            Assert.True(ttl > TimeSpan.FromSeconds(3_500) && ttl <= TimeSpan.FromMilliseconds(Math.Max(3_600_000, 2 * interval.Milliseconds)),
                $"{interval.Name} ttl {ttl}");
        }
    }

    private static Task HistoryWaitForSymbols(ExchangeHost host) =>
        HistoryWait.Until(async () => (await host.Anonymous().GetStringAsync("/api/symbols")).Contains("BTCUSDT"), "symbols are served");

    private sealed record Trade(long Id, long Time, decimal Price, decimal Qty, decimal QuoteQty);

    private static async Task<List<Trade>> TradesAsync(SignedClient taker, string symbol, int count)
    {
        List<Trade> trades = [];
        await Api.Eventually(async () =>
        {
            trades = (await taker.GetJsonAsync($"/api/trades?symbol={symbol}")).EnumerateArray()
                .Select(t => new Trade(t.GetProperty("id").GetInt64(), t.GetProperty("time").GetInt64(), t.Dec("price"), t.Dec("qty"), t.Dec("quoteQty")))
                .OrderBy(t => t.Id).ToList();
            Assert.Equal(count, trades.Count);
        });
        for (var i = 1; i < trades.Count; i++) Assert.Equal(trades[i - 1].Id + 1, trades[i].Id);
        return trades;
    }

    /// <summary>The candles of <paramref name="trades"/>, oldest first, computed by the reference builder.</summary>
    private static List<Kline> Build(IEnumerable<Trade> trades, KlineInterval interval)
    {
        var builder = new KlineBuilder(interval, retained: 100);
        foreach (var t in trades) builder.Add(t.Time, (long)(t.Price / Tick), (long)(t.Qty / Step), (long)(t.QuoteQty / MoneyUnit));
        return [.. builder.Candles];
    }

    private static void AssertCandle(Kline expected, KlineInterval interval, JsonElement k)
    {
        Assert.Equal(expected.OpenTime, k.GetProperty("openTime").GetInt64());
        Assert.Equal(expected.OpenTime + interval.Milliseconds - 1, k.GetProperty("closeTime").GetInt64());
        Assert.Equal(expected.Open * Tick, Dec(k, "open"));
        Assert.Equal(expected.High * Tick, Dec(k, "high"));
        Assert.Equal(expected.Low * Tick, Dec(k, "low"));
        Assert.Equal(expected.Close * Tick, Dec(k, "close"));
        Assert.Equal(expected.Volume * Step, Dec(k, "volume"));
        Assert.Equal(expected.QuoteVolume * MoneyUnit, Dec(k, "quoteVolume"));
        Assert.Equal(expected.Trades, k.GetProperty("trades").GetInt64());
    }

    private static long LastTradeId(JsonElement frame) => frame.GetProperty("kline").GetProperty("lastTradeId").GetInt64();

    private static decimal Dec(JsonElement e, string name) => decimal.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
}
