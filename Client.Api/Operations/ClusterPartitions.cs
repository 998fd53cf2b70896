using Trading.Runtime.Hosting;

namespace Trading.Client.Api.Operations;

/// <summary>One grain input partition and the silo that reported it.</summary>
public sealed record OwnedPartition(string SiloId, string GrainType, string? GroupId, PartitionReport Report);

/// <summary>The grain input partitions of the cluster from the silos' reports; a partition two reports claim (during a rebalance) is taken from the newer.</summary>
public static class ClusterPartitions
{
    public static IReadOnlyList<OwnedPartition> Of(IReadOnlyList<SiloReport> reports)
    {
        var newest = new Dictionary<(string Topic, int Partition), (long At, OwnedPartition Owned)>();
        foreach (var silo in reports)
        foreach (var (grainType, type) in silo.GrainTypes)
        foreach (var p in type.Partitions)
        {
            var key = (p.Topic, p.Partition);
            if (!newest.TryGetValue(key, out var seen) || seen.At < silo.Timestamp)
                newest[key] = (silo.Timestamp, new OwnedPartition(silo.SiloId, grainType, type.GroupId, p));
        }
        return newest.Values.Select(v => v.Owned)
            .OrderBy(o => o.Report.Topic, StringComparer.Ordinal).ThenBy(o => o.Report.Partition).ToArray();
    }
}
