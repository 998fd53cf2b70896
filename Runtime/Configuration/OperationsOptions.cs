using System.ComponentModel.DataAnnotations;

namespace Trading.Runtime.Configuration;

/// <summary>Operator controls of Kafka consumption (pause, flush, offset resets), the key indicators and their alerts.</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>How often each silo reads the desired consumption state from the control store.</summary>
    [Range(10, 10_000)] public int ControlPollMs { get; set; } = 100;

    /// <summary>How long a control endpoint waits for every live silo to confirm before it answers "not confirmed".</summary>
    [Range(100, 120_000)] public int ConfirmTimeoutMs { get; set; } = 10_000;

    /// <summary>An offset reset is applied by the partitions' owners (also owners after a rebalance) for this long.</summary>
    [Range(1, 86_400)] public int ResetValiditySeconds { get; set; } = 60;

    /// <summary>A partition is consistent when its committed offset trails what it processed by at most this long.</summary>
    [Range(1, 3_600_000)] public long ConsistencyBoundMs { get; set; } = 5_000;

    /// <summary>Evaluate the alert thresholds this often (on the gateway).</summary>
    [Range(100, 3_600_000)] public int AlertIntervalMs { get; set; } = 5_000;

    /// <summary>Whether this gateway evaluates and publishes alerts (with several gateways, enable it on one).</summary>
    public bool AlertsEnabled { get; set; } = true;

    [Required] public AlertThresholds Thresholds { get; set; } = new();
}

/// <summary>The seed's alert thresholds; an alert fires when an indicator goes above its threshold and resolves when it comes back.</summary>
public sealed class AlertThresholds
{
    /// <summary>Outputs not yet acknowledged plus inputs consumed but not committed.</summary>
    [Range(0, long.MaxValue)] public long PendingMessages { get; set; } = 5_000;

    /// <summary>Failed deliveries over all delivery attempts in the last statistics interval, in percent.</summary>
    [Range(typeof(decimal), "0", "100")] public decimal PushFailureRatePercent { get; set; } = 1m;

    /// <summary>p99 of the push latency in the last statistics interval.</summary>
    [Range(0, long.MaxValue)] public long PushLatencyMs { get; set; } = 100;

    [Range(0, long.MaxValue)] public long SnapshotGenerationMs { get; set; } = 10_000;

    [Range(0, long.MaxValue)] public long RecoveryMs { get; set; } = 30_000;

    /// <summary>How long a partition's committed offset may trail what it processed.</summary>
    [Range(0, long.MaxValue)] public long InconsistencyMs { get; set; } = 60_000;

    /// <summary>Output records handed to Kafka and not yet acknowledged.</summary>
    [Range(0, long.MaxValue)] public long PendingAcks { get; set; } = 1_000;

    /// <summary>How old the input is that the furthest-behind partition handles while it has a backlog.</summary>
    [Range(0, long.MaxValue)] public long OffsetLagMs { get; set; } = 5_000;
}
