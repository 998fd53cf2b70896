using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Trading.Runtime.Configuration;
using Trading.Runtime.Operations;
using Trading.Runtime.Streams;

namespace Trading.Runtime.Hosting;

/// <summary>
/// Collects grain outputs and hands them to the log producer in batches: when the batch reaches
/// <see cref="RuntimeOptions.OutputBatchSize"/> records or <see cref="RuntimeOptions.OutputFlushIntervalMs"/>
/// has passed, whichever comes first, or earlier when a partition worker has no more input (<see cref="SendNow"/>,
/// with <see cref="RuntimeOptions.FlushWhenIdle"/>): under load batches fill, and an idle silo adds no wait. Grains never wait on it. A record the log refuses is retried
/// with backoff until it is delivered: nothing accepted is dropped. The push latency (enqueued until acknowledged,
/// batching included) goes into <see cref="Latency"/>.
/// </summary>
internal sealed class OutputBatcher : IAsyncDisposable
{
    private readonly IMessageProducer _producer;
    private readonly ILogger _logger;
    private readonly int _batchSize;
    private readonly TimeSpan _interval;
    private readonly object _gate = new();
    private readonly object _sendGate = new();
    private List<OutputRecord> _batch = new();
    private List<OutputRecord>? _spare = new(); // the batch sent last, emptied, for the next one to fill (under _sendGate)
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _inFlight;
    private long _pushed;
    private long _failures;
    private long _batches;
    private long _batchedRecords;

    public OutputBatcher(IMessageProducer producer, RuntimeOptions options, ILogger logger)
    {
        _producer = producer;
        _logger = logger;
        _batchSize = options.OutputBatchSize;
        _interval = TimeSpan.FromMilliseconds(options.OutputFlushIntervalMs);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Records waiting for the next batch plus records produced but not yet acknowledged.</summary>
    public long Pending { get { lock (_gate) return _batch.Count + Interlocked.Read(ref _inFlight); } }
    /// <summary>Records handed to the producer and not yet acknowledged (the pending acks).</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);
    public long TotalPushed => Interlocked.Read(ref _pushed);
    public LatencyHistogram Latency { get; } = new();
    public long DeliveryFailures => Interlocked.Read(ref _failures);
    public double AverageBatchSize { get { var b = Interlocked.Read(ref _batches); return b == 0 ? 0 : (double)Interlocked.Read(ref _batchedRecords) / b; } }

    public void Enqueue(in OutputRecord record)
    {
        bool full;
        lock (_gate)
        {
            _batch.Add(record with { EnqueuedAt = Stopwatch.GetTimestamp() });
            full = _batch.Count >= _batchSize;
        }
        if (full) _signal.Release();
    }

    /// <summary>Hands what is batched to the producer now, without waiting for acknowledgements.</summary>
    public void SendNow() => SendBatch();

    /// <summary>Sends what is batched now and waits until every record so far is acknowledged.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        SendBatch();
        while (Pending > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SendBatch();
            await Task.Delay(2, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(_interval, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            SendBatch();
        }
    }

    /// <summary>
    /// One sender at a time (the interval loop, idle workers, a flush): a batch taken later must not reach the
    /// producer before one taken earlier, or records of one key would be reordered.
    /// </summary>
    private void SendBatch()
    {
        lock (_sendGate)
        {
            List<OutputRecord> batch;
            lock (_gate)
            {
                if (_batch.Count == 0) return;
                batch = _batch;
                _batch = _spare ?? new List<OutputRecord>(batch.Count);
                _spare = null; // given back once the batch is sent
                Interlocked.Add(ref _inFlight, batch.Count);
            }
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _batchedRecords, batch.Count);
            foreach (var record in batch) Produce(record, attempt: 0);
            batch.Clear(); // the producer keeps no reference to the list: it becomes the next batch
            _spare = batch;
        }
    }

    private void Produce(OutputRecord record, int attempt)
    {
        try
        {
            _producer.Produce(record.Topic, record.Key, record.Value, report =>
            {
                if (report.Succeeded)
                {
                    // Ack before the count drops, so FlushAsync returning means every ack has run.
                    record.OnDelivered?.Invoke();
                    Latency.RecordSince(record.EnqueuedAt);
                    Interlocked.Increment(ref _pushed);
                    Interlocked.Decrement(ref _inFlight);
                    return;
                }
                Retry(record, attempt, report.Error);
            });
        }
        catch (MessageLogException e)
        {
            // Refused before it was queued: retried as a failed delivery is, and the rest of the batch still goes out.
            Retry(record, attempt, e.Message);
        }
    }

    private void Retry(OutputRecord record, int attempt, string? error)
    {
        Interlocked.Increment(ref _failures);
        var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 50 << Math.Min(attempt, 6)));
        _logger.LogWarning("Delivery to {Topic} failed ({Error}); retry {Attempt} in {DelayMs} ms",
            record.Topic, error, attempt + 1, delay.TotalMilliseconds);
        _ = Task.Delay(delay).ContinueWith(_ => Produce(record, attempt + 1), TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        SendBatch();
        _stop.Dispose();
        _signal.Dispose();
    }
}
