namespace Trading.Runtime.Grains;

/// <summary>The runtime's bookkeeping for one activation: offsets, checkpoint duties, timers, dedup.</summary>
internal sealed class GrainActivationContext
{
    private readonly Func<GrainActivationContext, Task> _reload;

    public GrainActivationContext(GrainId grainId, int partition, int dedupWindow, long dedupQuietInputs, Func<GrainActivationContext, Task> reload)
    {
        GrainId = grainId;
        Source = grainId.ToString();
        Partition = partition;
        Dedup = new DedupWindow(dedupWindow, dedupQuietInputs);
        _reload = reload;
    }

    public GrainId GrainId { get; }

    /// <summary>The grain id as the source of its outputs (<c>Type/Key</c>), built once instead of once per turn.</summary>
    public string Source { get; }
    public int Partition { get; }
    public Grain? Instance { get; set; }
    public GrainTimers Timers { get; } = new();
    public DedupWindow Dedup { get; }

    /// <summary>Every input below this offset has been applied to the in-memory state.</summary>
    public long NextOffset { get; set; }

    /// <summary>Offset of the first input applied since the last checkpoint; null when clean.</summary>
    public long? FirstUnsavedOffset { get; set; }
    public int UnsavedCount { get; set; }
    public long DirtySinceTicks { get; set; }
    public long LastActiveTicks { get; set; }
    public bool CheckpointRequested { get; private set; }

    public void RequestCheckpoint() => CheckpointRequested = true;

    public void MarkSaved(long savedNextOffset)
    {
        CheckpointRequested = false;
        FirstUnsavedOffset = NextOffset == savedNextOffset ? null : savedNextOffset;
        if (FirstUnsavedOffset is null) UnsavedCount = 0;
    }

    public Task ReloadStateAsync() => _reload(this);
}
