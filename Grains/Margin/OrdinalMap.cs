using System.Collections;

namespace Trading.Grains.Margin;

/// <summary>
/// A map from string keys (assets, symbols) to values, kept sorted by ordinal key in two parallel lists. An account
/// holds a handful of assets and symbols and sums over them on every order: a binary search over a short list and an
/// allocation-free walk beat a sorted tree, whose enumerator allocates a stack each time.
/// </summary>
internal sealed class OrdinalMap<TValue> where TValue : class
{
    private readonly List<string> _keys = new();
    private readonly List<TValue> _values = new();

    public int Count => _keys.Count;

    /// <summary>The values in ascending ordinal key order.</summary>
    public ValueList Values => new(_values);

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No entry for '{key}'.");

    public bool TryGetValue(string key, out TValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : null!;
        return index >= 0;
    }

    public TValue? GetValueOrDefault(string key) => TryGetValue(key, out var value) ? value : null;

    /// <exception cref="ArgumentException">The key is already present.</exception>
    public void Add(string key, TValue value)
    {
        var index = IndexOf(key);
        if (index >= 0) throw new ArgumentException($"An entry for '{key}' already exists.", nameof(key));
        _keys.Insert(~index, key);
        _values.Insert(~index, value);
    }

    private int IndexOf(string key)
    {
        int low = 0, high = _keys.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var order = string.CompareOrdinal(_keys[mid], key);
            if (order == 0) return mid;
            if (order < 0) low = mid + 1;
            else high = mid - 1;
        }
        return ~low;
    }

    /// <summary>The values, enumerable without allocation by <c>foreach</c>.</summary>
    public readonly struct ValueList(List<TValue> values) : IEnumerable<TValue>
    {
        public int Count => values.Count;
        public List<TValue>.Enumerator GetEnumerator() => values.GetEnumerator();
        IEnumerator<TValue> IEnumerable<TValue>.GetEnumerator() => values.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => values.GetEnumerator();
    }
}
