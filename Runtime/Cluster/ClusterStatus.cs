namespace Trading.Runtime.Cluster;

/// <summary>The answer of GET /api/cluster/status.</summary>
public sealed record ClusterStatus(
    string ClusterId,
    string Mode,
    IReadOnlyList<SiloInfo> Silos,
    IReadOnlyDictionary<string, string> Topics);
