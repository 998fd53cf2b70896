using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;
using Trading.Runtime.Snapshots;
using Trading.Runtime.Operations;
using Trading.Runtime.State;
using Trading.Runtime.Streams;

namespace Trading.Runtime.Hosting;

/// <summary>
/// Hosts one grain type on this silo: a member of the type's consumer group on its input topic. An
/// assigned partition means its grains live here; the host runs a <see cref="PartitionWorker"/> per
/// partition, routes records to them, commits what they allow, pauses partitions whose queue is full,
/// and on revocation drains, checkpoints and deactivates before the partition is released. Operator controls (pause,
/// commit now, offset resets) are applied on the polling thread, so no rebalance interleaves with them; a paused
/// host pauses partitions assigned to it at once, inside the assignment.
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
    private readonly Dictionary<TopicPartition, CommitDelay> _commitDelays = new();
    private readonly ConcurrentQueue<(OffsetReset Reset, IOffsetResetLedger Ledger)> _resets = new();
    private readonly HashSet<(string Reset, TopicPartition Partition)> _resetsSeen = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly RecoveryControl? _recovery;
    private IPartitionReader? _reader;
    private IGroupConsumer? _consumer;
    private Thread? _thread;
    private volatile bool _consumptionPaused;
    private volatile bool _pauseApplied;
    private volatile bool _commitNow;
    private volatile bool _crashed;
    private volatile bool _suspended;
    private readonly HashSet<TopicPartition> _suspendedPartitions = new();
    private readonly ConcurrentQueue<Action<IGroupConsumer>> _pollActions = new();
    private readonly SnapshotPartWriter? _snapshots;

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
        _snapshots = services.GetService(typeof(SnapshotPartWriter)) as SnapshotPartWriter;
    }

    public string GrainType => _type.Name;
    public string InputTopic => _type.InputTopic;
    public string GroupId => _groupId;

    /// <summary>Consumption is paused and every owned partition has stopped fetching.</summary>
    public bool PauseApplied => _consumptionPaused && _pauseApplied;

    /// <summary>Why the consumer loop ended early, or null while it is healthy.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Partitions this silo owns now, with their queue depth and commit lag.</summary>
    public IReadOnlyList<PartitionStatus> Partitions
    {
        get
        {
            lock (_workers)
            {
                var now = Stopwatch.GetTimestamp();
                return _workers.Values.Select(w =>
                {
                    _committed.TryGetValue(w.Partition, out var committed);
                    _commitDelays.TryGetValue(w.Partition, out var delay);
                    return new PartitionStatus(w.Partition.Topic, w.Partition.Partition, w.ActiveGrains, w.Queued,
                        committed, w.ProcessedNext, Math.Max(0, w.ProcessedNext - committed), _paused.Contains(w.Partition),
                        w.InFlightInputs, w.LastInputTimestamp, delay?.DelayMs(now) ?? 0);
                }).ToArray();
            }
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

    public void ResumeConsumption()
    {
        _consumptionPaused = false;
        _pauseApplied = false;
    }

    /// <summary>Commits what the partitions allow at the next poll instead of after the commit interval.</summary>
    public void CommitNow() => _commitNow = true;

    /// <summary>Queues an offset reset; the polling thread applies it to the partitions of <see cref="InputTopic"/> this host owns.</summary>
    public void SubmitReset(OffsetReset reset, IOffsetResetLedger ledger)
    {
        if (reset.Topic == _type.InputTopic) _resets.Enqueue((reset, ledger));
    }

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
    /// Recovery, first step: every owned partition stops fetching and its grains are dropped without a checkpoint or a
    /// commit (the group membership stays, so no rebalance); partitions assigned meanwhile get no worker either.
    /// Completes once applied on the polling thread.
    /// </summary>
    public Task SuspendForRecoveryAsync() => OnPollThread(consumer =>
    {
        _suspended = true;
        PartitionWorker[] dropped;
        lock (_workers)
        {
            dropped = _workers.Values.ToArray();
            foreach (var tp in _workers.Keys) _suspendedPartitions.Add(tp);
            _workers.Clear();
            _committed.Clear();
            _paused.Clear();
        }
        consumer.Pause(_suspendedPartitions.ToArray());
        Task.WaitAll(dropped.Select(w => w.AbandonAsync()).ToArray());
        _logger.LogWarning("{GrainType}: {Count} partitions suspended for a recovery", _type.Name, dropped.Length);
    });

    /// <summary>
    /// Recovery, last step (the checkpoints are the snapshot's): each suspended partition starts a fresh worker at the
    /// snapshot's offset (committed at once), or at its committed offset when the recovery was aborted, and fetches again.
    /// </summary>
    public Task ResumeAfterRecoveryAsync() => OnPollThread(consumer =>
    {
        TopicPartition[] partitions;
        lock (_workers)
        {
            partitions = _suspendedPartitions.ToArray();
            _suspendedPartitions.Clear();
        }
        _suspended = false;
        var rewinds = PendingRewinds();
        foreach (var tp in partitions) StartPartition(consumer, tp, rewinds, resuming: true);
        if (!_consumptionPaused) consumer.Resume(partitions);
        _logger.LogWarning("{GrainType}: {Count} partitions resumed after a recovery", _type.Name, partitions.Length);
    });

    private Task OnPollThread(Action<IGroupConsumer> action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_thread is null)
        {
            done.SetResult();
            return done.Task;
        }
        _pollActions.Enqueue(consumer =>
        {
            try
            {
                action(consumer);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
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
                while (_pollActions.TryDequeue(out var action)) action(consumer);
                ApplyResets(consumer);
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
                if (_commitNow || Stopwatch.GetElapsedTime(lastCommit) >= commitEvery)
                {
                    _commitNow = false;
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
        var paused = _consumptionPaused;
        lock (_workers)
        {
            foreach (var (tp, worker) in _workers)
            {
                var full = paused || worker.Queued >= _options.MaxQueuedPerPartition;
                var drained = !paused && worker.Queued <= _options.MaxQueuedPerPartition / 2;
                if (full && _paused.Add(tp)) (pause ??= new()).Add(tp);
                else if (drained && _paused.Remove(tp)) (resume ??= new()).Add(tp);
            }
        }
        if (pause is not null) consumer.Pause(pause);
        if (resume is not null) consumer.Resume(resume);
        _pauseApplied = paused; // every owned partition is in _paused now
    }

    private void CommitProgress(IGroupConsumer consumer)
    {
        List<TopicPartitionOffset>? commits = null;
        var now = Stopwatch.GetTimestamp();
        lock (_workers)
        {
            foreach (var (tp, worker) in _workers)
            {
                var processed = worker.ProcessedNext; // before the commit point: never ahead of what it covers
                var point = worker.CommitPoint();
                if (point != long.MaxValue && (!_committed.TryGetValue(tp, out var done) || point > done))
                {
                    (commits ??= new()).Add(new TopicPartitionOffset(tp.Topic, tp.Partition, point));
                    _committed[tp] = point;
                }
                if (!_commitDelays.TryGetValue(tp, out var delay)) _commitDelays[tp] = delay = new CommitDelay();
                delay.Observe(processed, _committed.TryGetValue(tp, out var committed) ? committed : 0, now);
            }
        }
        if (commits is not null) consumer.Commit(commits);
    }

    /// <summary>A worker for an owned partition at the group's committed offset, or at a recovered snapshot's offset.</summary>
    private RecoveryControl.PendingRewinds? PendingRewinds() => _recovery?.PendingRewindsAsync(_type.Name).GetAwaiter().GetResult();

    private void StartPartition(IGroupConsumer consumer, TopicPartition tp, RecoveryControl.PendingRewinds? rewinds, bool resuming = false)
    {
        var start = consumer.Committed(tp) ?? 0;
        var rewind = rewinds?.OffsetForAsync(tp.Partition).GetAwaiter().GetResult();
        if (rewind is { } snapshotOffset)
        {
            // Recovered from a snapshot: the grains' checkpoints are the snapshot's; consume from its offset.
            start = snapshotOffset;
            consumer.Seek(new TopicPartitionOffset(tp.Topic, tp.Partition, start));
            consumer.Commit([new TopicPartitionOffset(tp.Topic, tp.Partition, start)]);
            rewinds!.MarkRewoundAsync(tp.Partition).GetAwaiter().GetResult();
            _logger.LogWarning("{GrainType}: partition {Partition} rewound to snapshot offset {Offset}", _type.Name, tp.Partition, start);
        }
        else if (start > 0 || resuming) consumer.Seek(new TopicPartitionOffset(tp.Topic, tp.Partition, start));
        var worker = NewWorker(tp, start);
        lock (_workers)
        {
            _workers[tp] = worker;
            _committed[tp] = start;
            _commitDelays[tp] = new CommitDelay();
            if (_consumptionPaused) _paused.Add(tp);
        }
    }

    private PartitionWorker NewWorker(TopicPartition tp, long start) =>
        new(_type, tp, start, _services, _store, _outputs, _timerProducer, _options, _stats, _logger, _snapshots);

    public void OnAssigned(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions)
    {
        var rewinds = _suspended ? null : PendingRewinds();
        foreach (var tp in partitions)
        {
            if (_suspended)
            {
                // A recovery is replacing the checkpoints: no worker may load (or save) them until it is applied.
                lock (_workers) _suspendedPartitions.Add(tp);
                continue;
            }
            StartPartition(consumer, tp, rewinds);
        }
        // Paused by an operator (or suspended for a recovery): the new partitions must not deliver a record either.
        if (_consumptionPaused || _suspended) consumer.Pause(partitions);
        _logger.LogInformation("{GrainType}: assigned {Count} partitions [{Partitions}]", _type.Name, partitions.Count,
            string.Join(",", partitions.Select(p => p.Partition)));
    }

    public void OnRevoked(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions)
    {
        lock (_workers)
            foreach (var tp in partitions) _suspendedPartitions.Remove(tp);
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
                _commitDelays.Remove(tp);
                _paused.Remove(tp);
            }
        }
        if (commits.Count > 0) consumer.Commit(commits);
        _logger.LogInformation("{GrainType}: revoked {Count} partitions [{Partitions}] ({Reason}), committed [{Offsets}]",
            _type.Name, partitions.Count, string.Join(",", partitions.Select(p => p.Partition)), reason,
            string.Join(",", commits.Select(c => $"{c.Partition}@{c.Offset}")));
    }

    /// <summary>Applies queued offset resets to the owned partitions they target, each (reset, partition) once.</summary>
    private void ApplyResets(IGroupConsumer consumer)
    {
        while (_resets.TryDequeue(out var request))
        {
            List<TopicPartition> owned;
            lock (_workers) owned = _workers.Keys.Where(tp => request.Reset.Targets(tp.Partition)).ToList();
            foreach (var tp in owned)
            {
                if (!_resetsSeen.Add((request.Reset.Id, tp))) continue;
                try
                {
                    if (!request.Ledger.TryClaim(request.Reset.Id, tp)) continue; // another owner applied it before a rebalance
                    var target = ResetPartition(consumer, tp, request.Reset.TargetFor(tp.Partition), request.Reset.Id);
                    request.Ledger.Applied(request.Reset.Id, tp, target);
                }
                catch (Exception e) when (e is not ObjectDisposedException)
                {
                    // The partition keeps its position (a failed seek changes nothing); the reset shows as not applied.
                    _logger.LogError(e, "{GrainType}: offset reset {ResetId} of {Partition} failed", _type.Name, request.Reset.Id, tp);
                }
            }
        }
    }

    /// <summary>
    /// Moves one owned partition to <paramref name="target"/>. At or below the committed offset the partition restarts as
    /// after a crash of its owner: in-memory progress is dropped, grains reload their checkpoints and inputs they already
    /// applied are skipped; their re-emitted outputs carry the same ids and are dropped downstream. Above it the grains
    /// are checkpointed first (nothing they applied may be lost), then the inputs up to the target are skipped.
    /// </summary>
    private long ResetPartition(IGroupConsumer consumer, TopicPartition tp, OffsetTarget target, string resetId)
    {
        PartitionWorker old;
        long committed;
        lock (_workers)
        {
            old = _workers[tp];
            committed = _committed[tp];
        }
        _reader ??= _log.CreateReader();
        var (low, high) = _reader.Watermarks(tp);
        var offset = target.Kind switch
        {
            OffsetTargetKind.Earliest => low,
            OffsetTargetKind.Latest => high,
            OffsetTargetKind.Committed => committed,
            _ => Math.Clamp(target.Offset, low, high),
        };
        consumer.Seek(new TopicPartitionOffset(tp.Topic, tp.Partition, offset)); // first: a refused seek changes nothing
        var replay = offset <= committed;
        if (replay) old.AbandonAsync().GetAwaiter().GetResult();
        else old.StopAsync(DeactivationReason.OffsetReset).GetAwaiter().GetResult();
        var worker = NewWorker(tp, offset);
        lock (_workers)
        {
            _workers[tp] = worker;
            _committed[tp] = offset;
            _commitDelays[tp] = new CommitDelay();
        }
        try
        {
            consumer.Commit([new TopicPartitionOffset(tp.Topic, tp.Partition, offset)]);
        }
        catch (MessageLogException e)
        {
            _logger.LogWarning(e, "{GrainType}: committing the reset offset {Offset} of {Partition} failed; the next commit follows", _type.Name, offset, tp);
        }
        _logger.LogWarning("{GrainType}: offset reset {ResetId} moved {Partition} from committed {Committed} (processed {Processed}) to {Offset} ({Target}): {Mode}",
            _type.Name, resetId, tp, committed, old.ProcessedNext, offset, target,
            replay ? "replaying, already applied inputs are skipped" : $"grains checkpointed, {Math.Max(0, offset - old.ProcessedNext)} unprocessed inputs skipped");
        return offset;
    }

    public void Dispose()
    {
        Stop();
        _reader?.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// How long the committed offset has trailed the processed frontier: marks of (processed frontier, time) taken at
    /// each commit round; the oldest mark the committed offset has not reached gives the delay. Poll thread only.
    /// </summary>
    private sealed class CommitDelay
    {
        private const int MaxMarks = 4096;
        private readonly Queue<(long Offset, long At)> _marks = new();
        private long _lastMark = -1;

        public void Observe(long processed, long committed, long now)
        {
            while (_marks.Count > 0 && _marks.Peek().Offset <= committed) _marks.Dequeue();
            if (processed > committed && processed > _lastMark && _marks.Count < MaxMarks)
            {
                _marks.Enqueue((processed, now));
                _lastMark = processed;
            }
        }

        public long DelayMs(long now) => _marks.Count == 0 ? 0 : (long)Stopwatch.GetElapsedTime(_marks.Peek().At, now).TotalMilliseconds;
    }
}

/// <summary>One owned partition of a grain type, as the silo statistics show it.</summary>
/// <param name="InFlightInputs">Processed inputs whose outputs are not all acknowledged.</param>
/// <param name="LastInputTimestamp">Envelope time (epoch ms) of the last input a grain handled (the partition's start before any).</param>
/// <param name="CommitDelayMs">How long the committed offset has trailed inputs processed since (0 when it caught up).</param>
public sealed record PartitionStatus(string Topic, int Partition, int ActiveGrains, int Queued,
    long CommittedOffset, long ProcessedOffset, long CommitLag, bool Paused,
    int InFlightInputs = 0, long LastInputTimestamp = 0, long CommitDelayMs = 0);
