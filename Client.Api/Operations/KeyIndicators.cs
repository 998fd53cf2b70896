using Microsoft.Extensions.Options;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Runtime.Operations;

namespace Trading.Client.Api.Operations;

/// <summary>
/// One key indicator: its value (null = no data yet), unit, alert threshold and whether the value is above it.
/// <paramref name="Name"/> is the alert's name and the JSON key.
/// </summary>
public sealed record Indicator(string Name, decimal? Value, string Unit, decimal? Threshold, string Help)
{
    public bool Breached => Value is { } v && Threshold is { } limit && v > limit;
}

/// <summary>Every key indicator of the cluster at one moment, with the figures behind them.</summary>
public sealed record IndicatorSet(
    long Timestamp, IReadOnlyList<Indicator> Indicators, MonitorStatus Status, OffsetConsistency Consistency,
    LatencySample PushLatency, decimal? PushSuccessRatePercent, long LagRecords, OperationsSample Operations)
{
    public Indicator this[string name] => Indicators.First(i => i.Name == name);
}

/// <summary>
/// Computes the seed's key indicators from the silos' reports and this process's operations figures: pending messages,
/// pushed total, push success rate, push latency, snapshot generation time, recovery time, validation results, offset
/// consistency, pending acks, offset lag. Rates and latency are over the silos' last statistics interval.
/// </summary>
public sealed class KeyIndicators(KafkaMonitor monitor, IOperationsMetrics local, IOptions<OperationsOptions> options, TimeProvider clock)
{
    public const string PendingMessages = "pendingMessages";
    public const string PushedTotal = "pushedTotal";
    public const string PushFailureRate = "pushFailureRatePercent";
    public const string PushLatency = "pushLatencyP99Ms";
    public const string SnapshotGeneration = "snapshotGenerationMs";
    public const string Recovery = "recoveryMs";
    public const string ValidationFailures = "validationFailures";
    public const string OffsetInconsistency = "offsetInconsistencyMs";
    public const string PendingAcks = "pendingAcks";
    public const string OffsetLag = "offsetLagMs";

    public async Task<IndicatorSet> ComputeAsync(CancellationToken ct)
    {
        var silos = await monitor.ReportsAsync(ct).ConfigureAwait(false);
        var t = options.Value.Thresholds;
        var status = monitor.Status(silos);
        var consistency = monitor.Consistency(silos);
        var partitions = ClusterPartitions.Of(silos);

        var recentPushed = silos.Sum(s => s.Recent.Pushed);
        var recentFailures = silos.Sum(s => s.Recent.Failures);
        decimal? failureRate = recentPushed + recentFailures == 0 ? null : Math.Round(100m * recentFailures / (recentPushed + recentFailures), 3);
        var recentLatency = silos.Aggregate(LatencySample.Empty, (sum, s) => sum.Plus(s.Recent.Latency));
        var latency = silos.Aggregate(LatencySample.Empty, (sum, s) => sum.Plus(s.PushLatency));
        decimal? successRate = status.TotalPushedCount + status.DeliveryFailures == 0 ? null
            : Math.Round(100m * status.TotalPushedCount / (status.TotalPushedCount + status.DeliveryFailures), 3);

        var ops = Operations(silos);
        var lags = partitions.Where(p => p.Report.LagMs is not null).Select(p => p.Report.LagMs!.Value).ToArray();
        var indicators = new[]
        {
            new Indicator(PendingMessages, status.PendingMessageCount, "messages", t.PendingMessages,
                "Outputs not yet acknowledged plus grain inputs consumed but not committed."),
            new Indicator(PushedTotal, status.TotalPushedCount, "messages", null, "Outputs acknowledged by Kafka since the live silos started."),
            new Indicator(PushFailureRate, failureRate, "percent", t.PushFailureRatePercent,
                "Failed delivery attempts over all attempts in the silos' last statistics interval."),
            new Indicator(PushLatency, recentLatency.PercentileMs(99), "ms", t.PushLatencyMs,
                "p99 of enqueued-to-acknowledged output latency in the silos' last statistics interval."),
            new Indicator(SnapshotGeneration, ops.LastSnapshot?.DurationMs, "ms", t.SnapshotGenerationMs, "Duration of the last snapshot generation."),
            new Indicator(Recovery, ops.LastRecovery?.DurationMs, "ms", t.RecoveryMs, "Duration of the last recovery from a snapshot."),
            new Indicator(ValidationFailures, ops.LastValidation is null ? null : ops.ValidationsFailed, "validations", null,
                "Snapshot validations that found problems (passed ones: validationsPassed)."),
            new Indicator(OffsetInconsistency, partitions.Count == 0 ? null : consistency.MaxCommitDelayMs, "ms", t.InconsistencyMs,
                "Longest time a partition's committed offset has trailed inputs it processed."),
            new Indicator(PendingAcks, status.PendingAcks, "messages", t.PendingAcks, "Outputs handed to Kafka and not yet acknowledged."),
            new Indicator(OffsetLag, lags.Length == 0 ? null : lags.Max(), "ms", t.OffsetLagMs,
                "Age of the last input handled by the furthest-behind partition while it has a backlog."),
        };
        return new IndicatorSet(clock.GetUtcNow().ToUnixTimeMilliseconds(), indicators, status, consistency, latency, successRate,
            partitions.Sum(p => p.Report.Lag ?? 0), ops);
    }

    /// <summary>Every process's snapshot, recovery and validation figures, each process once (a gateway inside a silo publishes its own).</summary>
    private OperationsSample Operations(IReadOnlyList<SiloReport> silos)
    {
        var mine = local.Sample(); // fresher than what this process's silo published
        var merged = OperationsSample.Empty("cluster").Merge(mine);
        var seen = new HashSet<string>(StringComparer.Ordinal) { mine.Origin };
        foreach (var s in silos)
            if (s.Operations is { } o && seen.Add(o.Origin)) merged = merged.Merge(o);
        return merged;
    }
}
