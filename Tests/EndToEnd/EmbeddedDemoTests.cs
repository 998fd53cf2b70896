using System.Text.Json;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.EndToEnd;

/// <summary>The README's run command with the demo on: trades flow at once, with no servers.</summary>
public sealed class EmbeddedDemoTests
{
    [Fact]
    public async Task The_demo_market_maker_and_traders_make_trades_in_the_embedded_mode()
    {
        await using var host = ExchangeHost.Start(TestBackend.InMemory, new Dictionary<string, string?> { ["Exchange:Demo"] = "true" });
        using var client = host.Anonymous();
        await Api.Eventually(async () =>
        {
            var ticker = JsonDocument.Parse(await client.GetStringAsync("/api/ticker/BTCUSDT")).RootElement;
            Assert.True(ticker.GetProperty("count").GetInt64() > 0, ticker.ToString());
            var book = JsonDocument.Parse(await client.GetStringAsync("/api/orderbook/BTCUSDT")).RootElement;
            Assert.NotEmpty(book.GetProperty("bids").EnumerateArray());
            Assert.NotEmpty(book.GetProperty("asks").EnumerateArray());
        }, 30_000);
        // The demo's maker sees its own fills through the signed API like any user.
        var maker = await host.As(1).GetJsonAsync("/api/trades?userId=9001&symbol=BTCUSDT");
        Assert.NotEmpty(maker.EnumerateArray());
    }
}
