using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Trading.Runtime.Hosting;
using Trading.Runtime.Streams;

namespace Trading.Silo.ReadSide;

/// <summary>
/// One consumer-group member that feeds a <see cref="IReadSideSink"/>: it buffers events, writes a batch at
/// BatchRows rows or after BatchIntervalMs (together with the records already fetched, up to the policy's
/// <see cref="BatchPolicy.RowLimit"/>), and commits the batch's offsets only after the rows are in the store.
/// While the store is down it retries the same batch with backoff and reads nothing more, so the group's offsets
/// stay where the last written batch left them. If the partitions are taken away before a batch is written, or
/// anything else fails, the member drops out without committing and rejoins: the next owner re-reads from the last
/// commit and the sinks' natural keys keep rows single. Run <see cref="Run"/> on its own thread.
/// </summary>
public sealed class ReadSideConsumer(
    string name, string groupId, IReadOnlyCollection<string> topics, IReadSideSink sink, IMessageLog log, BatchPolicy options,
    ConsumerCounters counters, ILogger logger, ReadSideLag? lag = null, int member = 0) : IPartitionListener
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(1);
    /// <summary>How long a batch may still be retried when its partitions are revoked or the host stops.</summary>
    private static readonly TimeSpan HandOverTimeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<TopicPartition, long> _uncommitted = new();
    private readonly Dictionary<TopicPartition, long> _position = new();
    private readonly RetryBackoff _backoff = new(options.RetryInitialMs, options.RetryMaxMs);
    private long _batchStartedAt;
    private long _lagMeasuredAt;
    private IPartitionReader? _reader;

    public string Name => name;

    /// <summary>
    /// The consumer <paramref name="name"/> of a cluster: consumer group <c>{clusterId}.{name}</c>, figures under that
    /// name in the silo statistics, logs under <c>ReadSideConsumer.{name}</c>.
    /// </summary>
    public static ReadSideConsumer InCluster(string name, string clusterId, IReadOnlyCollection<string> topics, IReadSideSink sink,
        IMessageLog log, BatchPolicy policy, SiloStatistics statistics, ILoggerFactory loggers) =>
        new(name, $"{clusterId}.{name}", topics, sink, log, policy, statistics.Consumer(name),
            loggers.CreateLogger($"{typeof(ReadSideConsumer).FullName}.{name}"));

    /// <summary>
    /// <paramref name="sinks"/>.Count members of the consumer <paramref name="name"/>'s group, one sink each: the group
    /// splits the partitions between them, so their batches are read, decoded and written concurrently. Their rows and
    /// errors add up, as do their lags (<see cref="ReadSideLag"/>). Run each on its own thread.
    /// </summary>
    public static IReadOnlyList<ReadSideConsumer> MembersInCluster(string name, string clusterId, IReadOnlyCollection<string> topics,
        IReadOnlyList<IReadSideSink> sinks, IMessageLog log, BatchPolicy policy, SiloStatistics statistics, ILoggerFactory loggers)
    {
        var counters = statistics.Consumer(name);
        var lag = new ReadSideLag(counters, sinks.Count);
        var logger = loggers.CreateLogger($"{typeof(ReadSideConsumer).FullName}.{name}");
        var members = new ReadSideConsumer[sinks.Count];
        for (var i = 0; i < members.Length; i++)
            members[i] = new ReadSideConsumer(sinks.Count == 1 ? name : $"{name}#{i}", $"{clusterId}.{name}", topics, sinks[i], log, policy,
                counters, logger, lag, i);
        return members;
    }

    /// <summary>Runs <see cref="Run"/> on a thread of its own (it blocks on polls and writes); the task ends with it.</summary>
    public Task RunOnOwnThread(CancellationToken stopping) =>
        Task.Factory.StartNew(() => Run(stopping), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public void Run(CancellationToken stopping)
    {
        using var reader = log.CreateReader();
        _reader = reader;
        while (!stopping.IsCancellationRequested)
        {
            var subscriber = new StreamSubscriber(log, groupId, topics, listener: this, skipped: Consumed);
            var left = false;
            try
            {
                logger.LogInformation("Read-side consumer {Consumer} joined group {GroupId} on {Topics}", name, groupId, string.Join(",", topics));
                while (!stopping.IsCancellationRequested)
                {
                    var next = subscriber.Poll(PollTimeout);
                    if (next is not null) Buffer(next);
                    if (BatchDue())
                    {
                        TakeFetched(subscriber);
                        Flush(subscriber.Consumer, stopping);
                    }
                    MeasureLag(subscriber.Consumer);
                }
                using var handOver = new CancellationTokenSource(HandOverTimeout);
                if (_uncommitted.Count > 0) Flush(subscriber.Consumer, handOver.Token);
                subscriber.Consumer.Close();
                left = true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                Interlocked.Increment(ref counters.Errors);
                logger.LogError(e, "Read-side consumer {Consumer} failed; it rejoins without committing its unwritten batch", name);
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("Read-side consumer {Consumer} stopped with {Rows} rows unwritten; they stay uncommitted", name, sink.PendingRows);
            }
            finally
            {
                if (!left) subscriber.Consumer.Kill();
                subscriber.Dispose();
                Discard();
            }
            if (!stopping.IsCancellationRequested) stopping.WaitHandle.WaitOne(_backoff.Failed());
        }
    }

    public void OnAssigned(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions)
    {
        Discard(); // whatever was assumed about the tables may have changed while others owned these partitions
        if (partitions.Count == 0 && lag is { Members: > 1 }) lag.Report(member, 0); // the other members own the lag
        logger.LogInformation("Read-side consumer {Consumer} assigned {Count} partitions", name, partitions.Count);
    }

    public void OnRevoked(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions)
    {
        if (_uncommitted.Count == 0) return;
        using var handOver = new CancellationTokenSource(HandOverTimeout);
        Flush(consumer, handOver.Token); // throws when ClickHouse stays down: the member then leaves without committing
    }

    private void Buffer(StreamEvent next)
    {
        sink.Add(next);
        Consumed(next.Record);
    }

    /// <summary>
    /// The record is handled: buffered, or read and dropped by the subscriber (a replayed duplicate, or undecodable). The
    /// position and the offset to commit with the next written batch move past it; otherwise duplicates at the end of a
    /// partition would show as lag for good and be read again after every restart. Committing past a duplicate is safe:
    /// its original was read first, and the commit waits for the batch that holds it to be written.
    /// </summary>
    private void Consumed(LogRecord record)
    {
        var tp = record.TopicPartition;
        _uncommitted[tp] = record.Offset + 1;
        _position[tp] = record.Offset + 1;
        if (_batchStartedAt == 0) _batchStartedAt = Stopwatch.GetTimestamp(); // a batch of skipped records only commits after the interval
    }

    /// <summary>Adds the records already fetched to the due batch, up to the policy's row limit, without waiting for more.</summary>
    private void TakeFetched(StreamSubscriber subscriber)
    {
        while (sink.PendingRows < options.RowLimit && subscriber.Poll(TimeSpan.Zero) is { } next) Buffer(next);
    }

    private bool BatchDue() =>
        sink.PendingRows >= options.Rows ||
        (_batchStartedAt != 0 && Stopwatch.GetElapsedTime(_batchStartedAt) >= TimeSpan.FromMilliseconds(options.IntervalMs));

    /// <summary>Writes the batch, retrying with backoff until it is written or <paramref name="token"/> ends; then commits.</summary>
    private void Flush(IGroupConsumer consumer, CancellationToken token)
    {
        var rows = sink.PendingRows;
        while (true)
        {
            try
            {
                Interlocked.Add(ref counters.RowsWritten, sink.WriteAsync(token).GetAwaiter().GetResult());
                _backoff.Succeeded();
                break;
            }
            catch (Exception e) when (sink.IsUnavailable(e))
            {
                Interlocked.Increment(ref counters.Errors);
                var wait = _backoff.Failed();
                logger.LogWarning("Read-side consumer {Consumer}: writing {Rows} rows failed (attempt {Attempt}), retrying in {DelayMs} ms: {Error}",
                    name, rows, _backoff.Failures, (long)wait.TotalMilliseconds, e.Message);
                MeasureLag(consumer);
                token.WaitHandle.WaitOne(wait);
                token.ThrowIfCancellationRequested();
            }
        }
        var offsets = _uncommitted.Select(p => new TopicPartitionOffset(p.Key.Topic, p.Key.Partition, p.Value)).ToList();
        try
        {
            if (offsets.Count > 0) consumer.Commit(offsets);
        }
        catch (MessageLogException e)
        {
            Interlocked.Increment(ref counters.Errors);
            logger.LogWarning(e, "Read-side consumer {Consumer}: commit failed after the rows were written; a re-read is deduplicated", name);
        }
        _uncommitted.Clear();
        _batchStartedAt = 0;
    }

    private void MeasureLag(IGroupConsumer consumer)
    {
        if (_lagMeasuredAt != 0 && Stopwatch.GetElapsedTime(_lagMeasuredAt) < LagInterval) return;
        if (consumer.Assignment.Count == 0) return; // nothing owned (yet): keep the last figure
        _lagMeasuredAt = Stopwatch.GetTimestamp();
        try
        {
            long behind = 0;
            foreach (var tp in consumer.Assignment)
            {
                var (low, high) = _reader!.Watermarks(tp);
                if (!_position.TryGetValue(tp, out var position)) _position[tp] = position = consumer.Committed(tp) ?? low;
                behind += Math.Max(0, high - position);
            }
            if (lag is null) Interlocked.Exchange(ref counters.Lag, behind);
            else lag.Report(member, behind);
        }
        catch (MessageLogException e)
        {
            logger.LogDebug(e, "Read-side consumer {Consumer}: lag not measured", name);
        }
    }

    private void Discard()
    {
        sink.Reset();
        _uncommitted.Clear();
        _position.Clear();
        _batchStartedAt = 0;
    }
}
