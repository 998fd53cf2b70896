using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;
using Trading.Runtime.Messaging;
using Trading.Runtime.Snapshots;
using Trading.Runtime.State;
using Trading.Runtime.Streams;

namespace Trading.Runtime.Hosting;

/// <summary>
/// Runs the grains of one input partition: one loop, so turns are single-threaded per grain (and per
/// partition), while partitions run in parallel. It activates grains from their checkpoints, skips
/// inputs a checkpoint already covers, drops duplicates, hands outputs to the batcher, checkpoints
/// grains by policy, deactivates idle ones, pumps their timers, and publishes how far the partition
/// may be committed: below the first input whose outputs are unacknowledged or whose grain state is
/// not yet checkpointed.
/// </summary>
internal sealed class PartitionWorker
{
    private const int MaxBatch = 256;
    private static readonly TimeSpan Housekeeping = TimeSpan.FromMilliseconds(20);

    private readonly GrainTypeDescriptor _type;
    private readonly TopicPartition _partition;
    private readonly IServiceProvider _services;
    private readonly IGrainStateStore _store;
    private readonly OutputBatcher _outputs;
    private readonly IMessageProducer _timerProducer;
    private readonly RuntimeOptions _options;
    private readonly SiloStatistics _stats;
    private readonly ILogger _logger;
    private readonly Channel<LogRecord> _queue = Channel.CreateUnbounded<LogRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, GrainActivationContext> _activations = new(StringComparer.Ordinal);
    private readonly CommitTracker _tracker;
    private readonly TurnContext _turn;
    private readonly List<LogRecord> _batch = new(MaxBatch);
    private readonly SnapshotPartWriter? _snapshots;
    private readonly List<PartitionCut> _openCuts = new();
    private readonly RetainedCuts _versions;
    private readonly List<TimerTick> _dueTicks = new();
    private readonly Task _loop;
    private long _minUnsaved = long.MaxValue;
    /// <summary>The checkpoint write in flight, if any: at most one per partition, completed on this worker's loop.</summary>
    private PendingSave? _pendingSave;
    private long _lastInputTimestamp;
    private volatile bool _abandoned;
    private int _queued;
    private long _lastHousekeeping;

    public PartitionWorker(
        GrainTypeDescriptor type, TopicPartition partition, long startOffset, IServiceProvider services,
        IGrainStateStore store, OutputBatcher outputs, IMessageProducer timerProducer, RuntimeOptions options,
        SiloStatistics stats, ILogger logger, SnapshotPartWriter? snapshots = null)
    {
        _snapshots = snapshots;
        var log = services.GetService(typeof(IMessageLog)) as IMessageLog;
        _turn = new TurnContext(log is null ? null : log.PartitionCount);
        _type = type;
        _partition = partition;
        _services = services;
        _store = store;
        _outputs = outputs;
        _timerProducer = timerProducer;
        _options = options;
        _stats = stats;
        _logger = logger;
        _tracker = new CommitTracker(startOffset);
        _versions = new RetainedCuts(store, type.Name, partition.Partition, snapshots is not null && store.KeepsSnapshotVersions);
        _lastInputTimestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _loop = Task.Run(RunAsync);
    }

    public TopicPartition Partition => _partition;
    public int Queued => Volatile.Read(ref _queued);
    public int ActiveGrains { get; private set; }
    public long ProcessedNext => _tracker.ProcessedNext;

    /// <summary>Processed inputs whose outputs are not all acknowledged yet.</summary>
    public int InFlightInputs => _tracker.InFlightInputs;

    /// <summary>Envelope time (epoch ms) of the last input handed to a grain; the worker's start time before any.</summary>
    public long LastInputTimestamp => Volatile.Read(ref _lastInputTimestamp);

