using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;
using Trading.Runtime.Snapshots;
using Trading.Runtime.State;
using Trading.Runtime.Streams;

namespace Trading.Runtime.Hosting;

/// <summary>
/// Hosts one grain type on this silo: a member of the type's consumer group on its input topic. An
/// assigned partition means its grains live here; the host runs a <see cref="PartitionWorker"/> per
/// partition, routes records to them, commits what they allow, pauses partitions whose queue is full,
/// and on revocation drains, checkpoints and deactivates before the partition is released.
/// </summary>
internal sealed class GrainTypeHost : IPartitionListener, IDisposable
{
    private static readonly TimeSpan BackpressureCheck = TimeSpan.FromMilliseconds(5);

    private readonly GrainTypeDescriptor _type;
    private readonly IMessageLog _log;
    private readonly IGrainStateStore _store;
    private readonly OutputBatcher _outputs;
    private readonly IMessageProducer _timerProducer;
    private readonly IServiceProvider _services;
    private readonly RuntimeOptions _options;
    private readonly SiloStatistics _stats;
    private readonly ILogger _logger;
    private readonly string _groupId;
    private readonly Dictionary<TopicPartition, PartitionWorker> _workers = new();
    private readonly Dictionary<TopicPartition, long> _committed = new();
    private readonly HashSet<TopicPartition> _paused = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly RecoveryControl? _recovery;
    private IGroupConsumer? _consumer;
    private Thread? _thread;
    private volatile bool _consumptionPaused;
    private volatile bool _crashed;
    private volatile bool _discarding;

    public GrainTypeHost(GrainTypeDescriptor type, string clusterId, IMessageLog log, IGrainStateStore store,
        OutputBatcher outputs, IMessageProducer timerProducer, IServiceProvider services, RuntimeOptions options,
        SiloStatistics stats, ILogger logger)
    {
        _type = type;
        _log = log;
        _store = store;
        _outputs = outputs;
        _timerProducer = timerProducer;
        _services = services;
        _options = options;
        _stats = stats;
        _logger = logger;
        _groupId = type.GroupId(clusterId);
        _recovery = services.GetService(typeof(RecoveryControl)) as RecoveryControl;
    }

    public string GrainType => _type.Name;

    /// <summary>Why the consumer loop ended early, or null while it is healthy.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Partitions this silo owns now, with their queue depth and commit lag.</summary>
    public IReadOnlyList<PartitionStatus> Partitions
    {
        get
        {
            lock (_workers)
                return _workers.Values.Select(w =>
                {
                    _committed.TryGetValue(w.Partition, out var committed);
                    return new PartitionStatus(w.Partition.Topic, w.Partition.Partition, w.ActiveGrains, w.Queued,
                        committed, w.ProcessedNext, Math.Max(0, w.ProcessedNext - committed), _paused.Contains(w.Partition));
                }).ToArray();
        }
    }

    public void Start()
    {
        _consumer = _log.CreateGroupConsumer(_groupId, this);
        _consumer.Subscribe([_type.InputTopic]);
        _thread = new Thread(PollLoop) { IsBackground = true, Name = $"grains-{_type.Name}" };
        _thread.Start();
        _logger.LogInformation("Grain type {GrainType} joined group {Group} on topic {Topic}", _type.Name, _groupId, _type.InputTopic);
    }

    /// <summary>Stops fetching new input (the group membership and the grains stay); <see cref="ResumeConsumption"/> undoes it.</summary>
    public void PauseConsumption() => _consumptionPaused = true;

    public void ResumeConsumption() => _consumptionPaused = false;

    /// <summary>
    /// Crash simulation for tests: drop out of the group without revocation, checkpoints or commits;
    /// outputs already handed to the producer may still be delivered, as after a real kill -9.
    /// </summary>
    public void Crash()
    {
        if (_thread is null) return;
        _crashed = true;
        StopPolling();
        PartitionWorker[] workers;
        lock (_workers)
        {
            workers = _workers.Values.ToArray();
            _workers.Clear();
        }
        Task.WaitAll(workers.Select(w => w.AbandonAsync()).ToArray());
    }

    /// <summary>
    /// Leaves the group at once (a prompt rebalance, unlike a crash) but drops what the grains hold: no checkpoint,
    /// no commit. Used by a recovery, whose snapshot state must not be overwritten by the state it replaces.
    /// </summary>
    public void Discard()
    {
        if (_thread is null) return;
        _discarding = true;
        StopPolling();
    }

    /// <summary>Leaves the group gracefully: every owned partition is drained, checkpointed and committed first.</summary>
    public void Stop()
    {
        if (_thread is not null) StopPolling();
    }

    private void StopPolling()
    {
        _stop.Cancel();
        _thread!.Join();
        _thread = null;
    }

