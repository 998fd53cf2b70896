using System.Net;
using System.Text.Json;
using Trading.Client.Api.Auth;
using Trading.Tests.EndToEnd;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Gateway;

/// <summary>
/// The gateway's request signing, rate limit and roles, in the embedded mode: what a client gets for every way
/// of getting a signed request wrong, and that a right one goes through.
/// </summary>
public sealed class SignedRequestTests : IAsyncLifetime
{
    private ExchangeHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ExchangeHost.Start(TestBackend.InMemory, new Dictionary<string, string?>
        {
            ["Auth:RateLimit:PermitsPerSecond"] = "1",
            ["Auth:RateLimit:Burst"] = "5",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_signed_request_is_answered_as_its_user()
    {
        var account = await _host.As(1003).GetJsonAsync("/api/account");
        Assert.Equal(1003, account.GetProperty("userId").GetInt64());
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var client = _host.As(1004);
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var signedFor = """{"asset":"USDT","amount":"1"}""";
        var signature = SignedClient.Sign(client.Secret, ts, "POST", "/api/account/deposit", signedFor);
        using var response = await client.SendAsync(HttpMethod.Post, "/api/account/deposit", """{"asset":"USDT","amount":"100000"}""",
            timestamp: ts, signatureOverride: signature);
        await AssertProblem(response, 401, SignedRequestHandler.SignatureHeader);
    }

    [Fact]
    public async Task A_query_changed_after_signing_is_refused()
    {
        var client = _host.As(1004);
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var signature = SignedClient.Sign(client.Secret, ts, "GET", "/api/account", "");
        using var response = await client.SendAsync(HttpMethod.Get, "/api/account?userId=1005", timestamp: ts, signatureOverride: signature);
        await AssertProblem(response, 401, SignedRequestHandler.SignatureHeader);
    }

    [Theory]
    [InlineData(-60_000)]
    [InlineData(60_000)]
    public async Task A_timestamp_outside_the_window_either_way_is_refused(int offsetMs)
    {
        using var response = await _host.As(1004).SendAsync(HttpMethod.Get, "/api/account",
            timestamp: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + offsetMs);
        await AssertProblem(response, 401, SignedRequestHandler.TimestampHeader);
    }

    [Fact]
    public async Task An_unknown_key_and_a_key_signed_with_another_keys_secret_are_refused()
    {
        var stranger = new SignedClient(_host.Anonymous(), "not-a-known-key", "00");
        using (var unknown = await stranger.SendAsync(HttpMethod.Get, "/api/account"))
            await AssertProblem(unknown, 401, SignedRequestHandler.ApiKeyHeader);
        var other = _host.As(1005);
        var impostor = new SignedClient(_host.Anonymous(), $"test-1004-{_host.ClusterId}", other.Secret);
        using var forged = await impostor.SendAsync(HttpMethod.Get, "/api/account");
        await AssertProblem(forged, 401, SignedRequestHandler.SignatureHeader);
    }

    [Fact]
    public async Task Admin_endpoints_answer_403_to_users_and_work_for_admins()
    {
        using (var user = await _host.As(1006).SendAsync(HttpMethod.Post, "/api/mark-price", new { symbol = "BTCUSDT", price = "100" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
            Assert.Equal("application/problem+json", user.Content.Headers.ContentType?.MediaType);
        }
        using var admin = await _host.As(1).SendAsync(HttpMethod.Get, "/api/account?userId=1006");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task Each_key_has_its_own_rate_limit()
    {
        var hasty = _host.As(1007);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var r = await hasty.SendAsync(HttpMethod.Get, "/api/account");
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
                Assert.True(r.Headers.RetryAfter is not null, "no Retry-After");
            }
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Take(5).All(s => s == HttpStatusCode.OK), string.Join(",", statuses)); // the burst
        // Another key is not affected by 1007's exhausted bucket.
        using var other = await _host.As(1008).SendAsync(HttpMethod.Get, "/api/account");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private static async Task AssertProblem(HttpResponseMessage response, int status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }
}
