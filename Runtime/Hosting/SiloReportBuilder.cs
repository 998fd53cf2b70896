using System.Diagnostics;
using Trading.Runtime.Operations;
using Trading.Runtime.Streams;

namespace Trading.Runtime.Hosting;

/// <summary>
/// Builds this silo's <see cref="SiloReport"/>: counters from the runtime, rates and the delivery window since the
/// previous build, high watermarks of the owned partitions from the log. Use from one thread (the publisher's loop).
/// </summary>
public sealed class SiloReportBuilder(SiloRuntime silo, IMessageLog log, IOperationsMetrics? metrics) : IDisposable
{
    private readonly long _startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private Dictionary<string, (long In, long Out)> _previousCounts = new(StringComparer.Ordinal);
    private long _previousAt = Stopwatch.GetTimestamp();
    private long _previousPushed;
    private long _previousFailures;
    private LatencySample _previousLatency = LatencySample.Empty;
    private IPartitionReader? _reader;

    public SiloReport Build()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var seconds = Math.Max(0.001, Stopwatch.GetElapsedTime(_previousAt).TotalSeconds);
        _previousAt = Stopwatch.GetTimestamp();
        var partitions = silo.Partitions.ToDictionary(p => p.GrainType, p => p.Partitions, StringComparer.Ordinal);
        var consumers = silo.Consumers.ToDictionary(c => c.GrainType, c => (c.InputTopic, c.GroupId), StringComparer.Ordinal);
        var faults = silo.Faults.ToDictionary(f => f.GrainType, f => f.Fault.Message, StringComparer.Ordinal);
        var counts = new Dictionary<string, (long In, long Out)>(StringComparer.Ordinal);
        var grainTypes = new Dictionary<string, GrainTypeReport>(StringComparer.Ordinal);
        foreach (var name in silo.Statistics.Types.Keys.Union(partitions.Keys))
        {
            var counters = silo.Statistics.For(name);
            var messagesIn = Interlocked.Read(ref counters.MessagesIn);
            var messagesOut = Interlocked.Read(ref counters.MessagesOut);
            counts[name] = (messagesIn, messagesOut);
            _previousCounts.TryGetValue(name, out var before);
            var owned = partitions.TryGetValue(name, out var p) ? p : [];
            consumers.TryGetValue(name, out var consumer);
            var reports = owned.Select(s => Partition(s, now)).ToArray();
            grainTypes[name] = new GrainTypeReport(consumer.InputTopic, consumer.GroupId, counters.ActiveGrains,
                Math.Round((messagesIn - before.In) / seconds, 1), Math.Round((messagesOut - before.Out) / seconds, 1),
                messagesIn, messagesOut, Interlocked.Read(ref counters.DuplicatesDropped), Interlocked.Read(ref counters.AlreadyApplied),
                reports.Sum(r => r.CommitLag), faults.GetValueOrDefault(name), reports);
        }
        _previousCounts = counts;

        var pushed = silo.TotalPushed;
        var failures = silo.DeliveryFailures;
        var latency = silo.PushLatency;
        var recent = new DeliveryWindow(Math.Max(0, pushed - _previousPushed), Math.Max(0, failures - _previousFailures), latency.Since(_previousLatency));
        (_previousPushed, _previousFailures, _previousLatency) = (pushed, failures, latency);

        return new SiloReport(silo.SiloId, _startedAt, now, silo.PendingOutputs, silo.InFlightOutputs, pushed, failures,
            Math.Round(silo.AverageBatchSize, 1), latency, recent, silo.ConsumptionPaused, silo.PauseApplied, grainTypes,
            silo.Statistics.Consumers.ToDictionary(c => c.Key, c => new ConsumerReport(Interlocked.Read(ref c.Value.Lag),
                Interlocked.Read(ref c.Value.RowsWritten), Interlocked.Read(ref c.Value.Errors)), StringComparer.Ordinal),
            metrics?.Sample());
    }

    private PartitionReport Partition(PartitionStatus s, long now)
    {
        long? high = null;
        try
        {
            _reader ??= log.CreateReader();
            high = _reader.Watermarks(new TopicPartition(s.Topic, s.Partition)).High;
        }
        catch (MessageLogException)
        {
            // The broker did not answer in time: lag unknown this round.
        }
        long? lag = high is null ? null : Math.Max(0, high.Value - s.ProcessedOffset);
        long? lagMs = lag is null ? null : lag == 0 ? 0 : Math.Max(0, now - s.LastInputTimestamp);
        return new PartitionReport(s.Topic, s.Partition, s.ActiveGrains, s.Queued, s.CommittedOffset, s.ProcessedOffset, s.CommitLag,
            s.Paused, s.InFlightInputs, s.LastInputTimestamp, s.CommitDelayMs, high, lag, lagMs);
    }

    public void Dispose() => _reader?.Dispose();
}
