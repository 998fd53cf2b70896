using System.Globalization;
using System.Text.Json;
using Trading.Grains.MarketData;
using Trading.Runtime.Storage.ClickHouse;
using Trading.Tests.EndToEnd;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.ReadSide.History;

/// <summary>The history endpoints over HTTP: against the real Kafka, Redis and ClickHouse, and disabled in embedded mode.</summary>
[Trait("Category", "Integration")]
[Collection(HistoryWait.Collection)] // the outage test stops ClickHouse: no other history test runs meanwhile
public sealed class HistoryEndpointsTests
{
    [Fact]
    public async Task Trades_made_over_HTTP_come_back_from_ClickHouse_as_trade_history_and_klines()
    {
        var database = TestServers.UniqueName("history_api");
        await using var host = ExchangeHost.Start(TestBackend.KafkaRedis, new Dictionary<string, string?>
        {
            ["History:Enabled"] = "true", ["ClickHouse:Database"] = database, ["History:BatchIntervalMs"] = "100",
        });
        try
        {
            var admin = host.As(1);
            var maker = host.As(1004);
            var taker = host.As(1005);
            await HistoryWait.Until(async () => (await host.Anonymous().GetAsync("/api/symbols")).IsSuccessStatusCode, "symbols are served");
            await Api.Deposit(admin, 1004, 100_000m);
            await Api.Deposit(admin, 1005, 100_000m);
            await Api.Mark(admin, "BTCUSDT", 50_000m);
            await Api.Limit(maker, "BTCUSDT", "SELL", 50_000m, 0.1m);
            await Api.Limit(taker, "BTCUSDT", "BUY", 50_000m, 0.1m);
            await Api.Limit(maker, "BTCUSDT", "BUY", 49_900m, 0.05m);
            await Api.Limit(taker, "BTCUSDT", "SELL", 49_900m, 0.05m);

            var trades = new List<JsonElement>();
            await HistoryWait.Until(async () =>
            {
                trades = (await taker.GetJsonAsync("/api/trades/history?symbol=BTCUSDT")).EnumerateArray().ToList();
                return trades.Count == 2;
            }, "both trades are in ClickHouse");
            Assert.Equal(["BUY", "SELL"], trades.Select(t => t.GetProperty("side").GetString()));
            Assert.Equal([50_000m, 49_900m], trades.Select(t => t.Dec("price")));
            Assert.Equal([0.1m, 0.05m], trades.Select(t => t.Dec("qty")));
            Assert.All(trades, t => Assert.False(t.GetProperty("maker").GetBoolean()));
            Assert.Equal(2m, trades[0].Dec("commission")); // taker 4 bp of 5,000
            var makerTrades = (await maker.GetJsonAsync("/api/trades/history?symbol=BTCUSDT")).EnumerateArray().ToList();
            Assert.Equal(["SELL", "BUY"], makerTrades.Select(t => t.GetProperty("side").GetString()));
            Assert.All(makerTrades, t => Assert.True(t.GetProperty("maker").GetBoolean()));
            // Paging: from the second trade's id on, only it.
            var secondId = trades[1].GetProperty("id").GetInt64();
            var page = (await taker.GetJsonAsync($"/api/trades/history?symbol=BTCUSDT&fromId={secondId}&limit=5")).EnumerateArray().ToList();
            Assert.Equal(secondId, Assert.Single(page).GetProperty("id").GetInt64());

            // Candles computed here from the returned trades equal the ones the API serves from ClickHouse.
            var builder = new KlineBuilder(KlineInterval.OneMinute);
            var expected = new List<Kline>();
            foreach (var t in trades)
            {
                var candle = builder.Add(t.GetProperty("time").GetInt64(), (long)(t.Dec("price") * 10), (long)(t.Dec("qty") * 1000),
                    (long)(t.Dec("quoteQty") * 100_000_000))!;
                if (expected.Count > 0 && expected[^1].OpenTime == candle.OpenTime) expected[^1] = candle; else expected.Add(candle);
            }
            var from = expected[0].OpenTime;
            var klines = new List<JsonElement>();
            await HistoryWait.Until(async () =>
            {
                using var response = await host.Anonymous().GetAsync($"/api/klines/BTCUSDT?interval=1m&from={from}");
                klines = (await SignedClient.ReadAsync(response, 200)).EnumerateArray().ToList();
                return klines.Sum(k => k.GetProperty("trades").GetInt64()) == 2;
            }, "the candles are in ClickHouse");
            Assert.Equal(expected.Count, klines.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                var (want, got) = (expected[i], klines[i]);
                Assert.Equal(want.OpenTime, got.GetProperty("openTime").GetInt64());
                Assert.Equal(want.OpenTime + 59_999, got.GetProperty("closeTime").GetInt64());
                Assert.Equal([want.Open / 10m, want.High / 10m, want.Low / 10m, want.Close / 10m, want.Volume / 1000m, want.QuoteVolume / 100_000_000m],
                    new[] { "open", "high", "low", "close", "volume", "quoteVolume" }.Select(f => got.Dec(f)));
                Assert.Equal(want.Trades, got.GetProperty("trades").GetInt64());
            }
            using var day = await host.Anonymous().GetAsync($"/api/klines/BTCUSDT?interval=1d&from={KlineInterval.OneDay.OpenTimeOf(from)}");
            var daily = Assert.Single((await SignedClient.ReadAsync(day, 200)).EnumerateArray());
            Assert.Equal(50_000m, daily.Dec("open"));
            Assert.Equal(49_900m, daily.Dec("close"));
            Assert.Equal(0.15m, daily.Dec("volume"));

            await ExpectFieldError(host.Anonymous().GetAsync("/api/klines/BTCUSDT?interval=2m"), "interval");
            await ExpectFieldError(host.Anonymous().GetAsync("/api/klines/BTCUSDT?interval=1m&from=20&to=10"), "from");
            await ExpectFieldError(host.Anonymous().GetAsync("/api/klines/BTCUSDT?interval=1m&limit=0"), "limit");
            await ExpectFieldError(host.Anonymous().GetAsync("/api/klines/btc'usdt?interval=1m"), "symbol");
            await ExpectFieldError(host.Anonymous().GetAsync("/api/klines/NOSUCHUSDT?interval=1m"), "symbol");
            await ExpectFieldError(taker.SendAsync(HttpMethod.Get, "/api/trades/history?symbol=BTCUSDT&limit=1001"), "limit");
            await ExpectFieldError(taker.SendAsync(HttpMethod.Get, "/api/trades/history"), "symbol");
            using var unsigned = await host.Anonymous().GetAsync("/api/trades/history?symbol=BTCUSDT");
            Assert.Equal(401, (int)unsigned.StatusCode);
        }
        finally
        {
            using var clickHouse = new ClickHouseClient(Microsoft.Extensions.Options.Options.Create(TestServers.ClickHouse));
            await clickHouse.ExecuteAsync($"DROP DATABASE IF EXISTS {database}", CancellationToken.None);
        }
    }

    [Fact]
    public async Task In_embedded_mode_the_history_is_disabled_and_answers_503()
    {
        await using var host = ExchangeHost.Start(TestBackend.InMemory, new Dictionary<string, string?> { ["History:Enabled"] = null });
        using var klines = await host.Anonymous().GetAsync("/api/klines/BTCUSDT?interval=1m");
        Assert.Equal(503, (int)klines.StatusCode);
        Assert.Equal("application/problem+json", klines.Content.Headers.ContentType?.MediaType);
        using var trades = await host.As(1001).SendAsync(HttpMethod.Get, "/api/trades/history?symbol=BTCUSDT");
        Assert.Equal(503, (int)trades.StatusCode);
    }

    private static async Task ExpectFieldError(Task<HttpResponseMessage> call, string field)
    {
        using var response = await call;
        var body = await SignedClient.ReadAsync(response, 400);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
    }
}
