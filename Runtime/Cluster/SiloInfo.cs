namespace Trading.Runtime.Cluster;

public enum SiloStatus { Starting, Active, Stopping, Stopped }

/// <summary>What one silo says about itself in the cluster status.</summary>
public sealed record SiloInfo(
    string SiloId,
    string Mode,
    SiloStatus Status,
    DateTimeOffset StartedAt,
    string StreamProvider,
    string StateProvider);
