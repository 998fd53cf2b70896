using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trading.Runtime.Client;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Runtime.State;
using Trading.Runtime.Streams;

namespace Trading.Tests.Infrastructure;

public enum TestBackend { InMemory, KafkaRedis }

/// <summary>
/// Like Orleans' TestingHost: N silos in this process sharing one log and state store (in memory) or
/// the real Kafka and Redis, plus a cluster client. Each cluster gets a unique cluster id, so its
/// consumer groups and reply topics are its own.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<IHost?> _silos = new();
    private readonly Action<IServiceCollection> _grains;
    private readonly Dictionary<string, string?> _settings;
    private readonly IHost _clientHost;

    private TestCluster(TestBackend backend, Action<IServiceCollection> grains, Dictionary<string, string?> settings, IGrainStateStore? store)
    {
        Backend = backend;
        _grains = grains;
        _settings = settings;
        ClusterId = settings["Cluster:ClusterId"]!;
        if (backend == TestBackend.InMemory)
        {
            Log = new Trading.Runtime.Streams.InMemory.InMemoryMessageLog(int.Parse(settings["Topics:Partitions"]!));
            Store = store ?? new InMemoryGrainStateStore();
        }
        _clientHost = BuildHost(client: true);
        Log ??= _clientHost.Services.GetRequiredService<IMessageLog>();
        Store ??= _clientHost.Services.GetRequiredService<IGrainStateStore>();
        Client = _clientHost.Services.GetRequiredService<ClusterClient>();
    }

    public TestBackend Backend { get; }
    public string ClusterId { get; }
    public IMessageLog Log { get; }
    public IGrainStateStore Store { get; }
    public ClusterClient Client { get; }
    public IReadOnlyList<IHost?> Silos => _silos;

    /// <param name="store">In memory only: the state store the silos share (an in-memory one by default).</param>
    public static async Task<TestCluster> StartAsync(TestBackend backend, int silos, Action<IServiceCollection> grains,
        IDictionary<string, string?>? settings = null, IGrainStateStore? store = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = TestServers.UniqueName("tc"),
            ["Cluster:Mode"] = backend == TestBackend.InMemory ? "Embedded" : "Kafka",
            ["Topics:Partitions"] = "12",
            ["Kafka:SessionTimeoutMs"] = "6000",
            ["Runtime:CommitIntervalMs"] = "50",
            ["Runtime:CheckpointIntervalMs"] = "200",
        };
        foreach (var section in new[] { "Kafka", "Redis" })
        foreach (var kv in TestServers.Section(section))
            all.TryAdd(kv.Key, kv.Value);
        if (settings is not null) foreach (var (k, v) in settings) all[k] = v;

        var cluster = new TestCluster(backend, grains, all, store);
        await cluster._clientHost.StartAsync();
        for (var i = 0; i < silos; i++) await cluster.StartSiloAsync();
        await cluster.Client.Ready.WaitAsync(TimeSpan.FromSeconds(60));
        return cluster;
    }

    public async Task<int> StartSiloAsync()
    {
        var host = BuildHost(client: false, siloIndex: _silos.Count);
        await host.StartAsync();
        _silos.Add(host);
        return _silos.Count - 1;
    }

    /// <summary>Graceful stop: drains, checkpoints, commits and leaves the groups.</summary>
    public async Task StopSiloAsync(int index)
    {
        var host = _silos[index] ?? throw new InvalidOperationException($"Silo {index} is not running.");
        _silos[index] = null;
        await host.StopAsync(TimeSpan.FromSeconds(90));
        host.Dispose();
    }

    /// <summary>Waits until every running silo owns at least one partition of every grain type (rebalance settled).</summary>
    public async Task WaitForPlacementAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var running = _silos.Where(h => h is not null).Select(h => h!.Services.GetRequiredService<SiloRuntime>()).ToArray();
            var owned = running.Select(r => r.Partitions.Sum(p => p.Partitions.Count)).ToArray();
            if (owned.All(n => n > 0) && running.All(r => r.Partitions.All(p => p.Partitions.Count > 0))) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Partitions not spread over every silo: [{string.Join(",", owned)}]");
            await Task.Delay(50);
        }
    }

    /// <summary>Crashes a silo: no revocation, no checkpoint, no commit (in process, like kill -9).</summary>
    public void CrashSilo(int index)
    {
        var host = _silos[index] ?? throw new InvalidOperationException($"Silo {index} is not running.");
        _silos[index] = null;
        host.Services.GetRequiredService<SiloRuntime>().Crash();
        host.Dispose();
    }

    /// <summary>Records on a topic (sum of high watermarks; nothing is deleted during a test).</summary>
    public long RecordCount(string topic)
    {
        using var reader = Log.CreateReader();
        long total = 0;
        for (var p = 0; p < Log.PartitionCount(topic); p++) total += reader.Watermarks(new TopicPartition(topic, p)).High;
        return total;
    }

    public SiloRuntime Runtime(int index) => _silos[index]!.Services.GetRequiredService<SiloRuntime>();

    private IHost BuildHost(bool client, int siloIndex = -1)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(_settings);
        if (!client) builder.Configuration["Cluster:SiloId"] = $"{ClusterId}-silo{siloIndex}";
        var minimum = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("TEST_LOG_LEVEL"), out var l) ? l : LogLevel.Warning;
        builder.Logging.AddFilter(level => level >= minimum).AddConsole();
        builder.Services.AddPlatformOptions(builder.Configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(90));
        if (Backend == TestBackend.InMemory)
        {
            builder.Services.AddSingleton(Log);
            builder.Services.AddSingleton(Store);
        }
        builder.Services.AddClusterProviders(Backend == TestBackend.InMemory ? ClusterMode.Embedded : ClusterMode.Kafka);
        _grains(builder.Services);
        if (client) builder.Services.AddClusterClient($"client-{Guid.NewGuid():N}");
        else
        {
            builder.Services.AddSiloRuntime();
            if (Backend == TestBackend.KafkaRedis) builder.Services.AddSiloStatisticsPublisher();
        }
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _silos.Count; i++)
            if (_silos[i] is not null) await StopSiloAsync(i);
        await _clientHost.StopAsync();
        _clientHost.Dispose();
    }
}
