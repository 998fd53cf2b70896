using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Trading.Runtime.Configuration;

namespace Trading.Runtime.Streams.Kafka;

/// <summary>
/// A Confluent.Kafka producer. Keys are placed by the configured librdkafka partitioner
/// (<c>murmur2_random</c> by default, equal to <see cref="Partitioning.Murmur2Partitioner"/>). Delivery
/// reports run on librdkafka's background polling thread, in offset order per partition.
/// </summary>
internal sealed class KafkaProducer : IMessageProducer
{
    private static readonly TimeSpan DisposeFlushTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(5);
    private readonly IProducer<string, byte[]> _producer;
    private readonly ILogger _logger;

    public KafkaProducer(KafkaOptions options, ILogger logger)
    {
        _logger = logger;
        _producer = new ProducerBuilder<string, byte[]>(options.CreateProducerConfig())
            .SetKeySerializer(Serializers.Utf8)
            .SetValueSerializer(Serializers.ByteArray)
            .SetLogHandler((_, m) => KafkaLogging.Log(logger, m))
            .SetErrorHandler((_, e) => KafkaLogging.Error(logger, e))
            .Build();
    }

    /// <summary>Blocks briefly while librdkafka's local queue is full (back-pressure), never drops.</summary>
    /// <exception cref="MessageLogException">The record could not be enqueued; <paramref name="onDelivered"/> will not run.</exception>
    public void Produce(string topic, string key, byte[] value, Action<DeliveryReport> onDelivered)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(onDelivered);
        var message = new Message<string, byte[]> { Key = key, Value = value };
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, report => Report(report, onDelivered));
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                Thread.Sleep(QueueFullBackoff);
            }
            catch (KafkaException e)
            {
                throw new MessageLogException($"Produce to '{topic}' failed: {e.Error.Reason}", e);
            }
        }
    }

    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    /// <summary>Waits up to <see cref="DisposeFlushTimeout"/> for records in flight, then releases the client.</summary>
    public void Dispose()
    {
        var left = _producer.Flush(DisposeFlushTimeout);
        if (left > 0) _logger.LogWarning("Producer disposed with {Count} records still unacknowledged", left);
        _producer.Dispose();
    }

    private void Report(DeliveryReport<string, byte[]> report, Action<DeliveryReport> onDelivered)
    {
        var ours = new DeliveryReport(report.Topic, report.Partition.Value, report.Offset.Value,
            report.Error.IsError ? report.Error.Reason : null);
        try
        {
            onDelivered(ours);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Delivery callback for {Topic}[{Partition}]@{Offset} threw", ours.Topic, ours.Partition, ours.Offset);
        }
    }
}
