using System.ComponentModel.DataAnnotations;

namespace Trading.Runtime.Configuration;

/// <summary>How the cluster runs: in one process with in-memory providers, or on Kafka and Redis.</summary>
public enum ClusterMode
{
    /// <summary>In-memory partitioned log and key-value state; no servers needed.</summary>
    Embedded,
    /// <summary>Kafka streams, Redis state, ClickHouse history.</summary>
    Kafka,
}

public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    [Required(AllowEmptyStrings = false), RegularExpression("^[A-Za-z0-9._-]+$")]
    public string ClusterId { get; set; } = "trading";

    /// <summary>This silo's name; empty means host name plus process id.</summary>
    public string SiloId { get; set; } = "";

    public string ResolveSiloId() =>
        string.IsNullOrWhiteSpace(SiloId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : SiloId;
}
