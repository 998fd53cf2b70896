using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Trading.Runtime.Partitioning;

namespace Trading.Runtime.Streams.InMemory;

/// <summary>
/// Appends records at <see cref="Produce"/> time (so offsets follow call order) and reports deliveries
/// asynchronously, one at a time on a thread-pool thread, in the order the records were produced;
/// hence in per-partition offset order. Dispose waits until queued reports have run.
/// </summary>
internal sealed class InMemoryProducer : IMessageProducer
{
    private readonly InMemoryMessageLog _log;
    private readonly ILogger _logger;
    private readonly Channel<(Action<DeliveryReport> Callback, DeliveryReport Report)> _reports =
        Channel.CreateUnbounded<(Action<DeliveryReport>, DeliveryReport)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _produceGate = new();
    private readonly Task _worker;
    private readonly DeliveryTracker _deliveries;
    private bool _disposed;

    public InMemoryProducer(InMemoryMessageLog log, ILogger logger)
    {
        _log = log;
        _logger = logger;
        _deliveries = new DeliveryTracker(logger);
        _worker = Task.Run(ReportLoop);
    }

    public void Produce(string topic, string key, byte[] value, Action<DeliveryReport> onDelivered)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(onDelivered);
        var partitions = _log.GetTopic(topic).Partitions;
        var partition = partitions[Murmur2Partitioner.Partition(key, partitions.Length)];
        var copy = value.ToArray();
        lock (_produceGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var offset = partition.Append(key, copy);
            _deliveries.Enqueued();
            _reports.Writer.TryWrite((onDelivered, new DeliveryReport(topic, partition.Partition, offset, null)));
        }
        _log.NotifyAppended(topic);
    }

    public int Flush(TimeSpan timeout) => _deliveries.Flush(timeout);

    public void Dispose()
    {
        lock (_produceGate)
        {
            if (_disposed) return;
            _disposed = true;
            _reports.Writer.Complete();
        }
        // A delivery callback that disposes its own producer must not wait for itself.
        if (!_deliveries.OnReportingThread) _worker.GetAwaiter().GetResult();
    }

    private async Task ReportLoop()
    {
        await foreach (var (callback, report) in _reports.Reader.ReadAllAsync().ConfigureAwait(false))
            _deliveries.Report(callback, report);
    }
}
