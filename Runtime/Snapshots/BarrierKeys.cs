using System.Collections.Concurrent;
using System.Globalization;
using Trading.Runtime.Partitioning;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// Record keys that route a barrier to a chosen partition. Keys in the reserved <c>$barrier/</c> namespace are
/// never grain keys: the first such key that murmur2 sends to each partition is used, so every producer
/// (Kafka or the in-memory log) puts the barrier where it was meant to go.
/// </summary>
public static class BarrierKeys
{
    public const string Prefix = "$barrier/";

    private static readonly ConcurrentDictionary<int, string[]> ByCount = new();

    public static bool IsBarrierKey(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>One key per partition, index = partition.</summary>
    public static IReadOnlyList<string> For(int partitionCount) => ByCount.GetOrAdd(partitionCount, Find);

    private static string[] Find(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var keys = new string[count];
        var found = 0;
        for (var i = 0; found < count; i++)
        {
            var key = Prefix + i.ToString(CultureInfo.InvariantCulture);
            var p = Murmur2Partitioner.Partition(key, count);
            if (keys[p] is not null) continue;
            keys[p] = key;
            found++;
        }
        return keys;
    }
}