    public void Enqueue(LogRecord record)
    {
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(record)) throw new InvalidOperationException($"Worker of {_partition} is stopped.");
    }

    /// <summary>Highest offset that may be committed (the next offset a new owner starts from).</summary>
    public long CommitPoint()
    {
        var frontier = _tracker.Frontier(); // read before the grain watermark: see Process
        return Math.Min(frontier, Volatile.Read(ref _minUnsaved));
    }

    /// <summary>Processes everything queued, checkpoints and deactivates every grain, waits for outputs.</summary>
    public async Task StopAsync(DeactivationReason reason)
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        foreach (var activation in _activations.Values.ToArray())
            await DeactivateAsync(activation, reason).ConfigureAwait(false);
        await _outputs.FlushAsync().ConfigureAwait(false); // returns after every output's ack has run
    }

    /// <summary>Crash simulation: stop at once, write no checkpoint, deactivate nothing.</summary>
    public Task AbandonAsync()
    {
        _abandoned = true;
        _queue.Writer.TryComplete();
        return _loop;
    }

    private async Task RunAsync()
    {
        try
        {
            await ConsumeAsync().ConfigureAwait(false);
        }
        finally
        {
            // Whoever waits for the loop (a stop, a revocation, a recovery dropping the grains) may rely on no checkpoint
            // write of this worker landing afterwards.
            try
            {
                await FinishPendingSaveAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_abandoned)
            {
                // A dropped worker's last write failed: as after a crash, its partition restarts from the commit point.
            }
        }
    }

    private async Task ConsumeAsync()
    {
        await _versions.LoadAsync().ConfigureAwait(false); // before any save: the cuts a previous owner took here
        var reader = _queue.Reader;
        while (!_abandoned)
        {
            CompleteSaveIfDone();
            _batch.Clear();
            while (_batch.Count < MaxBatch && reader.TryRead(out var record)) _batch.Add(record);
            if (_batch.Count > 0)
            {
                Interlocked.Add(ref _queued, -_batch.Count);
                await ProcessBatchAsync().ConfigureAwait(false);
                if (_options.FlushWhenIdle && !reader.TryPeek(out _)) _outputs.SendNow(); // nothing more to batch with
            }
            if (Stopwatch.GetElapsedTime(_lastHousekeeping) >= Housekeeping)
            {
                await HousekeepAsync().ConfigureAwait(false);
                _lastHousekeeping = Stopwatch.GetTimestamp();
            }
            if (_batch.Count > 0) continue;
            if (reader.Completion.IsCompleted) break;
            var wait = reader.WaitToReadAsync().AsTask();
            var done = await Task.WhenAny(wait, Task.Delay(Housekeeping)).ConfigureAwait(false);
            if (done == wait && !await wait.ConfigureAwait(false) && !reader.TryPeek(out _)) break;
        }
    }

    private async Task ProcessBatchAsync()
    {
        await PreloadAsync().ConfigureAwait(false);
        foreach (var record in _batch)
        {
            if (_abandoned) return;
            await ProcessAsync(record).ConfigureAwait(false);
        }
    }

    /// <summary>Loads the checkpoints of every grain of the batch that is not active, in one round trip.</summary>
    private async Task PreloadAsync()
    {
        List<GrainId>? missing = null;
        foreach (var record in _batch)
        {
            if (_activations.ContainsKey(record.Key) || BarrierKeys.IsBarrierKey(record.Key)) continue;
            missing ??= new List<GrainId>();
            var id = new GrainId(_type.Name, record.Key);
            if (!missing.Contains(id)) missing.Add(id);
        }
        if (missing is null) return;
        var checkpoints = await _store.LoadManyAsync(missing).ConfigureAwait(false);
        foreach (var id in missing)
        {
            checkpoints.TryGetValue(id, out var checkpoint);
            await ActivateAsync(id, checkpoint).ConfigureAwait(false);
        }
    }

    private async Task ActivateAsync(GrainId id, GrainCheckpoint? checkpoint)
    {
        var activation = new GrainActivationContext(id, _partition.Partition, _options.DedupWindowPerSource, _options.DedupQuietInputs, ReloadAsync);
        if (_openCuts.Count > 0) RecordLate(id.Key, checkpoint is null ? null : new SnapshotEntry(id.Key, checkpoint.NextOffset, checkpoint.Payload));
        var grain = _type.Factory!(_services);
        grain.Attach(activation);
        activation.Instance = grain;
        Restore(activation, checkpoint);
        activation.LastActiveTicks = Stopwatch.GetTimestamp();
        _activations.Add(id.Key, activation);
        ActiveGrains = _activations.Count;
        _stats.Activated(_type.Name);
        _logger.LogDebug("Activated {Grain} on {Partition} at offset {Offset}", id, _partition, activation.NextOffset);
        await grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private void Restore(GrainActivationContext activation, GrainCheckpoint? checkpoint)
    {
        if (checkpoint is null)
        {
            activation.Instance!.LoadState(null);
            activation.NextOffset = 0;
            return;
        }
        if (checkpoint.Partition != _partition.Partition)
            _logger.LogWarning("Checkpoint of {Grain} was taken on partition {Old}, now on {New}: partition count changed?",
                activation.GrainId, checkpoint.Partition, _partition.Partition);
        var payload = GrainCheckpointPayload.Decode(checkpoint.Payload);
        activation.Instance!.LoadState(payload.State);
        activation.Timers.Import(payload.Timers);
        activation.Dedup.Import(payload.Dedup);
        activation.NextOffset = checkpoint.NextOffset;
        activation.StoredOffset = checkpoint.NextOffset;
    }

    /// <summary>ReadStateAsync: the grain's state from its last checkpoint; offsets, timers and dedup stay current.</summary>
    private async Task ReloadAsync(GrainActivationContext activation)
    {
        await FinishPendingSaveAsync().ConfigureAwait(false); // the store then holds the latest checkpoint
        var checkpoint = await _store.LoadAsync(activation.GrainId).ConfigureAwait(false);
        activation.Instance!.LoadState(checkpoint is null ? null : GrainCheckpointPayload.Decode(checkpoint.Payload).State);
    }

    private async Task ProcessAsync(LogRecord record)
    {
        if (BarrierKeys.IsBarrierKey(record.Key))
        {
            await CutAsync(record).ConfigureAwait(false);
            return;
        }
        var activation = _activations[record.Key]; // PreloadAsync activated every key of the batch
        activation.LastActiveTicks = Stopwatch.GetTimestamp();

        if (record.Offset < activation.NextOffset)
        {
            // The grain's checkpoint already reflects this input (we are replaying after a restart).
            _stats.AlreadyApplied(_type.Name);
            _tracker.Processed(record.Offset, 0);
            return;
        }
        _stats.MessageIn(_type.Name);

        MessageEnvelope envelope;
        try
        {
            envelope = EnvelopeCodec.Decode(record.Value);
        }
        catch (FormatException e)
        {
            _stats.PoisonMessage(_type.Name);
            _logger.LogError(e, "Skipping undecodable record {Partition}@{Offset} for {Grain}", _partition, record.Offset, activation.GrainId);
            Advance(activation, record.Offset);
            _tracker.Processed(record.Offset, 0);
            return;
        }

        if (_openCuts.Count > 0 && !_versions.Enabled) KeepCleanState(activation); // else the store keeps the version
        Volatile.Write(ref _lastInputTimestamp, envelope.Timestamp);
        // Timer ticks are checked against the timer's registration instead (GrainTimers.TryApply).
        if (envelope.Kind == MessageKind.TimerTick || activation.Dedup.TryAccept(envelope.Source, envelope.Sequence))
            await RunTurnAsync(activation, envelope, record.Offset).ConfigureAwait(false);
        else
        {
            _stats.DuplicateDropped(_type.Name);
            _turn.DiscardOutputs();
        }

        // Lower the grain watermark before the tracker learns the input is processed, so a concurrent
        // CommitPoint() that sees the new frontier also sees this grain's unsaved input.
        Advance(activation, record.Offset);
        var outputs = _turn.Outputs;
        var pending = _tracker.Processed(record.Offset, outputs.Count);
        for (var i = 0; i < outputs.Count; i++)
        {
            var o = outputs[i];
            _outputs.Enqueue(new OutputRecord(o.Topic, o.Key, o.Value, pending!.Ack));
        }
        _stats.MessagesOut(_type.Name, outputs.Count);
        _turn.DiscardOutputs();

        if (CheckpointDue(activation)) SaveInBackground([activation]);
    }

    private async Task RunTurnAsync(GrainActivationContext activation, MessageEnvelope envelope, long offset)
    {
        _turn.Begin(activation.Source, envelope, offset, _type.Messages);
        activation.Timers.SetTurnTime(envelope.Timestamp);
        try
        {
            if (envelope.Kind == MessageKind.TimerTick)
            {
                var tick = (TimerTick)_type.Messages.Deserialize(envelope.Type, envelope.Payload);
                if (activation.Timers.TryApply(tick.Name, tick.Tick, tick.DueTime))
                    await activation.Instance!.OnTimerAsync(tick.Name, tick.Tick, _turn).ConfigureAwait(false);
                return;
            }
            var message = _type.Messages.Deserialize(envelope.Type, envelope.Payload);
            await activation.Instance!.OnMessageAsync(message, _turn).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Deterministic: a replay fails the same way. The grain must validate before it mutates.
            _stats.TurnFailed(_type.Name);
            _logger.LogWarning(e, "Turn of {Grain} failed on {Partition}@{Offset} ({Type})", activation.GrainId, _partition, offset, envelope.Type);
            _turn.DiscardOutputs();
            _turn.ReplyError(e is FormatException or ArgumentException or InvalidOperationException ? e.Message : "internal error");
        }
    }

    private void Advance(GrainActivationContext activation, long offset)
    {
        activation.NextOffset = offset + 1;
        if (activation.FirstUnsavedOffset is null)
        {
            activation.FirstUnsavedOffset = offset;
            activation.DirtySinceTicks = Stopwatch.GetTimestamp();
            if (offset < Volatile.Read(ref _minUnsaved)) Volatile.Write(ref _minUnsaved, offset);
        }
        activation.UnsavedCount++;
    }

    /// <summary>
    /// A snapshot barrier: grains with unsaved inputs are serialized now (their stored checkpoint is behind); the
    /// rest are read from the store by the writer, off this thread. The barrier is no grain's input.
    /// </summary>
    private async Task CutAsync(LogRecord record)
    {
        SnapshotBarrier barrier;
        try
        {
            var envelope = EnvelopeCodec.Decode(record.Value);
            if (envelope.Kind != MessageKind.Barrier) throw new FormatException($"Record kind {envelope.Kind} under a barrier key.");
            barrier = SnapshotBarrier.Decode(envelope.Payload);
        }
        catch (FormatException e)
        {
            _stats.PoisonMessage(_type.Name);
            _logger.LogError(e, "Skipping undecodable barrier {Partition}@{Offset}", _partition, record.Offset);
            _tracker.Processed(record.Offset, 0);
            return;
        }
        if (barrier.GrainType == _type.Name && _snapshots is not null)
        {
            var captured = new Dictionary<string, SnapshotEntry>(StringComparer.Ordinal);
            var clean = new Dictionary<string, long>(StringComparer.Ordinal);
            string? error = null;
            var cut = (PartitionCut?)null;
            foreach (var activation in _activations.Values)
            {
                var key = activation.GrainId.Key;
                if (barrier.KeyFilter is not null && !string.Equals(barrier.KeyFilter, key, StringComparison.Ordinal)) continue;
                if (activation.NextOffset > record.Offset)
                    error ??= $"grain {activation.GrainId} already applied input {activation.NextOffset - 1} after the barrier at {record.Offset} (a replayed barrier)";
                else if (activation.FirstUnsavedOffset is null) clean[key] = activation.NextOffset; // a clean grain is its stored checkpoint
                else captured[key] = CaptureEntry(activation);
            }
            cut = new PartitionCut(barrier, _partition.Topic, _partition.Partition, record.Offset, CommitPoint(),
                DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), captured, clean, error);
            if (error is null)
            {
                _openCuts.Add(cut);
                if (_versions.Enabled) await _versions.RecordAsync(barrier.SnapshotId, record.Offset, captured).ConfigureAwait(false);
            }
            await _snapshots.EnqueueAsync(cut).ConfigureAwait(false);
            _logger.LogInformation("Snapshot {SnapshotId}: cut {GrainType} {Partition} at offset {Offset} ({Captured} serialized, {Clean} stored)",
                barrier.SnapshotId, _type.Name, _partition, record.Offset, captured.Count, clean.Count);
        }
        _tracker.Processed(record.Offset, 0);
    }

    private static SnapshotEntry CaptureEntry(GrainActivationContext a) => new(a.GrainId.Key, a.NextOffset, CheckpointPayload(a));

    /// <summary>What a checkpoint (or a snapshot's capture) stores of an activation beside its offset: state, timers, dedup.</summary>
    private static byte[] CheckpointPayload(GrainActivationContext a) =>
        new GrainCheckpointPayload(GrainCheckpointPayload.CurrentVersion, a.Instance!.SaveState(), a.Timers.Export(), a.Dedup.Export()).Encode();

    /// <summary>A grain that was clean at an open cut's barrier is about to change: keep its barrier state for the writer.</summary>
    private void KeepCleanState(GrainActivationContext activation)
    {
        var key = activation.GrainId.Key;
        foreach (var cut in _openCuts)
            if (cut.CleanActive.ContainsKey(key) && !cut.TryGetLate(key, out _)) cut.RecordLate(key, CaptureEntry(activation));
    }

    private void RecordLate(string key, SnapshotEntry? entry)
    {
        foreach (var cut in _openCuts) cut.RecordLate(key, entry);
    }

    private async Task HousekeepAsync()
    {
        await _versions.RefreshIfDueAsync().ConfigureAwait(false);
        _openCuts.RemoveAll(c => c.IsClosed);
        var checkpointAfter = TimeSpan.FromMilliseconds(_options.CheckpointIntervalMs);
        var idleAfter = TimeSpan.FromSeconds(_options.IdleDeactivationSeconds);
        List<GrainActivationContext>? due = null;
        List<GrainActivationContext>? idle = null;
        foreach (var activation in _activations.Values)
        {
            if (Stopwatch.GetElapsedTime(activation.LastActiveTicks) >= idleAfter) (idle ??= new()).Add(activation);
            else if (activation.FirstUnsavedOffset is not null && (CheckpointDue(activation) || Stopwatch.GetElapsedTime(activation.DirtySinceTicks) >= checkpointAfter))
                (due ??= new()).Add(activation); // due by count or request too: one that waited for a write in flight
            PumpTimers(activation);
        }
        if (due is not null) SaveInBackground(due);
        if (idle is not null)
            foreach (var activation in idle) await DeactivateAsync(activation, DeactivationReason.Idle).ConfigureAwait(false);
    }

    /// <summary>Writes due timer ticks into the grain's own input log (wall clock decides when; the log decides what).</summary>
    private void PumpTimers(GrainActivationContext activation)
    {
        if (activation.Timers.All.Count == 0) return;
        _dueTicks.Clear();
        activation.Timers.CollectDue(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), _dueTicks);
        foreach (var tick in _dueTicks)
        {
            var value = EnvelopeCodec.Encode(MessageKind.TimerTick, $"$timer/{activation.Source}/{tick.Name}", tick.Tick, "$timer", null, null,
                tick.DueTime, _type.Messages.Serialize(tick));
            _timerProducer.Produce(_type.InputTopic, activation.GrainId.Key, value, _ => { });
        }
    }

    /// <summary>Writes the checkpoints of <paramref name="activations"/> and waits for the store (deactivation).</summary>
    private async Task SaveAsync(IReadOnlyList<GrainActivationContext> activations)
    {
        await FinishPendingSaveAsync().ConfigureAwait(false);
        _pendingSave = BeginSave(activations);
        await FinishPendingSaveAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Serializes the checkpoints now and writes them while the worker goes on with its input: a store busy with other
    /// work (a snapshot's reads) then delays the commit point, not matching. The grains count as unsaved until the write
    /// completes, so neither the commit point nor a snapshot cut relies on it early. While a write is in flight, the next
    /// one waits: a grain still due then is saved at its next input or housekeeping.
    /// </summary>
    private void SaveInBackground(IReadOnlyList<GrainActivationContext> activations)
    {
        CompleteSaveIfDone();
        if (_pendingSave is null) _pendingSave = BeginSave(activations);
    }

    private PendingSave BeginSave(IReadOnlyList<GrainActivationContext> activations)
    {
        var checkpoints = new List<KeyValuePair<GrainId, GrainCheckpoint>>(activations.Count);
        var counts = new int[activations.Count];
        for (var i = 0; i < activations.Count; i++)
        {
            var a = activations[i];
            checkpoints.Add(new(a.GrainId, new GrainCheckpoint(_partition.Partition, a.NextOffset, CheckpointPayload(a))));
            counts[i] = a.UnsavedCount;
            a.CheckpointSerialized();
        }
        var preserve = _versions.PreserveFor(activations);
        return new PendingSave(activations, checkpoints, counts,
            preserve is null ? _store.SaveManyAsync(checkpoints) : _store.SaveManyAsync(checkpoints, preserve));
    }

    private void CompleteSave(PendingSave save)
    {
        for (var i = 0; i < save.Activations.Count; i++) save.Activations[i].MarkSaved(save.Checkpoints[i].Value.NextOffset, save.UnsavedCounts[i]);
        _stats.Checkpointed(_type.Name, save.Activations.Count);
        RecomputeMinUnsaved();
    }

    /// <summary>Completes the write in flight if the store has answered (its failure is thrown here, as a save's was).</summary>
    private void CompleteSaveIfDone()
    {
        if (_pendingSave is { Task.IsCompleted: true }) FinishPendingSaveAsync().GetAwaiter().GetResult(); // completes synchronously
    }

    private async Task FinishPendingSaveAsync()
    {
        if (_pendingSave is not { } save) return;
        _pendingSave = null;
        await save.Task.ConfigureAwait(false);
        CompleteSave(save);
    }

    private sealed record PendingSave(
        IReadOnlyList<GrainActivationContext> Activations, List<KeyValuePair<GrainId, GrainCheckpoint>> Checkpoints, int[] UnsavedCounts, Task Task);

    private bool CheckpointDue(GrainActivationContext activation) =>
        activation.CheckpointRequested || activation.UnsavedCount >= _options.CheckpointEveryMessages;

    private void RecomputeMinUnsaved()
    {
        var min = long.MaxValue;
        foreach (var a in _activations.Values)
            if (a.FirstUnsavedOffset is { } first && first < min) min = first;
        Volatile.Write(ref _minUnsaved, min);
    }

    private async Task DeactivateAsync(GrainActivationContext activation, DeactivationReason reason)
    {
        try
        {
            await activation.Instance!.OnDeactivateAsync(reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "OnDeactivateAsync of {Grain} failed", activation.GrainId);
        }
        await SaveAsync([activation]).ConfigureAwait(false);
        _activations.Remove(activation.GrainId.Key);
        ActiveGrains = _activations.Count;
        RecomputeMinUnsaved();
        _stats.Deactivated(_type.Name);
        _logger.LogDebug("Deactivated {Grain} ({Reason}) at offset {Offset}", activation.GrainId, reason, activation.NextOffset);
    }
}
