using System.Globalization;
using System.Text.Json;
using Trading.Client.Api.Push.Feed;
using Trading.Tests.EndToEnd;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.ReadSide.Push;

/// <summary>The /ws push channels of a gateway running on the real Kafka and Redis.</summary>
[Trait("Category", "Integration")]
public sealed class WebSocketPushTests(KafkaExchangeFixture fixture) : IClassFixture<KafkaExchangeFixture>
{
    private ExchangeHost Host => fixture.Host;

    [Fact]
    public async Task Depth_and_trades_subscriber_sees_exactly_the_REST_book_after_a_burst_of_orders_with_gapless_sequences()
    {
        await Host.Service<PushFeed>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        var admin = Host.As(1);
        var symbol = await PushSymbols.CreateAsync(admin);
        var maker = Host.As(1001);
        var taker = Host.As(1002);
        await Api.Deposit(admin, 1001, 1_000_000m);
        await Api.Deposit(admin, 1002, 1_000_000m);
        await Api.Mark(admin, symbol, 1_000m);

        await using var ws = await PushClient.ConnectAsync(Host);
        var book = new ClientDepthBook();
        var tradeIds = new List<long>();
        void Seen(JsonElement frame)
        {
            if (frame.Is("depth")) book.Apply(frame);
            else if (frame.Is("trades"))
                foreach (var t in frame.GetProperty("trades").EnumerateArray()) tradeIds.Add(t.GetProperty("id").GetInt64());
        }
        await ws.SendAsync(new { op = "subscribe", channel = "depth", symbol });
        await ws.SendAsync(new { op = "subscribe", channel = "trades", symbol });
        await ws.ReceiveUntilAsync(f => f.Is("depth", "snapshot"), Seen);

        // The burst: 30 resting orders on both sides at 15 prices, then 10 takers that sweep some of them, all at once.
        var resting = new List<Task<JsonElement>>();
        for (var i = 0; i < 15; i++)
        {
            resting.Add(Api.Limit(maker, symbol, "SELL", 1_001m + i, 0.5m + i * 0.01m));
            resting.Add(Api.Limit(maker, symbol, "BUY", 999m - i, 0.5m + i * 0.01m));
        }
        await Task.WhenAll(resting);
        var takers = new List<Task<JsonElement>>();
        for (var i = 0; i < 10; i++)
            takers.Add(Api.Limit(taker, symbol, i % 2 == 0 ? "BUY" : "SELL", i % 2 == 0 ? 1_003m : 997m, 0.3m, tif: "IOC"));
        var results = await Task.WhenAll(takers);
        var expectedTrades = results.SelectMany(r => r.GetProperty("fills").EnumerateArray()).Select(f => f.GetProperty("tradeId").GetInt64())
            .OrderBy(id => id).ToList();
        Assert.NotEmpty(expectedTrades);

        // Every order of the burst has been answered, so the book is final; the REST depth (from the latest-data cache)
        // reaches it once the cache writer has caught up: read it until two reads a moment apart agree.
        var rest = await Host.As(1001).GetJsonAsync($"/api/orderbook/{symbol}?limit=20");
        for (var settled = false; !settled;)
        {
            await Task.Delay(300);
            var later = await Host.As(1001).GetJsonAsync($"/api/orderbook/{symbol}?limit=20");
            settled = later.GetProperty("lastUpdateId").GetInt64() == rest.GetProperty("lastUpdateId").GetInt64();
            rest = later;
        }
        var expected = ClientDepthBook.Render(rest);
        await ws.ReceiveUntilAsync(_ => book.Render() == expected && tradeIds.Count >= expectedTrades.Count, Seen);

        Assert.Equal(expected, book.Render());
        Assert.Equal(1, book.Snapshots);
        Assert.True(book.Updates >= 30, $"updates {book.Updates}");
        Assert.Empty(book.Gaps);
        Assert.True(book.Sequence <= rest.GetProperty("lastUpdateId").GetInt64());
        Assert.Equal(expectedTrades, tradeIds.OrderBy(id => id).ToList());
        for (var i = 1; i < tradeIds.Count; i++) Assert.Equal(tradeIds[i - 1] + 1, tradeIds[i]);

        // A client that reconnects resynchronises from a snapshot equal to the same book.
        await using var again = await PushClient.ConnectAsync(Host);
        await again.SendAsync(new { op = "subscribe", channel = "depth", symbol });
        var fresh = new ClientDepthBook();
        fresh.Apply(await again.ReceiveUntilAsync(f => f.Is("depth", "snapshot")));
        Assert.Equal(expected, fresh.Render());
        Assert.Equal(book.Sequence, fresh.Sequence);
    }

    [Fact]
    public async Task A_private_channel_shows_only_its_own_users_updates()
    {
        await Host.Service<PushFeed>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        var admin = Host.As(1);
        await Api.Deposit(admin, 1003, 10_000m);
        await Api.Deposit(admin, 1004, 10_000m);
        await using var mine = await PushClient.ConnectAsync(Host, 1003);
        await using var theirs = await PushClient.ConnectAsync(Host, 1004);
        foreach (var ws in new[] { mine, theirs })
        {
            await ws.SendAsync(new { op = "subscribe", channel = "orders" });
            await ws.SendAsync(new { op = "subscribe", channel = "account" });
            await ws.ReceiveUntilAsync(f => f.Str("op") == "subscribed" && f.Str("channel") == "account");
        }

        var myOrder = (await Api.Limit(Host.As(1003), "ETHUSDT", "BUY", 100m, 1m)).GetProperty("orderId").GetInt64();
        var theirOrder = (await Api.Limit(Host.As(1004), "ETHUSDT", "BUY", 101m, 1m)).GetProperty("orderId").GetInt64();

        await AssertSeesOnlyAsync(mine, myOrder, theirOrder);
        await AssertSeesOnlyAsync(theirs, theirOrder, myOrder);

        // Private channels need a signed upgrade; a bad signature is refused before the upgrade.
        await using var anonymous = await PushClient.ConnectAsync(Host);
        await anonymous.SendAsync(new { op = "subscribe", channel = "orders" });
        var refused = await anonymous.ReceiveAsync();
        Assert.Equal("error", refused.Str("op"));
        Assert.Equal("channel", refused.Str("field"));
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => PushClient.ConnectAsync(Host, 1003, signatureOverride: new string('0', 64)));
        Assert.Contains("401", failure.Message);

        await Host.As(1003).SendJsonAsync(HttpMethod.Delete, $"/api/orders/{myOrder}", null, 200);
        await Host.As(1004).SendJsonAsync(HttpMethod.Delete, $"/api/orders/{theirOrder}", null, 200);
    }

    private static async Task AssertSeesOnlyAsync(PushClient ws, long own, long other)
    {
        var sawOwn = false;
        var sawBalance = false;
        await ws.ReceiveUntilAsync(_ => sawOwn && sawBalance, frame =>
        {
            if (frame.Is("orders"))
                foreach (var order in frame.GetProperty("orders").EnumerateArray())
                {
                    var id = order.GetProperty("orderId").GetInt64();
                    Assert.NotEqual(other, id);
                    if (id == own) sawOwn = true;
                }
            if (frame.Is("account")) sawBalance = frame.GetProperty("balances").GetArrayLength() > 0;
        });
    }
}
