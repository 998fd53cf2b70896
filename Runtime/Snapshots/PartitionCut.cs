using System.Collections.Concurrent;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// The capture of one partition at a barrier. Grains with unsaved inputs are serialized by the worker when it
/// reads the barrier (<see cref="Captured"/>); every other grain's state is its stored checkpoint, which the
/// writer loads later. A grain the worker touches after the barrier while the writer is still loading (an
/// activation, or the first turn of a grain that was clean) first records its pre-barrier checkpoint in
/// <see cref="Late"/>, so the writer never takes a state from after the barrier.
/// </summary>
public sealed class PartitionCut
{
    private readonly ConcurrentDictionary<string, SnapshotEntry?> _late = new(StringComparer.Ordinal);
    private volatile bool _closed;

    public PartitionCut(SnapshotBarrier barrier, string topic, int partition, long barrierOffset, long committedOffset,
        long capturedAtMs, IReadOnlyDictionary<string, SnapshotEntry> captured, IReadOnlyDictionary<string, long> cleanActive, string? error)
    {
        Barrier = barrier;
        Topic = topic;
        Partition = partition;
        BarrierOffset = barrierOffset;
        CommittedOffset = committedOffset;
        CapturedAtMs = capturedAtMs;
        Captured = captured;
        CleanActive = cleanActive;
        Error = error;
    }

    public SnapshotBarrier Barrier { get; }
    public string Topic { get; }
    public int Partition { get; }
    public long BarrierOffset { get; }
    public long CommittedOffset { get; }
    public long CapturedAtMs { get; }

    /// <summary>Stopwatch time of the capture: a listing of the store started after it sees every pre-barrier checkpoint.</summary>
    public long CapturedAtTicks { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Grains serialized at the barrier (they had inputs not yet checkpointed).</summary>
    public IReadOnlyDictionary<string, SnapshotEntry> Captured { get; }

    /// <summary>Active grains whose stored checkpoint was current at the barrier, with that checkpoint's next offset.</summary>
    public IReadOnlyDictionary<string, long> CleanActive { get; }

    /// <summary>Why this cut cannot be used (e.g. a replayed barrier met grains already past it).</summary>
    public string? Error { get; }

    public bool IsClosed => _closed;

    public bool Wants(string key) => Barrier.KeyFilter is null || string.Equals(Barrier.KeyFilter, key, StringComparison.Ordinal);

    /// <summary>Worker thread: the grain's state as of the barrier, recorded before the grain changes. Null = no state.</summary>
    public void RecordLate(string key, SnapshotEntry? entry)
    {
        if (_closed || !Wants(key) || Captured.ContainsKey(key)) return;
        _late.TryAdd(key, entry);
    }

    public bool TryGetLate(string key, out SnapshotEntry? entry) => _late.TryGetValue(key, out entry);

    public IEnumerable<KeyValuePair<string, SnapshotEntry?>> Late => _late;

    /// <summary>Writer: every stored checkpoint is read; later changes no longer matter to this cut.</summary>
    public void Close() => _closed = true;
}
