using System.Globalization;
using System.Text.Json;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.EndToEnd;

/// <summary>Short helpers for the exchange's HTTP API in tests.</summary>
internal static class Api
{
    public static decimal Dec(this JsonElement e, string name) =>
        decimal.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    public static Task<JsonElement> Deposit(SignedClient admin, long userId, decimal amount, string asset = "USDT") =>
        admin.SendJsonAsync(HttpMethod.Post, "/api/account/deposit", new { asset, amount = amount.ToString(CultureInfo.InvariantCulture), userId }, 200);

    public static Task<JsonElement> Mark(SignedClient admin, string symbol, decimal price) =>
        admin.SendJsonAsync(HttpMethod.Post, "/api/mark-price", new { symbol, price = price.ToString(CultureInfo.InvariantCulture) }, 200);

    public static Task<JsonElement> Limit(SignedClient user, string symbol, string side, decimal price, decimal quantity, string tif = "GTC",
        bool reduceOnly = false) =>
        user.SendJsonAsync(HttpMethod.Post, "/api/orders?wait=true", new
        {
            symbol, side, type = "LIMIT", timeInForce = tif, price = price.ToString(CultureInfo.InvariantCulture),
            quantity = quantity.ToString(CultureInfo.InvariantCulture), reduceOnly,
        }, 200);

    public static async Task<JsonElement> Balance(SignedClient user, string asset = "USDT")
    {
        var account = await user.GetJsonAsync("/api/account");
        foreach (var b in account.GetProperty("balances").EnumerateArray())
            if (b.GetProperty("asset").GetString() == asset) return b;
        throw new Xunit.Sdk.XunitException($"no {asset} balance in {account}");
    }

    public static async Task<JsonElement?> Position(SignedClient user, string symbol)
    {
        foreach (var p in (await user.GetJsonAsync("/api/positions")).EnumerateArray())
            if (p.GetProperty("symbol").GetString() == symbol) return p;
        return null;
    }

    /// <summary>Polls until <paramref name="check"/> passes: the account settles fills one Kafka hop after the book matched them.</summary>
    public static async Task Eventually(Func<Task> check, int timeoutMs = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            try
            {
                await check();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
