using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Trading.Runtime.Configuration;
using CK = Confluent.Kafka;

namespace Trading.Runtime.Streams.Kafka;

/// <summary>
/// Reads partition ranges with a group-less consumer (Assign, never Subscribe, never commits).
/// A range is clamped to the watermarks at the time of the call: records not yet written are not waited for.
/// </summary>
internal sealed class KafkaPartitionReader : IPartitionReader
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(30);
    private readonly IConsumer<string, byte[]> _consumer;

    public KafkaPartitionReader(KafkaOptions options, ILogger logger)
    {
        var config = options.CreateConsumerConfig($"{options.ClientId}-reader-{Guid.NewGuid():N}");
        config.EnableAutoCommit = false;
        config.EnableAutoOffsetStore = false;
        _consumer = new ConsumerBuilder<string, byte[]>(config)
            .SetKeyDeserializer(Deserializers.Utf8)
            .SetValueDeserializer(Deserializers.ByteArray)
            .SetLogHandler((_, m) => KafkaLogging.Log(logger, m))
            .SetErrorHandler((_, e) => KafkaLogging.Error(logger, e))
            .Build();
    }

    public IEnumerable<LogRecord> Read(TopicPartition partition, long from, long toExclusive, CancellationToken cancellationToken)
    {
        var (low, high) = Watermarks(partition);
        return ReadRange(partition, Math.Max(from, low), Math.Min(toExclusive, high), cancellationToken);
    }

    /// <exception cref="MessageLogException">The broker did not answer.</exception>
    public (long Low, long High) Watermarks(TopicPartition partition)
    {
        try
        {
            var w = _consumer.QueryWatermarkOffsets(new CK.TopicPartition(partition.Topic, partition.Partition), QueryTimeout);
            return (w.Low.Value, w.High.Value);
        }
        catch (KafkaException e)
        {
            throw new MessageLogException($"Watermarks of {partition} unavailable: {e.Error.Reason}", e);
        }
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }

    private IEnumerable<LogRecord> ReadRange(TopicPartition partition, long from, long end, CancellationToken cancellationToken)
    {
        if (from >= end) yield break;
        _consumer.Assign(new CK.TopicPartitionOffset(partition.Topic, partition.Partition, from));
        try
        {
            var next = from;
            var lastProgress = Deadline.After(StallTimeout);
            while (next < end)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = _consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result is null || result.IsPartitionEOF || result.Offset.Value < next)
                {
                    if (lastProgress.Remaining == TimeSpan.Zero)
                        throw new MessageLogException($"Reading {partition} stalled at offset {next} (range ends at {end}).");
                    continue;
                }
                next = result.Offset.Value + 1;
                lastProgress = Deadline.After(StallTimeout);
                yield return new LogRecord(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key ?? "", result.Message.Value ?? []);
            }
        }
        finally
        {
            _consumer.Unassign();
        }
    }
}
