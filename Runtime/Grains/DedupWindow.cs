namespace Trading.Runtime.Grains;

/// <summary>
/// Drops records already seen, by (source, sequence). A source's records normally arrive in order,
/// and a replayed source re-emits identical sequences, so per source it keeps a bounded set of recent
/// sequences and a floor: anything at or below the floor, or in the set, is a duplicate. The floor
/// rises as old sequences are evicted, so memory stays bounded per source.
/// </summary>
public sealed class DedupWindow
{
    private readonly int _capacityPerSource;
    private readonly Dictionary<string, SourceWindow> _sources = new(StringComparer.Ordinal);

    public DedupWindow(int capacityPerSource)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerSource, 1);
        _capacityPerSource = capacityPerSource;
    }

    public int SourceCount => _sources.Count;

    /// <summary>Records the sequence and returns true if it is new; false for a duplicate.</summary>
    public bool TryAccept(string source, long sequence)
    {
        if (!_sources.TryGetValue(source, out var window))
        {
            window = new SourceWindow();
            _sources.Add(source, window);
        }
        if (sequence <= window.Floor || !window.Recent.Add(sequence)) return false;
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

    public void Import(IReadOnlyDictionary<string, DedupSourceState>? state)
    {
        _sources.Clear();
        if (state is null) return;
        foreach (var (source, s) in state)
        {
            var window = new SourceWindow { Floor = s.Floor };
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
        public readonly HashSet<long> Recent = new();
        public readonly Queue<long> Order = new();
    }
}

/// <summary>Persisted form of one source's dedup window.</summary>
public sealed record DedupSourceState(long Floor, long[] Recent);
