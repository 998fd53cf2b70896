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

    /// <summary>The next offset of the grain's stored checkpoint (loaded or last saved); -1 while it has none.</summary>
    public long StoredOffset { get; set; } = -1;

    /// <summary>Offset of the first input applied since the last checkpoint; null when clean.</summary>
    public long? FirstUnsavedOffset { get; set; }
    public int UnsavedCount { get; set; }
    public long DirtySinceTicks { get; set; }
    public long LastActiveTicks { get; set; }
    public bool CheckpointRequested { get; private set; }

    public void RequestCheckpoint() => CheckpointRequested = true;

    /// <summary>The state was serialized for a checkpoint: a request made before is served by it.</summary>
    public void CheckpointSerialized() => CheckpointRequested = false;

    /// <summary>
    /// The checkpoint serialized at <paramref name="savedNextOffset"/>, covering <paramref name="savedCount"/> unsaved
    /// inputs, is stored; inputs handled since its serialization stay unsaved.
    /// </summary>
    public void MarkSaved(long savedNextOffset, int savedCount)
    {
        StoredOffset = savedNextOffset;
        FirstUnsavedOffset = NextOffset == savedNextOffset ? null : savedNextOffset;
        UnsavedCount = FirstUnsavedOffset is null ? 0 : Math.Max(0, UnsavedCount - savedCount);
    }

    public Task ReloadStateAsync() => _reload(this);
}
