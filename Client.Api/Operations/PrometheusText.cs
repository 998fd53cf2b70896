using System.Globalization;
using System.Text;
using Trading.Runtime.Operations;

namespace Trading.Client.Api.Operations;

/// <summary>
/// Writes an <see cref="IndicatorSet"/> in the Prometheus text exposition format (version 0.0.4). An indicator with no
/// data yet is written as NaN, so the series exists from the start.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IndicatorSet set)
    {
        var s = set.Status;
        var ops = set.Operations;
        var w = new StringBuilder(4096);
        Gauge(w, "trading_pending_messages", "Outputs not yet acknowledged plus grain inputs consumed but not committed.", s.PendingMessageCount);
        Counter(w, "trading_pushed_total", "Outputs acknowledged by Kafka since the live silos started.", s.TotalPushedCount);
        Counter(w, "trading_push_failures_total", "Failed delivery attempts (each is retried) since the live silos started.", s.DeliveryFailures);
        Gauge(w, "trading_push_success_rate_percent", "Acknowledged outputs over all delivery attempts since the live silos started.", set.PushSuccessRatePercent);
        Gauge(w, "trading_push_failure_rate_percent", "Failed delivery attempts over all attempts in the silos' last statistics interval.",
            set[KeyIndicators.PushFailureRate].Value);
        Gauge(w, "trading_push_latency_p99_ms", "p99 push latency in the silos' last statistics interval.", set[KeyIndicators.PushLatency].Value);
        Histogram(w, "trading_push_latency_seconds", "Output push latency, enqueued until acknowledged.", set.PushLatency);
        Gauge(w, "trading_snapshot_generation_ms", "Duration of the last snapshot generation.", set[KeyIndicators.SnapshotGeneration].Value);
        Counter(w, "trading_snapshots_total", "Snapshots generated.", ops.Snapshots);
        Counter(w, "trading_snapshot_failures_total", "Snapshot generations that failed.", ops.SnapshotFailures);
        Gauge(w, "trading_recovery_ms", "Duration of the last recovery from a snapshot.", set[KeyIndicators.Recovery].Value);
        Counter(w, "trading_recoveries_total", "Recoveries from a snapshot.", ops.Recoveries);
        Counter(w, "trading_recovery_failures_total", "Recoveries that failed.", ops.RecoveryFailures);
        Header(w, "trading_snapshot_validations_total", "Snapshot validations by result.", "counter");
        Sample(w, "trading_snapshot_validations_total{result=\"passed\"}", ops.ValidationsPassed);
        Sample(w, "trading_snapshot_validations_total{result=\"failed\"}", ops.ValidationsFailed);
        Gauge(w, "trading_snapshot_last_validation_valid", "1 when the last validated snapshot was valid, 0 when not.",
            ops.LastValidation is null ? null : ops.LastValidation.Valid ? 1 : 0);
        Gauge(w, "trading_offset_consistent", "1 when every partition's committed offset trails what it processed by at most the bound.",
            set.Consistency.Consistent ? 1 : 0);
        Gauge(w, "trading_offset_inconsistency_ms", "Longest time a partition's committed offset has trailed inputs it processed.",
            set[KeyIndicators.OffsetInconsistency].Value);
        Gauge(w, "trading_offset_inconsistent_partitions", "Partitions beyond the consistency bound.", set.Consistency.Inconsistent.Count);
        Gauge(w, "trading_pending_acks", "Outputs handed to Kafka and not yet acknowledged.", s.PendingAcks);
        Gauge(w, "trading_offset_lag_ms", "Age of the last input handled by the furthest-behind partition while it has a backlog.",
            set[KeyIndicators.OffsetLag].Value);
        Gauge(w, "trading_offset_lag_records", "Grain inputs written but not yet handled, all partitions.", set.LagRecords);
        Gauge(w, "trading_consumption_paused", "1 when every live silo's consumption is paused.", s.ConsumptionPaused ? 1 : 0);
        Gauge(w, "trading_silos", "Live silos (with a current report).", s.Silos);
        Header(w, "trading_alert_threshold", "Alert threshold of each indicator.", "gauge");
        foreach (var i in set.Indicators)
            if (i.Threshold is { } limit) Sample(w, $"trading_alert_threshold{{indicator=\"{i.Name}\"}}", limit);
        Header(w, "trading_alert_breached", "1 while the indicator is above its threshold.", "gauge");
        foreach (var i in set.Indicators)
            if (i.Threshold is not null) Sample(w, $"trading_alert_breached{{indicator=\"{i.Name}\"}}", i.Breached ? 1 : 0);
        return w.ToString();
    }

    private static void Gauge(StringBuilder w, string name, string help, decimal? value)
    {
        Header(w, name, help, "gauge");
        Sample(w, name, value);
    }

    private static void Counter(StringBuilder w, string name, string help, long value)
    {
        Header(w, name, help, "counter");
        Sample(w, name, value);
    }

    private static void Histogram(StringBuilder w, string name, string help, LatencySample sample)
    {
        Header(w, name, help, "histogram");
        long cumulative = 0;
        for (var i = 0; i < LatencyHistogram.BoundsMs.Length; i++)
        {
            cumulative += sample.Counts[i];
            Sample(w, $"{name}_bucket{{le=\"{(LatencyHistogram.BoundsMs[i] / 1000m).ToString(CultureInfo.InvariantCulture)}\"}}", cumulative);
        }
        cumulative += sample.Counts[^1];
        Sample(w, $"{name}_bucket{{le=\"+Inf\"}}", cumulative);
        Sample(w, $"{name}_sum", sample.SumMicros / 1_000_000m);
        Sample(w, $"{name}_count", cumulative);
    }

    private static void Header(StringBuilder w, string name, string help, string type) =>
        w.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
         .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder w, string series, decimal? value) =>
        w.Append(series).Append(' ').Append(value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "NaN").Append('\n');
}
