using Microsoft.Extensions.Logging;

namespace Trading.Runtime.Streams;

/// <summary>
/// Counts a producer's records in flight, runs their delivery callbacks (logging, never propagating,
/// what they throw) and lets <see cref="Flush"/> wait until every callback has returned. A flush called
/// from inside one of this producer's callbacks returns at once instead of deadlocking.
/// </summary>
internal sealed class DeliveryTracker(ILogger logger)
{
    [ThreadStatic] private static DeliveryTracker? _reporting;

    private readonly object _gate = new();
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>True on the thread that is running one of this tracker's callbacks.</summary>
    public bool OnReportingThread => _reporting == this;

    public void Enqueued() => Interlocked.Increment(ref _inFlight);

    /// <summary>A record that was counted but will get no callback (e.g. refused before it was queued).</summary>
    public void Abandoned() => Completed();

    public void Report(Action<DeliveryReport> callback, DeliveryReport report)
    {
        _reporting = this;
        try
        {
            callback(report);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Delivery callback for {Topic}[{Partition}]@{Offset} threw", report.Topic, report.Partition, report.Offset);
        }
        finally
        {
            _reporting = null;
            Completed();
        }
    }

    /// <summary>Waits until nothing is in flight or the timeout passes; returns what is still in flight.</summary>
    public int Flush(TimeSpan timeout)
    {
        var deadline = Deadline.After(timeout);
        lock (_gate)
        {
            // Inside a delivery callback, waiting would block the thread that delivers the rest.
            while (Volatile.Read(ref _inFlight) > 0 && !OnReportingThread)
            {
                var remaining = deadline.Remaining;
                if (remaining == TimeSpan.Zero) break;
                Monitor.Wait(_gate, remaining);
            }
            return Volatile.Read(ref _inFlight);
        }
    }

    private void Completed()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0)
            lock (_gate) Monitor.PulseAll(_gate);
    }
}
