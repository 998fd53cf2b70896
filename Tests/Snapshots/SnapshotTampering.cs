using Trading.Grains.Interfaces.Snapshots;

namespace Trading.Tests.Snapshots;

/// <summary>Copies of a snapshot document with one thing changed.</summary>
internal static class SnapshotTampering
{
    /// <summary>Counters recounted and checksums recomputed, so only the targeted check can fail.</summary>
    public static MatchEngineSnapshot Reseal(MatchEngineSnapshot s) => SnapshotChecksums.Seal(s with { MemoryStats = MemoryStats.Of(s) });

    public static MatchEngineSnapshot Order(MatchEngineSnapshot s, long orderId, Func<OrderRecord, OrderRecord> change)
    {
        var orders = s.OrderSnapshots.ToList();
        var i = orders.FindIndex(o => o.OrderId == orderId);
        Assert.True(i >= 0, $"no order {orderId}");
        orders[i] = change(orders[i]);
        return s with { OrderSnapshots = orders };
    }

    public static MatchEngineSnapshot WithoutOrder(MatchEngineSnapshot s, long orderId) =>
        s with { OrderSnapshots = s.OrderSnapshots.Where(o => o.OrderId != orderId).ToList() };

    public static MatchEngineSnapshot Book(MatchEngineSnapshot s, string symbol, Func<OrderBookRecord, OrderBookRecord> change) =>
        s with { OrderBookSnapshots = Replace(s.OrderBookSnapshots, symbol, change) };

    public static MatchEngineSnapshot Position(MatchEngineSnapshot s, string key, Func<PositionRecord, PositionRecord> change) =>
        s with { PositionSnapshots = Replace(s.PositionSnapshots, key, change) };

    public static MatchEngineSnapshot Lock(MatchEngineSnapshot s, int index, Func<PositionLockRecord, PositionLockRecord> change)
    {
        var locks = s.PositionLockSnapshots.ToList();
        locks[index] = change(locks[index]);
        return s with { PositionLockSnapshots = locks };
    }

    public static MatchEngineSnapshot Topic(MatchEngineSnapshot s, string topic, Func<KafkaOffsetRecord, KafkaOffsetRecord> change) =>
        s with { KafkaOffsetSnapshots = Replace(s.KafkaOffsetSnapshots, topic, change) };

    public static MatchEngineSnapshot Parts(MatchEngineSnapshot s, Func<List<EngineStatePart>, List<EngineStatePart>> change) =>
        s with { EngineState = new EngineStateReference { Parts = change(s.EngineState!.Parts.ToList()) } };

    public static MatchEngineSnapshot Checksums(MatchEngineSnapshot s, Action<Dictionary<string, string>> change)
    {
        var checksums = new Dictionary<string, string>(s.Checksums);
        change(checksums);
        return s with { Checksums = checksums };
    }

    public static IReadOnlyDictionary<string, T> Replace<T>(IReadOnlyDictionary<string, T> map, string key, Func<T, T> change)
    {
        Assert.True(map.ContainsKey(key), $"no entry {key}");
        return map.ToDictionary(e => e.Key, e => e.Key == key ? change(e.Value) : e.Value);
    }

    public static IReadOnlyDictionary<string, T> Without<T>(IReadOnlyDictionary<string, T> map, string key) =>
        map.Where(e => e.Key != key).ToDictionary(e => e.Key, e => e.Value);

    public static IReadOnlyDictionary<string, T> Rekey<T>(IReadOnlyDictionary<string, T> map, string key, string newKey) =>
        map.ToDictionary(e => e.Key == key ? newKey : e.Key, e => e.Value);
}
