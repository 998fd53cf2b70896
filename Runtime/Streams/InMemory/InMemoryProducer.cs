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
    private readonly object _flushGate = new();
    private readonly Task _worker;
    private int _inFlight;
    private bool _disposed;

    [ThreadStatic] private static InMemoryProducer? _reportingProducer;

    public InMemoryProducer(InMemoryMessageLog log, ILogger logger)
    {
        _log = log;
        _logger = logger;
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
            Interlocked.Increment(ref _inFlight);
            _reports.Writer.TryWrite((onDelivered, new DeliveryReport(topic, partition.Partition, offset, null)));
        }
        _log.NotifyAppended(topic);
    }

    public int Flush(TimeSpan timeout)
    {
        var deadline = Deadline.After(timeout);
        lock (_flushGate)
        {
            while (Volatile.Read(ref _inFlight) > 0 && _reportingProducer != this)
            {
                var remaining = deadline.Remaining;
                if (remaining == TimeSpan.Zero) break;
                Monitor.Wait(_flushGate, remaining);
            }
            return Volatile.Read(ref _inFlight);
        }
    }

    public void Dispose()
    {
        lock (_produceGate)
        {
            if (_disposed) return;
            _disposed = true;
            _reports.Writer.Complete();
        }
        // A delivery callback that disposes its own producer must not wait for itself.
        if (_reportingProducer != this) _worker.GetAwaiter().GetResult();
    }

    private async Task ReportLoop()
    {
        await foreach (var (callback, report) in _reports.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            _reportingProducer = this;
            try
            {
                callback(report);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Delivery callback for {Topic}[{Partition}]@{Offset} threw", report.Topic, report.Partition, report.Offset);
            }
            finally
            {
                _reportingProducer = null;
            }
            if (Interlocked.Decrement(ref _inFlight) == 0)
                lock (_flushGate) Monitor.PulseAll(_flushGate);
        }
    }
}
