using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;
using Trading.Runtime.Operations;
using Trading.Runtime.State;
using Trading.Runtime.Streams;

namespace Trading.Runtime.Hosting;

/// <summary>
/// The silo: one <see cref="GrainTypeHost"/> per registered grain type sharing one output batcher.
/// Stopping (SIGTERM) stops consuming, drains and checkpoints every owned partition, flushes the
/// outputs, commits, and leaves the consumer groups.
/// </summary>
public sealed class SiloRuntime : IHostedService, IAsyncDisposable
{
    private readonly IMessageLog _log;
    private readonly IGrainStateStore _store;
    private readonly GrainTypeRegistry _types;
    private readonly IServiceProvider _services;
    private readonly RuntimeOptions _options;
    private readonly ClusterOptions _cluster;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly List<GrainTypeHost> _hosts = new();
    private Task? _stopping;
    private IMessageProducer? _producer;
    private OutputBatcher? _outputs;
    private volatile bool _consumptionPaused;

    public SiloRuntime(IMessageLog log, IGrainStateStore store, GrainTypeRegistry types, IServiceProvider services,
        IOptions<RuntimeOptions> options, IOptions<ClusterOptions> cluster, SiloStatistics statistics, ILoggerFactory loggers)
    {
        _log = log;
        _store = store;
        _types = types;
        _services = services;
        _options = options.Value;
        _cluster = cluster.Value;
        Statistics = statistics;
        _loggers = loggers;
        _logger = loggers.CreateLogger<SiloRuntime>();
        SiloId = _cluster.ResolveSiloId();
    }

    public string SiloId { get; }
    public SiloStatistics Statistics { get; }
    public bool Running { get; private set; }

    /// <summary>Records waiting in the output batch or unacknowledged.</summary>
    public long PendingOutputs => _outputs?.Pending ?? 0;
    /// <summary>Records handed to the log and not yet acknowledged (pending acks).</summary>
    public long InFlightOutputs => _outputs?.InFlight ?? 0;
    public long TotalPushed => _outputs?.TotalPushed ?? 0;
    /// <summary>Push latency of outputs (batched until acknowledged); empty before the silo starts.</summary>
    public LatencySample PushLatency => _outputs?.Latency.Read() ?? LatencySample.Empty;
    public long DeliveryFailures => _outputs?.DeliveryFailures ?? 0;
    public double AverageBatchSize => _outputs?.AverageBatchSize ?? 0;

    /// <summary>Grain types whose consumer loop failed, with the reason.</summary>
    public IReadOnlyList<(string GrainType, Exception Fault)> Faults =>
        _hosts.Where(h => h.Fault is not null).Select(h => (h.GrainType, h.Fault!)).ToArray();

    public IReadOnlyList<(string GrainType, IReadOnlyList<PartitionStatus> Partitions)> Partitions =>
        _hosts.Select(h => (h.GrainType, h.Partitions)).ToArray();

    /// <summary>Each hosted grain type's input topic and consumer group.</summary>
    public IReadOnlyList<(string GrainType, string InputTopic, string GroupId)> Consumers =>
        _hosts.Select(h => (h.GrainType, h.InputTopic, h.GroupId)).ToArray();

    /// <summary>An operator paused consumption (<see cref="PauseConsumption"/>); grain types started later start paused.</summary>
    public bool ConsumptionPaused => _consumptionPaused;

