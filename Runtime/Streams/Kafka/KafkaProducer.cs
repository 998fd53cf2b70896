using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Trading.Runtime.Configuration;

namespace Trading.Runtime.Streams.Kafka;

/// <summary>
/// A Confluent.Kafka producer. Keys are placed by the configured librdkafka partitioner
/// (<c>murmur2_random</c> by default, equal to <see cref="Partitioning.Murmur2Partitioner"/>). Delivery
/// reports run on Confluent.Kafka's background polling thread, in offset order per partition.
/// <see cref="Flush"/> waits for them on its own count instead of calling the client's Flush, which would
/// serve delivery reports on the flushing thread.
/// </summary>
internal sealed class KafkaProducer : IMessageProducer
{
    private const string DeliveryReportFields = "dotnet.producer.delivery.report.fields";
    private static readonly TimeSpan DisposeFlushTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(5);
    private readonly IProducer<string, byte[]> _producer;
    private readonly ILogger _logger;
    private readonly DeliveryTracker _deliveries;
    // The client copies key and value into its own buffers during Produce and keeps no reference to the message (its
    // delivery report holds at most the key and value), so each thread reuses one message object.
    [ThreadStatic] private static Message<string, byte[]>? t_message;

    public KafkaProducer(KafkaOptions options, ILogger logger)
    {
        _logger = logger;
        _deliveries = new DeliveryTracker(logger);
        var config = options.CreateProducerConfig();
        // Delivery reports carry topic, partition, offset and error only (unless configured otherwise): by default the
        // client copies every record's key and value back into managed memory for its report, which is never read here.
        if (config.Get(DeliveryReportFields) is null) config.Set(DeliveryReportFields, "none");
        _producer = new ProducerBuilder<string, byte[]>(config)
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
        var message = t_message ??= new Message<string, byte[]>();
        message.Key = key;
        message.Value = value;
        try
        {
            ProduceWithBackoff(topic, message, onDelivered);
        }
        finally
        {
            message.Key = null!; // keeps no record alive until the thread's next produce
            message.Value = null!;
        }
    }

    private void ProduceWithBackoff(string topic, Message<string, byte[]> message, Action<DeliveryReport> onDelivered)
    {
        while (true)
        {
            _deliveries.Enqueued();
            try
            {
                _producer.Produce(topic, message, report => Report(report, onDelivered));
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                _deliveries.Abandoned();
                Thread.Sleep(QueueFullBackoff);
            }
            catch (KafkaException e)
            {
                _deliveries.Abandoned();
                throw new MessageLogException($"Produce to '{topic}' failed: {e.Error.Reason}", e);
            }
        }
    }

    /// <summary>Waits until every produced record's delivery callback has returned, or the timeout passes.</summary>
    public int Flush(TimeSpan timeout) => _deliveries.Flush(timeout);

    /// <summary>Waits up to <see cref="DisposeFlushTimeout"/> for records in flight, then releases the client.</summary>
    public void Dispose()
    {
        var left = Flush(DisposeFlushTimeout);
        if (left > 0) _logger.LogWarning("Producer disposed with {Count} records still unacknowledged", left);
        _producer.Dispose();
    }

    private void Report(DeliveryReport<string, byte[]> report, Action<DeliveryReport> onDelivered) =>
        _deliveries.Report(onDelivered, new DeliveryReport(report.Topic, report.Partition.Value, report.Offset.Value,
            report.Error.IsError ? report.Error.Reason : null));
}
