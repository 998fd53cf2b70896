using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Trading.Runtime.Configuration;
using Trading.Runtime.Grains;
using Trading.Runtime.Messaging;
using Trading.Runtime.State;
using Trading.Runtime.Streams;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// Turns partition cuts into stored snapshot parts, off the grains' threads: loads the checkpoints of the
/// grains the worker did not serialize, keeps only the changes for an incremental snapshot, compresses,
/// stores, and reports to the coordinator. The queue is bounded: a worker reaching a barrier while it is
/// full waits (backpressure) rather than letting captures pile up in memory.
/// </summary>
public sealed class SnapshotPartWriter : IAsyncDisposable
{
    private readonly IGrainStateStore _grains;
    private readonly ISnapshotStore _snapshots;
    private readonly IMessageLog _log;
    private readonly ILogger _logger;
    private readonly Channel<PartitionCut> _queue;
    private readonly Task[] _loops;
    private readonly Lazy<IMessageProducer> _producer;
    private readonly Dictionary<(string SnapshotId, string GrainType, int Partitions), (long StartedAtTicks, Task<CheckpointListing> Listing)> _listings = new();
    private long _written;
    private long _failed;

    public SnapshotPartWriter(IGrainStateStore grains, ISnapshotStore snapshots, IMessageLog log, SnapshotOptions options, ILogger<SnapshotPartWriter> logger)
    {
        _grains = grains;
        _snapshots = snapshots;
        _log = log;
        _logger = logger;
        _producer = new Lazy<IMessageProducer>(log.CreateProducer, LazyThreadSafetyMode.ExecutionAndPublication);
        _queue = Channel.CreateBounded<PartitionCut>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, SingleWriter = false, SingleReader = false,
        });
        _loops = new Task[options.WriterConcurrency];
        for (var i = 0; i < _loops.Length; i++) _loops[i] = Task.Run(LoopAsync);
    }

    public int Queued => _queue.Reader.Count;
    public long PartsWritten => Interlocked.Read(ref _written);
    public long PartsFailed => Interlocked.Read(ref _failed);

    /// <summary>Queues a cut; waits while the queue is full.</summary>
    public ValueTask EnqueueAsync(PartitionCut cut) => _queue.Writer.WriteAsync(cut);

    private async Task LoopAsync()
    {
        await foreach (var cut in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await WriteAsync(cut).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                cut.Close();
                Interlocked.Increment(ref _failed);
                _logger.LogError(e, "Snapshot {SnapshotId}: part {GrainType}/{Partition} failed", cut.Barrier.SnapshotId, cut.Barrier.GrainType, cut.Partition);
                Report(cut, partitionCount: 0, grains: 0, changed: 0, bytes: 0, checksum: "", error: e.Message);
            }
        }
    }

    private async Task WriteAsync(PartitionCut cut)
    {
        var started = Stopwatch.GetTimestamp();
        var b = cut.Barrier;
        var partitions = _log.PartitionCount(cut.Topic);
        if (cut.Error is not null)
        {
            cut.Close();
            Interlocked.Increment(ref _failed);
            Report(cut, partitions, 0, 0, 0, "", cut.Error);
            return;
        }
        var existing = await _snapshots.GetPartAsync(b.SnapshotId, b.GrainType, cut.Partition).ConfigureAwait(false);
        if (existing is not null)
        {
            // A replayed barrier (the partition moved or the silo restarted): the part written the first time stands.
            cut.Close();
            var content = SnapshotPart.Content(existing);
            var stored = SnapshotPart.Decode(content);
            var grains = stored.Entries.Count + stored.References.Count;
            Report(cut, partitions, grains, grains, existing.Length, stored.Origin ?? SnapshotPart.ContentChecksum(content), null); // resolved: the checksum it was reported with
            return;
        }

        var baseIndex = b.BaseSnapshotId is null ? null : await LoadIndexAsync(b.BaseSnapshotId, b.GrainType, cut.Partition).ConfigureAwait(false);
        using var part = new SnapshotPartBuilder(b.BaseSnapshotId);
        var present = _grains.KeepsSnapshotVersions
            ? await CollectByReferenceAsync(cut, partitions, baseIndex, part).ConfigureAwait(false)
            : await CollectAsync(cut, partitions, baseIndex, part).ConfigureAwait(false);
        var collected = Stopwatch.GetTimestamp();
        var storedCount = part.Count;
        if (baseIndex is null)
            await _snapshots.PutBlobAsync(b.SnapshotId, IndexName(b.GrainType, cut.Partition), SnapshotPartIndex.Encode(part.Offsets())).ConfigureAwait(false);
        else
            foreach (var key in baseIndex.Keys)
                if (!present.Contains(key)) part.Delete(key);
        // A part of references is small (the states of the grains serialized at the cut, keys and offsets for the rest), and
        // its snapshot is not stored until it is: built here, not left waiting for CPU on a low-priority thread.
        var bytes = _grains.KeepsSnapshotVersions ? part.Build() : await LowPriorityWork.Run(part.Build).ConfigureAwait(false);
        var encoded = Stopwatch.GetTimestamp();
        await _snapshots.PutPartAsync(b.SnapshotId, b.GrainType, cut.Partition, bytes).ConfigureAwait(false);
        Interlocked.Increment(ref _written);
        Report(cut, partitions, present.Count, storedCount, bytes.Length, SnapshotPart.Checksum(bytes), null);
        _logger.LogDebug("Snapshot {SnapshotId}: part {GrainType}/{Partition} at offset {Offset}: {Grains} grains ({Changed} stored), {Bytes} bytes in {Ms} ms (queued {QueuedMs} ms, collected in {CollectMs} ms, encoded in {EncodeMs} ms, stored in {StoreMs} ms)",
            b.SnapshotId, b.GrainType, cut.Partition, cut.BarrierOffset, present.Count, storedCount, bytes.Length,
            (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int)Stopwatch.GetElapsedTime(cut.CapturedAtTicks, started).TotalMilliseconds,
            (int)Stopwatch.GetElapsedTime(started, collected).TotalMilliseconds, (int)Stopwatch.GetElapsedTime(collected, encoded).TotalMilliseconds,
            (int)Stopwatch.GetElapsedTime(encoded).TotalMilliseconds);
    }

    /// <summary>
    /// Adds the grains of the partition as of the barrier to <paramref name="part"/>: serialized ones, then stored
    /// checkpoints (or their pre-barrier copy), and returns the keys of every grain the partition holds. With a base index
    /// (an incremental snapshot) a grain whose next offset equals the base's is unchanged - the same inputs give the same
    /// state - and is not stored again; a stored one at that offset is not even read. Checkpoints are read in batches of
    /// <see cref="ReadBatch"/> (the next batch in flight while one is added), so only a batch of them is alive at a time.
    /// </summary>
    private async Task<HashSet<string>> CollectAsync(PartitionCut cut, int partitions, IReadOnlyDictionary<string, long>? baseIndex,
        SnapshotPartBuilder part)
    {
        var b = cut.Barrier;
        var present = AddCaptured(cut, baseIndex, part);

        var listing = await ListingAfter(cut, partitions).ConfigureAwait(false);
        var wanted = new List<GrainId>();
        foreach (var (key, offset) in listing.Of(cut.Partition))
        {
            if (present.Contains(key) || !cut.Wants(key)) continue;
            if (offset <= cut.BarrierOffset && Unchanged(baseIndex, key, offset))
            {
                present.Add(key); // unchanged since the base snapshot
                continue;
            }
            wanted.Add(new GrainId(b.GrainType, key));
        }

        // A checkpoint read before the cut closes is as good as one read after: a grain saved past the barrier had its
        // pre-barrier copy recorded before that save (PartitionWorker.KeepCleanState), so before the read saw it.
        var next = wanted.Count > 0 ? _grains.LoadEncodedAsync(Batch(wanted, 0)) : null;
        for (var start = 0; start < wanted.Count; start += ReadBatch)
        {
            var loaded = await next!.ConfigureAwait(false);
            next = start + ReadBatch < wanted.Count ? _grains.LoadEncodedAsync(Batch(wanted, start + ReadBatch)) : null;
            try
            {
                AddBatch(cut, baseIndex, part, present, wanted, start, loaded);
            }
            catch
            {
                // The part fails; the read in flight is not awaited any more, so observe its outcome here.
                next?.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
                throw;
            }
        }
        CloseAndAddLate(cut, baseIndex, part, present);
        return present;
    }

    /// <summary>
    /// As <see cref="CollectAsync"/>, where the checkpoint store keeps the versions a recorded cut refers to: a grain not
    /// serialized at the barrier is added as a reference to its checkpoint at the barrier (the offset the worker saw for
    /// an active grain, the listing's for the rest), and nothing is read. A grain activated after the barrier was recorded
    /// with its checkpoint as loaded (<see cref="PartitionCut.Late"/>) and is added as that.
    /// </summary>
    private async Task<HashSet<string>> CollectByReferenceAsync(PartitionCut cut, int partitions, IReadOnlyDictionary<string, long>? baseIndex,
        SnapshotPartBuilder part)
    {
        var present = AddCaptured(cut, baseIndex, part);
        var listing = await ListingAfter(cut, partitions).ConfigureAwait(false);
        foreach (var (key, listed) in listing.Of(cut.Partition))
        {
            if (present.Contains(key) || !cut.Wants(key)) continue;
            var offset = cut.CleanActive.TryGetValue(key, out var clean) ? clean : listed;
            if (offset > cut.BarrierOffset)
            {
                if (!cut.TryGetLate(key, out var late))
                    throw new InvalidOperationException($"Grain {cut.Barrier.GrainType}/{key} is past the barrier at {cut.BarrierOffset} (offset {offset}) with no pre-barrier copy.");
                if (late is null) continue; // created after the barrier
                present.Add(key);
                AddUnlessUnchanged(part, late, baseIndex);
                continue;
            }
            present.Add(key);
            if (!Unchanged(baseIndex, key, offset)) part.AddReference(key, offset);
        }
        CloseAndAddLate(cut, baseIndex, part, present);
        return present;
    }

    /// <summary>Adds the grains serialized at the barrier; the keys of the partition's grains so far.</summary>
    private static HashSet<string> AddCaptured(PartitionCut cut, IReadOnlyDictionary<string, long>? baseIndex, SnapshotPartBuilder part)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, entry) in cut.Captured)
        {
            present.Add(key);
            AddUnlessUnchanged(part, entry, baseIndex);
        }
        return present;
    }

    /// <summary>Closes the cut, then adds the grains activated after the barrier that the listing did not hold, as recorded.</summary>
    private static void CloseAndAddLate(PartitionCut cut, IReadOnlyDictionary<string, long>? baseIndex, SnapshotPartBuilder part, HashSet<string> present)
    {
        cut.Close();
        foreach (var (key, late) in cut.Late)
            if (late is not null && present.Add(key)) AddUnlessUnchanged(part, late, baseIndex);
    }

    /// <summary>Adds one batch of the wanted grains (<paramref name="start"/> on) as read.</summary>
    private static void AddBatch(PartitionCut cut, IReadOnlyDictionary<string, long>? baseIndex, SnapshotPartBuilder part,
        HashSet<string> present, List<GrainId> wanted, int start, byte[]?[] loaded)
    {
        var end = Math.Min(wanted.Count, start + ReadBatch);
        for (var i = start; i < end; i++)
        {
            var id = wanted[i];
            var stored = loaded[i - start];
            long nextOffset = 0;
            var payload = stored is null ? default : GrainCheckpointCodec.Read(stored, out _, out nextOffset);
            if (stored is not null && nextOffset <= cut.BarrierOffset)
            {
                present.Add(id.Key);
                if (!Unchanged(baseIndex, id.Key, nextOffset)) part.Add(id.Key, nextOffset, payload);
            }
            else if (cut.TryGetLate(id.Key, out var late))
            {
                // Saved after the barrier: the worker recorded the pre-barrier checkpoint before the grain changed.
                if (late is null) continue; // created after the barrier
                present.Add(id.Key);
                AddUnlessUnchanged(part, late, baseIndex);
            }
            else if (stored is not null)
                throw new InvalidOperationException($"Grain {id} is past the barrier at {cut.BarrierOffset} (offset {nextOffset}) with no pre-barrier copy.");
            // else deleted since it was listed
        }
    }

    private const int ReadBatch = 2_000;

    private static List<GrainId> Batch(List<GrainId> wanted, int start) => wanted.GetRange(start, Math.Min(ReadBatch, wanted.Count - start));

    private static void AddUnlessUnchanged(SnapshotPartBuilder part, SnapshotEntry entry, IReadOnlyDictionary<string, long>? baseIndex)
    {
        if (!Unchanged(baseIndex, entry.Key, entry.NextOffset)) part.Add(entry.Key, entry.NextOffset, entry.Payload);
    }

    /// <summary>
    /// True if an incremental snapshot's base holds the grain at this next offset: the same inputs give the same state,
    /// so it is not stored again. Never for a full snapshot (no base index).
    /// </summary>
    private static bool Unchanged(IReadOnlyDictionary<string, long>? baseIndex, string key, long nextOffset) =>
        baseIndex is not null && baseIndex.TryGetValue(key, out var baseOffset) && baseOffset == nextOffset;

    /// <summary>
    /// A listing of the grain type's checkpoints started after the cut was captured (so it holds every checkpoint saved
    /// before the barrier), shared by the snapshot's partitions: every cut captured before a listing started reuses it,
    /// a cut captured after it starts a new one (a grain saved in between would be missing from the older listing).
    /// </summary>
    private Task<CheckpointListing> ListingAfter(PartitionCut cut, int partitions)
    {
        lock (_listings)
        {
            var key = (cut.Barrier.SnapshotId, cut.Barrier.GrainType, partitions);
            if (_listings.TryGetValue(key, out var listing) && listing.StartedAtTicks >= cut.CapturedAtTicks) return listing.Listing;
            if (_listings.Count >= 16) _listings.Clear();
            var fresh = (Stopwatch.GetTimestamp(), ListAsync(cut.Barrier.SnapshotId, cut.Barrier.GrainType, partitions));
            _listings[key] = fresh;
            return fresh.Item2;
        }
    }

    private async Task<CheckpointListing> ListAsync(string snapshotId, string grainType, int partitions)
    {
        var started = Stopwatch.GetTimestamp();
        var offsets = await _grains.ListOffsetsAsync(grainType).ConfigureAwait(false);
        var listing = new CheckpointListing(offsets, partitions);
        _logger.LogDebug("Snapshot {SnapshotId}: listed {Grains} {GrainType} checkpoints in {Ms} ms", snapshotId, offsets.Count, grainType,
            (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return listing;
    }

    private async Task<IReadOnlyDictionary<string, long>> LoadIndexAsync(string baseSnapshotId, string grainType, int partition)
    {
        var bytes = await _snapshots.GetBlobAsync(baseSnapshotId, IndexName(grainType, partition)).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Base snapshot {baseSnapshotId} has no index of {grainType}/{partition}.");
        return SnapshotPartIndex.Decode(bytes);
    }

    /// <summary>The blob holding a full part's grain keys and next offsets (what incremental snapshots compare against).</summary>
    public static string IndexName(string grainType, int partition) => $"index:{grainType}:{partition}";

    private void Report(PartitionCut cut, int partitionCount, int grains, int changed, long bytes, string checksum, string? error)
    {
        var b = cut.Barrier;
        var report = new SnapshotPartReport(b.SnapshotId, b.GrainType, cut.Topic, cut.Partition, partitionCount, cut.BarrierOffset,
            cut.BarrierOffset + 1, cut.CommittedOffset, grains, changed, bytes, checksum, error, cut.CapturedAtMs,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var envelope = new MessageEnvelope(MessageKind.Message, $"$snapshot/{b.GrainType}/{cut.Partition}", cut.BarrierOffset,
            nameof(SnapshotPartReport), null, null, report.StoredAtMs,
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(report, MessageTypeRegistry.JsonOptions));
        _producer.Value.Produce(b.ReportTopic, b.ReportKey, EnvelopeCodec.Encode(envelope), r =>
        {
            if (!r.Succeeded) _logger.LogError("Snapshot {SnapshotId}: report of {GrainType}/{Partition} not delivered: {Error}", b.SnapshotId, b.GrainType, cut.Partition, r.Error);
        });
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(10));
            _producer.Value.Dispose();
        }
    }
}
