using Trading.Tests.EndToEnd;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.ReadSide.Push;

/// <summary>A fresh perpetual per test (tick 0.1, step 0.001, no fees), so the test's trades are the only ones of its symbol.</summary>
internal static class PushSymbols
{
    public static async Task<string> CreateAsync(SignedClient admin)
    {
        var symbol = "WS" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant() + "USDT";
        await admin.SendJsonAsync(HttpMethod.Post, "/api/symbols", new
        {
            symbol, baseAsset = symbol[..8], quoteAsset = "USDT", kind = "PERPETUAL", tickSize = 0.1, stepSize = 0.001, minQty = 0.001, maxQty = 1000,
            minNotional = 5, priceBand = 0.2, makerFee = 0, takerFee = 0, maxLeverage = 50,
            brackets = new[] { new { notionalFloor = 0, notionalCap = 10_000_000, maxLeverage = 50, maintenanceMarginRate = 0.01, maintenanceAmount = 0 } },
        }, 201);
        await Api.Eventually(async () =>
        {
            using var response = await admin.SendAsync(HttpMethod.Get, $"/api/ticker/{symbol}");
            Assert.Equal(200, (int)response.StatusCode);
        });
        return symbol;
    }
}