    private void PollLoop()
    {
        var consumer = _consumer!;
        var lastCommit = Stopwatch.GetTimestamp();
        var commitEvery = TimeSpan.FromMilliseconds(_options.CommitIntervalMs);
        var lastBackpressure = 0L;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (Stopwatch.GetElapsedTime(lastBackpressure) >= BackpressureCheck)
                {
                    ApplyBackpressure(consumer);
                    lastBackpressure = Stopwatch.GetTimestamp();
                }
                var record = consumer.Poll(TimeSpan.FromMilliseconds(20));
                if (record is not null)
                {
                    PartitionWorker? worker;
                    lock (_workers) _workers.TryGetValue(record.TopicPartition, out worker);
                    if (worker is null)
                        _logger.LogWarning("Record for unowned partition {Partition} ignored", record.TopicPartition);
                    else
                        worker.Enqueue(record);
                }
                if (Stopwatch.GetElapsedTime(lastCommit) >= commitEvery)
                {
                    CommitProgress(consumer);
                    lastCommit = Stopwatch.GetTimestamp();
                }
            }
            if (_crashed) consumer.Kill();
            else consumer.Close(); // revokes: OnRevoked drains and commits
        }
        catch (Exception e)
        {
            // Never let the exception end the process (it would take every other grain type and, in the embedded
            // mode, the gateway with it). What was not checkpointed or committed is replayed by the partition's
            // next owner, so nothing accepted is lost; the fault shows in the health check.
            Fault = e;
            _logger.LogCritical(e, "Consumer loop of {GrainType} failed; its partitions go to the other silos", _type.Name);
        }
        finally
        {
            if (!_crashed) consumer.Dispose();
        }
    }

    private void ApplyBackpressure(IGroupConsumer consumer)
    {
        List<TopicPartition>? pause = null, resume = null;
        lock (_workers)
        {
            foreach (var (tp, worker) in _workers)
            {
                var full = _consumptionPaused || worker.Queued >= _options.MaxQueuedPerPartition;
                var drained = !_consumptionPaused && worker.Queued <= _options.MaxQueuedPerPartition / 2;
                if (full && _paused.Add(tp)) (pause ??= new()).Add(tp);
                else if (drained && _paused.Remove(tp)) (resume ??= new()).Add(tp);
            }
        }
        if (pause is not null) consumer.Pause(pause);
        if (resume is not null) consumer.Resume(resume);
    }

    private void CommitProgress(IGroupConsumer consumer)
    {
        List<TopicPartitionOffset>? commits = null;
        lock (_workers)
        {
            foreach (var (tp, worker) in _workers)
            {
                var point = worker.CommitPoint();
                if (point != long.MaxValue && (!_committed.TryGetValue(tp, out var done) || point > done))
                {
                    (commits ??= new()).Add(new TopicPartitionOffset(tp.Topic, tp.Partition, point));
                    _committed[tp] = point;
                }
            }
        }
        if (commits is not null) consumer.Commit(commits);
    }

    public void OnAssigned(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions)
    {
        foreach (var tp in partitions)
        {
            var start = consumer.Committed(tp) ?? 0;
            var rewind = _recovery?.PendingRewindAsync(_type.Name, tp.Partition).GetAwaiter().GetResult();
            if (rewind is { } snapshotOffset)
            {
                // Recovered from a snapshot: the grains' checkpoints are the snapshot's; consume from its offset.
                start = snapshotOffset;
                consumer.Seek(new TopicPartitionOffset(tp.Topic, tp.Partition, start));
                consumer.Commit([new TopicPartitionOffset(tp.Topic, tp.Partition, start)]);
                _recovery!.MarkRewoundAsync(_type.Name, tp.Partition).GetAwaiter().GetResult();
                _logger.LogWarning("{GrainType}: partition {Partition} rewound to snapshot offset {Offset}", _type.Name, tp.Partition, start);
            }
            else if (start > 0) consumer.Seek(new TopicPartitionOffset(tp.Topic, tp.Partition, start));
            var worker = new PartitionWorker(_type, tp, start, _services, _store, _outputs, _timerProducer, _options, _stats, _logger,
                _services.GetService(typeof(SnapshotPartWriter)) as SnapshotPartWriter);
            lock (_workers)
            {
                _workers[tp] = worker;
                _committed[tp] = start;
            }
        }
        _logger.LogInformation("{GrainType}: assigned {Count} partitions [{Partitions}]", _type.Name, partitions.Count,
            string.Join(",", partitions.Select(p => p.Partition)));
    }

    public void OnRevoked(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions)
    {
        if (_discarding)
        {
            PartitionWorker[] dropped;
            lock (_workers)
            {
                dropped = _workers.Values.ToArray();
                _workers.Clear();
                _committed.Clear();
                _paused.Clear();
            }
            Task.WaitAll(dropped.Select(w => w.AbandonAsync()).ToArray());
            _logger.LogWarning("{GrainType}: discarded {Count} partitions for a recovery", _type.Name, dropped.Length);
            return;
        }
        var reason = _stop.IsCancellationRequested ? DeactivationReason.Shutdown : DeactivationReason.PartitionRevoked;
        var stopping = new List<(PartitionWorker Worker, Task Task)>();
        lock (_workers)
        {
            foreach (var tp in partitions)
            {
                if (_workers.TryGetValue(tp, out var worker)) stopping.Add((worker, worker.StopAsync(reason)));
            }
        }
        Task.WaitAll(stopping.Select(s => s.Task).ToArray());
        var commits = new List<TopicPartitionOffset>();
        lock (_workers)
        {
            foreach (var (worker, _) in stopping)
            {
                var tp = worker.Partition;
                var point = worker.CommitPoint();
                if (point != long.MaxValue) commits.Add(new TopicPartitionOffset(tp.Topic, tp.Partition, point));
                _workers.Remove(tp);
                _committed.Remove(tp);
                _paused.Remove(tp);
            }
        }
        if (commits.Count > 0) consumer.Commit(commits);
        _logger.LogInformation("{GrainType}: revoked {Count} partitions [{Partitions}] ({Reason}), committed [{Offsets}]",
            _type.Name, partitions.Count, string.Join(",", partitions.Select(p => p.Partition)), reason,
            string.Join(",", commits.Select(c => $"{c.Partition}@{c.Offset}")));
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }
}

/// <summary>One owned partition of a grain type, as the silo statistics show it.</summary>
public sealed record PartitionStatus(string Topic, int Partition, int ActiveGrains, int Queued,
    long CommittedOffset, long ProcessedOffset, long CommitLag, bool Paused);
