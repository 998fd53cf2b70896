using System.Net;
using System.Text.Json;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.EndToEnd;

/// <summary>Every bad input is refused with a 4xx problem+json naming the field, and nothing reaches the account.</summary>
[Trait("Category", "Integration")]
public sealed class BadInputTests(KafkaExchangeFixture fixture) : IClassFixture<KafkaExchangeFixture>
{
    public static TheoryData<string, string, int> BadOrders => new()
    {
        { """{"symbol":"NOPEUSDT","side":"BUY","type":"LIMIT","price":"100","quantity":"1"}""", "symbol", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"50000.05","quantity":"0.01"}""", "price", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"50000","quantity":"0.0015"}""", "quantity", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"1000","quantity":"0.001"}""", "quantity", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"50000","quantity":"5000"}""", "quantity", 400 },
        { """{"symbol":"BTCUSDT","side":"HOLD","type":"LIMIT","price":"50000","quantity":"0.01"}""", "side", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"ICEBERG","price":"50000","quantity":"0.01"}""", "type", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","timeInForce":"DAY","price":"50000","quantity":"0.01"}""", "timeInForce", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","quantity":"0.01"}""", "price", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"MARKET","price":"50000","quantity":"0.01"}""", "price", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"STOP_MARKET","quantity":"0.01"}""", "stopPrice", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"50000","quantity":"-1"}""", "quantity", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"abc","quantity":"0.01"}""", "price", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"50000","quantity":"0.01","leverage":5}""", "leverage", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"50000","quantity":"0.01","clientOrderId":"has space"}""", "clientOrderId", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"50000","quantity":"0.01","reduceOnly":"maybe"}""", "reduceOnly", 400 },
        { """{"symbol":"BTCUSDT","side":"BUY",""", "body", 400 },
        { """[1,2,3]""", "body", 400 },
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public async Task A_bad_order_is_refused_naming_the_field_and_changes_nothing(string body, string field, int status)
    {
        var user = fixture.Host.As(1007);
        var before = await Snapshot(user);
        using var response = await user.SendAsync(HttpMethod.Post, "/api/orders?wait=true", body);
        await AssertProblem(response, status, field);
        Assert.Equal(before, await Snapshot(user));
    }

    [Fact]
    public async Task Oversized_bodies_bad_signatures_and_stale_timestamps_are_refused_and_change_nothing()
    {
        var user = fixture.Host.As(1007);
        var before = await Snapshot(user);
        var order = """{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"50000","quantity":"0.01"}""";

        using (var huge = await user.SendAsync(HttpMethod.Post, "/api/orders", order[..^1] + ",\"pad\":\"" + new string('x', 64 * 1024) + "\"}"))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        using (var forged = await user.SendAsync(HttpMethod.Post, "/api/orders", order, signatureOverride: new string('0', 64)))
            await AssertProblem(forged, 401, "X-SIGNATURE");
        using (var stale = await user.SendAsync(HttpMethod.Post, "/api/orders", order, timestamp: DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds()))
            await AssertProblem(stale, 401, "X-TIMESTAMP");
        using (var anonymous = await fixture.Host.Anonymous().PostAsync("/api/orders", new StringContent(order, System.Text.Encoding.UTF8, "application/json")))
            await AssertProblem(anonymous, 401, "X-API-KEY");
        using (var notAdmin = await user.SendAsync(HttpMethod.Post, "/api/mark-price", new { symbol = "BTCUSDT", price = "1" }))
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);

        Assert.Equal(before, await Snapshot(user));
        // The same order, correctly signed, goes through: the refusals above were about the input alone.
        using var good = await user.SendAsync(HttpMethod.Post, "/api/orders", order);
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
    }

    private static async Task AssertProblem(HttpResponseMessage response, int status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.MediaType ?? "");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"no error for {field}: {text}");
    }

    /// <summary>Everything the account shows: balances and every order.</summary>
    private static async Task<string> Snapshot(SignedClient user)
    {
        var account = await user.GetJsonAsync("/api/account");
        var orders = await user.GetJsonAsync("/api/orders");
        return account.GetProperty("balances").GetRawText() + orders.GetRawText();
    }
}
