using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Trading.Silo;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.EndToEnd;

/// <summary>
/// The whole system in the test process (silo + gateway, the README's run command) with its own cluster id
/// and topics: against the real Kafka and Redis (<see cref="TestBackend.KafkaRedis"/>) or in memory.
/// Users: admin 1 and traders 1001-1008, each with a bootstrap API key.
/// </summary>
public sealed class ExchangeHost : IAsyncDisposable
{
    /// <summary>The development master key of config/appsettings.json.</summary>
    public static string MasterKey => TestServers.Section("Auth").First(kv => kv.Key == "Auth:MasterKey").Value!;

    private readonly WebApplicationFactory<SiloProgram> _factory;

    private ExchangeHost(WebApplicationFactory<SiloProgram> factory, string clusterId, IReadOnlyDictionary<string, string?> settings)
    {
        _factory = factory;
        ClusterId = clusterId;
        Settings = settings;
    }

    public string ClusterId { get; }

    /// <summary>The settings the host runs with: more silos of the same cluster start with these.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>Starts a host; <paramref name="services"/> may replace services after the host's own (a test clock, ...).</summary>
    public static ExchangeHost Start(TestBackend backend, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        // A host given another host's settings joins that cluster (same topics, keys and checkpoints).
        var clusterId = extra is not null && extra.TryGetValue("Cluster:ClusterId", out var joined) && joined is not null
            ? joined : TestServers.UniqueName("ex");
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = clusterId,
            ["Cluster:Mode"] = backend == TestBackend.KafkaRedis ? "Kafka" : "Embedded",
            ["Gateway:Enabled"] = "true",
            ["Auth:RateLimit:PermitsPerSecond"] = "10000",
            ["Auth:RateLimit:Burst"] = "10000",
            // Off unless a test asks for it (with its own ClickHouse database): the shared database stays clean.
            ["History:Enabled"] = "false",
        };
        foreach (var (name, _) in new Trading.Runtime.Configuration.TopicOptions().All())
            settings[$"Topics:{name}"] = $"{clusterId}.{name}";
        var users = new (string Key, long User, string Role)[]
        {
            ("test-admin", 1, "Admin"), ("test-1001", 1001, "User"), ("test-1002", 1002, "User"), ("test-1003", 1003, "User"),
            ("test-1004", 1004, "User"), ("test-1005", 1005, "User"), ("test-1006", 1006, "User"),
            ("test-1007", 1007, "User"), ("test-1008", 1008, "User"),
        };
        for (var i = 0; i < users.Length; i++)
        {
            settings[$"Auth:BootstrapKeys:{i}:ApiKey"] = $"{users[i].Key}-{clusterId}";
            settings[$"Auth:BootstrapKeys:{i}:UserId"] = users[i].User.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Auth:BootstrapKeys:{i}:Role"] = users[i].Role;
            settings[$"Auth:BootstrapKeys:{i}:Label"] = users[i].Key;
        }
        if (extra is not null) foreach (var (k, v) in extra) settings[k] = v;
        var factory = new WebApplicationFactory<SiloProgram>().WithWebHostBuilder(b =>
        {
            foreach (var (k, v) in settings) b.UseSetting(k, v);
            if (services is not null) b.ConfigureTestServices(services);
        });
        return new ExchangeHost(factory, clusterId, settings);
    }

    /// <summary>A signed client for user 1 (admin) or 1001-1008.</summary>
    public SignedClient As(long userId)
    {
        var (key, secret) = KeyOf(userId);
        return new SignedClient(_factory.CreateClient(), key, secret);
    }

    public HttpClient Anonymous() => _factory.CreateClient();

    /// <summary>A WebSocket client of the in-process gateway (the test server); set ConfigureRequest to sign the upgrade.</summary>
    public Microsoft.AspNetCore.TestHost.WebSocketClient WebSocketClient()
    {
        _factory.CreateClient().Dispose(); // starts the host
        return _factory.Server.CreateWebSocketClient();
    }

    /// <summary>The API key and derived secret of user 1 (admin) or 1001-1008.</summary>
    public (string ApiKey, string Secret) KeyOf(long userId)
    {
        var key = userId == 1 ? $"test-admin-{ClusterId}" : $"test-{userId}-{ClusterId}";
        return (key, SignedClient.DeriveSecret(MasterKey, key));
    }

    public T Service<T>() where T : notnull => (T)_factory.Services.GetService(typeof(T))!;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
