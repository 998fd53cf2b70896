namespace Trading.Runtime.Grains;

/// <summary>
/// Drops records already seen, by (source, sequence). A source's records normally arrive in order,
/// and a replayed source re-emits identical sequences, so per source it keeps a bounded set of recent
/// sequences and a floor: anything at or below the floor, or in the set, is a duplicate. The floor
/// rises as old sequences are evicted, so memory stays bounded per source. A source quiet for
/// <see cref="QuietInputs"/> records (none of them accepted from it) keeps only its floor, raised to the highest
/// sequence it sent: a later record of a source always has a higher sequence, so only a record the log
/// reordered by more than that many inputs could be mistaken for a duplicate. So a grain that hears from
/// many sources (a book from every account that ever traded) holds a window for the recently active ones
/// only, and a floor per source.
/// </summary>
public sealed class DedupWindow
{
    /// <summary>Inputs between two looks for quiet sources.</summary>
    public const int CompactEvery = 4096;
    public const long DefaultQuietInputs = 1_000_000;
    private readonly int _capacityPerSource;
    private readonly Dictionary<string, SourceWindow> _sources = new(StringComparer.Ordinal);
    private long _inputs; // records looked at since this window was made or imported (accepted or not)

    public DedupWindow(int capacityPerSource, long quietInputs = DefaultQuietInputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerSource, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(quietInputs, 1);
        _capacityPerSource = capacityPerSource;
        QuietInputs = quietInputs;
    }

    /// <summary>A source without an accepted record for this many inputs keeps only its floor.</summary>
    public long QuietInputs { get; }

    public int SourceCount => _sources.Count;

    /// <summary>Sequences held in the recent sets of all sources (what a checkpoint stores beside the floors).</summary>
    public long RecentCount
    {
        get
        {
            long count = 0;
            foreach (var window in _sources.Values) count += window.Order.Count;
            return count;
        }
    }

    /// <summary>Records the sequence and returns true if it is new; false for a duplicate.</summary>
    public bool TryAccept(string source, long sequence)
    {
        if (++_inputs % CompactEvery == 0) ForgetQuietSources();
        if (!_sources.TryGetValue(source, out var window))
        {
            window = new SourceWindow();
            _sources.Add(source, window);
        }
        if (sequence <= window.Floor || !window.Recent.Add(sequence)) return false;
        window.LastAcceptedAt = _inputs;
        window.Order.Enqueue(sequence);
        if (window.Order.Count > _capacityPerSource)
        {
            var evicted = window.Order.Dequeue();
            window.Recent.Remove(evicted);
            if (evicted > window.Floor) window.Floor = evicted;
        }
        return true;
    }

    /// <summary>Whether the record would be dropped, without recording it.</summary>
    public bool IsDuplicate(string source, long sequence) =>
        _sources.TryGetValue(source, out var w) && (sequence <= w.Floor || w.Recent.Contains(sequence));

    public Dictionary<string, DedupSourceState> Export()
    {
        var result = new Dictionary<string, DedupSourceState>(_sources.Count, StringComparer.Ordinal);
        foreach (var (source, window) in _sources) result[source] = new DedupSourceState(window.Floor, window.Order.ToArray());
        return result;
    }

    /// <summary>Every source quiet for <see cref="QuietInputs"/> inputs keeps only its floor, raised to its highest sequence.</summary>
    private void ForgetQuietSources()
    {
        foreach (var window in _sources.Values)
        {
            if (window.Order.Count == 0 || _inputs - window.LastAcceptedAt < QuietInputs) continue;
            foreach (var sequence in window.Order)
                if (sequence > window.Floor) window.Floor = sequence;
            window.Order.Clear();
            window.Recent.Clear();
            window.Recent.TrimExcess();
            window.Order.TrimExcess();
        }
    }

    public void Import(IReadOnlyDictionary<string, DedupSourceState>? state)
    {
        _sources.Clear();
        _inputs = 0;
        if (state is null) return;
        foreach (var (source, s) in state)
        {
            var window = new SourceWindow { Floor = s.Floor }; // counts as just heard from: quiet again after QuietInputs more
            foreach (var seq in s.Recent)
            {
                if (window.Recent.Add(seq)) window.Order.Enqueue(seq);
            }
            _sources[source] = window;
        }
    }

    private sealed class SourceWindow
    {
        public long Floor = long.MinValue;
        public long LastAcceptedAt; // the input count when a record of this source was last accepted
        public readonly HashSet<long> Recent = new();
        public readonly Queue<long> Order = new();
    }
}

/// <summary>Persisted form of one source's dedup window (a quiet source's holds its floor only).</summary>
public sealed record DedupSourceState(long Floor, long[] Recent);
