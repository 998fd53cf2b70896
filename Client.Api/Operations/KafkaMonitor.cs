using Microsoft.Extensions.Options;
using Trading.Runtime.Cluster;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Runtime.Operations;

namespace Trading.Client.Api.Operations;

/// <summary>The Kafka views of the monitor and consumer endpoints, built from the live silos' reports.</summary>
public sealed class KafkaMonitor(ISiloReports reports, IOperationsControlStore control, IOptions<OperationsOptions> options, TimeProvider clock)
{
    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();
    private long Bound => options.Value.ConsistencyBoundMs;

    public Task<IReadOnlyList<SiloReport>> ReportsAsync(CancellationToken ct) => reports.ReadAsync(ct);

    public async Task<MonitorStatus> StatusAsync(CancellationToken ct) => Status(await reports.ReadAsync(ct).ConfigureAwait(false));

    /// <summary>
    /// The status from reports every silo published at or after <paramref name="sinceMs"/> (waiting up to
    /// <paramref name="timeout"/> for them), so a caller that just changed something does not read a report older than it.
    /// </summary>
    public async Task<MonitorStatus> StatusSinceAsync(long sinceMs, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Now + (long)timeout.TotalMilliseconds;
        while (true)
        {
            var silos = await reports.ReadAsync(ct).ConfigureAwait(false);
            if (Now >= deadline || silos.All(s => s.Timestamp >= sinceMs)) return Status(silos);
            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }

    public MonitorStatus Status(IReadOnlyList<SiloReport> silos)
    {
        var partitions = ClusterPartitions.Of(silos);
        var consumed = partitions.Sum(p => p.Report.ConsumedNotCommitted);
        var outputs = silos.Sum(s => s.PendingOutputs);
        return new MonitorStatus(outputs + consumed, silos.Sum(s => s.TotalPushed), Now, outputs, silos.Sum(s => s.InFlightOutputs), consumed,
            silos.Sum(s => s.DeliveryFailures), silos.Count, silos.Count > 0 && silos.All(s => s.ConsumptionPaused));
    }

    public async Task<IReadOnlyList<TopicOffsets>> OffsetStatusAsync(CancellationToken ct) => OffsetStatus(await reports.ReadAsync(ct).ConfigureAwait(false));

    public IReadOnlyList<TopicOffsets> OffsetStatus(IReadOnlyList<SiloReport> silos)
    {
        var now = Now;
        return ClusterPartitions.Of(silos).GroupBy(p => p.Report.Topic, StringComparer.Ordinal).Select(topic =>
        {
            var partitions = topic.Select(Offsets).ToArray();
            return new TopicOffsets(topic.Key, partitions.Sum(p => p.CurrentOffset), partitions.Sum(p => p.CommittedOffset),
                partitions.Sum(p => p.PendingOffset), partitions.All(p => p.Consistent), now, partitions);
        }).ToArray();
    }

    public async Task<OffsetConsistency> ConsistencyAsync(CancellationToken ct) => Consistency(await reports.ReadAsync(ct).ConfigureAwait(false));

    public OffsetConsistency Consistency(IReadOnlyList<SiloReport> silos)
    {
        var topics = OffsetStatus(silos);
        var all = topics.SelectMany(t => t.Partitions).ToArray();
        return new OffsetConsistency(all.All(p => p.Consistent), Bound, all.Length == 0 ? 0 : all.Max(p => p.CommitDelayMs), all.Length,
            topics.Select(t => new TopicConsistency(t.Topic, t.Consistent, t.Partitions.Count == 0 ? 0 : t.Partitions.Max(p => p.CommitDelayMs), t.PendingOffset)).ToArray(),
            all.Where(p => !p.Consistent).ToArray(), Now);
    }

    public async Task<PendingOffsets> PendingAsync(CancellationToken ct)
    {
        var silos = await reports.ReadAsync(ct).ConfigureAwait(false);
        var partitions = ClusterPartitions.Of(silos);
        var perSilo = silos.Select(s => new SiloPending(s.SiloId, s.PendingOutputs, s.InFlightOutputs,
            partitions.Where(p => p.SiloId == s.SiloId).Sum(p => p.Report.ConsumedNotCommitted))).ToArray();
        var pending = partitions.Where(p => p.Report.ConsumedNotCommitted > 0 || p.Report.InFlightInputs > 0)
            .Select(p => new PartitionPending(p.Report.Topic, p.Report.Partition, p.SiloId, p.Report.Queued, p.Report.CommitLag, p.Report.InFlightInputs))
            .ToArray();
        var outputs = perSilo.Sum(s => s.PendingOutputs);
        var consumed = perSilo.Sum(s => s.ConsumedNotCommitted);
        return new PendingOffsets(outputs + consumed, outputs, perSilo.Sum(s => s.PendingAcks), consumed,
            partitions.Sum(p => (long)p.Report.InFlightInputs), perSilo, pending, Now);
    }

    public async Task<IReadOnlyList<ConsumerGroupOffsets>> ConsumerOffsetsAsync(CancellationToken ct)
    {
        var silos = await reports.ReadAsync(ct).ConfigureAwait(false);
        return ClusterPartitions.Of(silos).GroupBy(p => (p.GroupId, p.GrainType, p.Report.Topic)).Select(g =>
        {
            var partitions = g.Select(p => new ConsumerPartitionOffset(p.Report.Partition, p.SiloId, p.Report.CommittedOffset, p.Report.ProcessedOffset,
                p.Report.HighWatermark, p.Report.HighWatermark is { } high ? Math.Max(0, high - p.Report.CommittedOffset) : null)).ToArray();
            return new ConsumerGroupOffsets(g.Key.GroupId ?? "", g.Key.GrainType, g.Key.Topic, partitions.Sum(p => p.Lag ?? 0), partitions);
        }).OrderBy(g => g.GroupId, StringComparer.Ordinal).ToArray();
    }

    public async Task<ConsumerStatus> ConsumerStatusAsync(CancellationToken ct)
    {
        var silos = await reports.ReadAsync(ct).ConfigureAwait(false);
        var state = await control.ReadAsync(ct).ConfigureAwait(false);
        var acks = (await control.AcknowledgementsAsync(ct).ConfigureAwait(false)).ToDictionary(a => a.SiloId, StringComparer.Ordinal);
        var views = silos.Select(s =>
        {
            acks.TryGetValue(s.SiloId, out var ack);
            return new SiloConsumerStatus(s.SiloId, ack?.Paused ?? s.ConsumptionPaused, ack?.PauseApplied ?? s.PauseApplied, ack?.Version,
                s.GrainTypes.Select(t => new GrainConsumerStatus(t.Key, t.Value.InputTopic, t.Value.GroupId, t.Value.Partitions.Count,
                    t.Value.Partitions.Count(p => p.Paused), t.Value.MessagesIn, t.Value.MessagesInPerSecond, t.Value.DuplicatesDropped,
                    t.Value.AlreadyApplied, t.Value.Fault)).OrderBy(t => t.GrainType, StringComparer.Ordinal).ToArray());
        }).ToArray();
        var confirmed = views.All(v => v.AcknowledgedVersion >= state.Version && v.ConsumptionPaused == state.Paused && (!state.Paused || v.PauseApplied));
        return new ConsumerStatus(state.Paused, state.Version, state.ChangedAt, confirmed, views, Now);
    }

    private PartitionOffsets Offsets(OwnedPartition p)
    {
        var r = p.Report;
        return new PartitionOffsets(r.Partition, p.SiloId, p.GrainType, r.ProcessedOffset, r.CommittedOffset, r.ConsumedNotCommitted,
            r.HighWatermark, r.Lag, r.LagMs, r.CommitDelayMs, r.CommitDelayMs <= Bound, r.Paused);
    }
}
