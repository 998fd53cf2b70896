namespace Trading.Grains.Interfaces.Snapshots;

public static partial class SnapshotValidator
{
    /// <summary>
    /// The document with null sections replaced by empty ones and null entries (and entries with null lists) left
    /// out, each reported, so the other checks can run on whatever remains.
    /// </summary>
    private static MatchEngineSnapshot Normalized(MatchEngineSnapshot s, List<SnapshotProblem> problems)
    {
        return s with
        {
            OrderBookSnapshots = Map(s.OrderBookSnapshots, SnapshotSections.OrderBooks,
                b => b.BuyDepth is not null && b.SellDepth is not null && b.OrderIds is not null && b.StopOrderIds is not null && NoNullLevels(b)),
            PositionSnapshots = Map(s.PositionSnapshots, SnapshotSections.Positions, _ => true),
            OrderSnapshots = List(s.OrderSnapshots, SnapshotSections.Orders),
            PositionLockSnapshots = List(s.PositionLockSnapshots, SnapshotSections.PositionLocks),
            SymbolSnapshots = Map(s.SymbolSnapshots, SnapshotSections.Symbols, _ => true),
            MemoryStats = s.MemoryStats ?? Missing(SnapshotSections.MemoryStats, new MemoryStats()),
            KafkaOffsetSnapshots = Map(s.KafkaOffsetSnapshots, SnapshotSections.KafkaOffsets, t => t.Partitions is not null && NoNull(t.Partitions.Values)),
            AccountSnapshots = Map(s.AccountSnapshots, SnapshotSections.Accounts, _ => true),
            EngineState = s.EngineState is { Parts: null } ? Missing($"{SnapshotSections.EngineState}.parts", new EngineStateReference()) : s.EngineState,
        };

        T Missing<T>(string item, T empty)
        {
            problems.Add(new(SnapshotChecks.RequiredFieldMissing, item, $"{item}: required"));
            return empty;
        }

        IReadOnlyDictionary<string, T> Map<T>(IReadOnlyDictionary<string, T>? map, string section, Func<T, bool> complete) where T : class
        {
            if (map is null) return Missing(section, new Dictionary<string, T>());
            var clean = true;
            foreach (var value in map.Values)
                if (value is null || !complete(value)) { clean = false; break; }
            if (clean) return map;
            var kept = new Dictionary<string, T>(map.Count);
            foreach (var (key, value) in map)
                if (value is null || !complete(value)) Missing($"{section}.{key}", 0);
                else kept.Add(key, value);
            return kept;
        }

        IReadOnlyList<T> List<T>(IReadOnlyList<T>? list, string section) where T : class
        {
            if (list is null) return Missing(section, Array.Empty<T>());
            var nulls = 0;
            for (var i = 0; i < list.Count; i++) if (list[i] is null) nulls++;
            if (nulls == 0) return list;
            var kept = new List<T>(list.Count - nulls);
            for (var i = 0; i < list.Count; i++)
                if (list[i] is null) Missing($"{section}[{i}]", 0);
                else kept.Add(list[i]);
            return kept;
        }
    }

    private static bool NoNullLevels(OrderBookRecord b) => NoNull(b.BuyDepth) && NoNull(b.SellDepth);

    private static bool NoNull<T>(IEnumerable<T> items) where T : class
    {
        foreach (var item in items) if (item is null) return false;
        return true;
    }
}
