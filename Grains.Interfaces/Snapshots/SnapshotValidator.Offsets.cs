namespace Trading.Grains.Interfaces.Snapshots;

public static partial class SnapshotValidator
{
    private static void Offsets(MatchEngineSnapshot s, IReadOnlyDictionary<string, int>? expected, List<SnapshotProblem> problems)
    {
        foreach (var (topic, record) in s.KafkaOffsetSnapshots)
        {
            var item = $"kafkaOffsetSnapshots.{topic}";
            if (record.Topic != topic) KeyMismatch(problems, item, record.Topic);
            foreach (var (partition, p) in record.Partitions)
                if (p.Partition != partition || p.Topic != topic)
                    KeyMismatch(problems, $"{item}.partitions.{partition}", $"{p.Topic}/{p.Partition}");
            if (expected is null || !expected.ContainsKey(topic))
                Coverage(item, HighestPartition(record.Partitions.Keys) + 1, record);
        }
        if (expected is null) return;
        foreach (var (topic, count) in expected)
        {
            var item = $"kafkaOffsetSnapshots.{topic}";
            if (!s.KafkaOffsetSnapshots.TryGetValue(topic, out var record))
                problems.Add(new(SnapshotChecks.OffsetMissing, item, $"{item}: no offsets for topic {topic} ({count} partitions)"));
            else Coverage(item, count, record);
        }

        void Coverage(string item, int partitions, KafkaOffsetRecord record)
        {
            for (var p = 0; p < partitions; p++)
                if (!record.Partitions.ContainsKey(p))
                    problems.Add(new(SnapshotChecks.OffsetMissing, $"{item}.partitions.{p}", $"{item}.partitions.{p}: no offset for partition {p}"));
        }
    }

    /// <summary>Each grain topic named by a part needs a part per partition and grain type (partitions as for the offsets).</summary>
    private static void EngineState(MatchEngineSnapshot s, IReadOnlyDictionary<string, int>? expected, List<SnapshotProblem> problems)
    {
        if (s.EngineState is null) return;
        var parts = s.EngineState.Parts;
        var covered = new Dictionary<(string GrainType, string Topic), HashSet<int>>();
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part is null)
            {
                problems.Add(new(SnapshotChecks.RequiredFieldMissing, $"engineState.parts[{i}]", $"engineState.parts[{i}]: null"));
                continue;
            }
            var key = (part.GrainType ?? "", part.Topic ?? "");
            if (!covered.TryGetValue(key, out var set)) covered[key] = set = [];
            if (!set.Add(part.Partition))
                problems.Add(new(SnapshotChecks.EngineStatePartitionDuplicate, $"engineState.parts[{i}]",
                    $"engineState.parts[{i}]: {part.GrainType} partition {part.Topic}/{part.Partition} is covered twice"));
        }
        foreach (var ((grainType, topic), set) in covered)
        {
            var partitions = expected is not null && expected.TryGetValue(topic, out var n) ? n
                : s.KafkaOffsetSnapshots.TryGetValue(topic, out var record) ? HighestPartition(record.Partitions.Keys) + 1
                : HighestPartition(set) + 1;
            for (var p = 0; p < partitions; p++)
                if (!set.Contains(p))
                {
                    var item = $"engineState.parts[{grainType}/{topic}/{p}]";
                    problems.Add(new(SnapshotChecks.EngineStatePartitionMissing, item, $"{item}: no {grainType} part for partition {topic}/{p}"));
                }
        }
    }

    private static int HighestPartition(IEnumerable<int> partitions)
    {
        var highest = -1;
        foreach (var p in partitions) highest = Math.Max(highest, p);
        return highest;
    }
}