    /// <summary>Paused, and every grain type has stopped fetching on every partition it owns.</summary>
    public bool PauseApplied => _consumptionPaused && _hosts.ToArray().All(h => h.PauseApplied);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _producer = _log.CreateProducer();
        _outputs = new OutputBatcher(_producer, _options, _loggers.CreateLogger<OutputBatcher>());
        StartGrainHosts();
        Running = true;
        _stopping = null;
        _logger.LogInformation("Silo {SiloId} started with grain types [{Types}]", SiloId, string.Join(",", _types.Hostable.Select(t => t.Name)));
        return Task.CompletedTask;
    }

    private void StartGrainHosts()
    {
        foreach (var type in _types.Hostable)
        {
            var host = new GrainTypeHost(type, _cluster.ClusterId, _log, _store, _outputs!, _producer!, _services, _options,
                Statistics, _loggers.CreateLogger($"Trading.Runtime.Grains.{type.Name}"));
            _hosts.Add(host);
            if (_consumptionPaused) host.PauseConsumption();
            host.Start();
        }
    }

    /// <summary>
    /// Recovery: every grain type stops fetching and drops its grains without a checkpoint or a commit, so the state
    /// about to be replaced is never saved over the snapshot's. Group memberships stay (no rebalance). Outputs already
    /// batched are still delivered.
    /// </summary>
    public async Task SuspendForRecoveryAsync()
    {
        await Task.WhenAll(_hosts.ToArray().Select(h => h.SuspendForRecoveryAsync())).ConfigureAwait(false);
        _logger.LogWarning("Silo {SiloId}: grain hosts suspended for a recovery", SiloId);
    }

    /// <summary>After <see cref="SuspendForRecoveryAsync"/>: fresh workers at the recovered offsets, fetching again.</summary>
    public async Task ResumeAfterRecoveryAsync()
    {
        await Task.WhenAll(_hosts.ToArray().Select(h => h.ResumeAfterRecoveryAsync())).ConfigureAwait(false);
        _logger.LogWarning("Silo {SiloId}: grain hosts resumed after a recovery", SiloId);
    }

    /// <summary>Crash simulation for tests: every grain type drops out of its group with no checkpoint or commit.</summary>
    internal void Crash()
    {
        Running = false;
        foreach (var h in _hosts) h.Crash();
        _hosts.Clear();
    }

    /// <summary>
    /// Stops fetching input on every grain type within a few milliseconds (inputs already fetched are still handled); the
    /// silo keeps its partitions, and partitions assigned while paused are paused at assignment.
    /// </summary>
    public void PauseConsumption()
    {
        _consumptionPaused = true;
        foreach (var h in _hosts.ToArray()) h.PauseConsumption();
    }

    /// <summary>Fetching continues from where each partition stopped.</summary>
    public void ResumeConsumption()
    {
        _consumptionPaused = false;
        foreach (var h in _hosts.ToArray()) h.ResumeConsumption();
    }

    /// <summary>Commits what every partition allows at its next poll.</summary>
    public void CommitNow() { foreach (var h in _hosts.ToArray()) h.CommitNow(); }

    /// <summary>Hands an offset reset to the grain type consuming its topic (if hosted here); see <see cref="OffsetReset"/>.</summary>
    public void SubmitReset(OffsetReset reset, IOffsetResetLedger ledger)
    {
        foreach (var h in _hosts.ToArray()) h.SubmitReset(reset, ledger);
    }

    /// <summary>Sends the current output batch now and waits for its acknowledgements.</summary>
    public Task FlushOutputsAsync(CancellationToken cancellationToken = default) =>
        _outputs?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// Drains, checkpoints and leaves the groups. Every call (the host's stop, then the container's dispose) awaits the
    /// same stop, so the providers the grains checkpoint to are never disposed while a stop is still running.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_hosts)
        {
            if (_stopping is not null) return _stopping;
            if (!Running) return Task.CompletedTask;
            Running = false;
            return _stopping = StopOnceAsync();
        }
    }

    private async Task StopOnceAsync()
    {
        _logger.LogInformation("Silo {SiloId} stopping: draining, checkpointing, leaving groups", SiloId);
        await Task.WhenAll(_hosts.Select(h => Task.Run(h.Stop, CancellationToken.None))).ConfigureAwait(false);
        if (_outputs is not null)
        {
            await _outputs.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await _outputs.DisposeAsync().ConfigureAwait(false);
        }
        _producer?.Flush(TimeSpan.FromSeconds(30));
        _producer?.Dispose();
        foreach (var h in _hosts) h.Dispose();
        _hosts.Clear();
        _logger.LogInformation("Silo {SiloId} stopped", SiloId);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
