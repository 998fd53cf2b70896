using Trading.Tests.Infrastructure;

namespace Trading.Tests.EndToEnd;

/// <summary>One exchange on the real Kafka and Redis, shared by the tests of a class (each test uses its own users or symbols).</summary>
public sealed class KafkaExchangeFixture : IAsyncLifetime
{
    public ExchangeHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = ExchangeHost.Start(TestBackend.KafkaRedis);
        // The symbols are created by the silo at start; wait until the gateway sees them.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        using var client = Host.Anonymous();
        while (true)
        {
            var response = await client.GetAsync("/api/symbols");
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && body.Contains("BTCUSDT") && body.Contains("ETHUSDT")) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"symbols not bootstrapped: {(int)response.StatusCode} {body}");
            await Task.Delay(250);
        }
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
