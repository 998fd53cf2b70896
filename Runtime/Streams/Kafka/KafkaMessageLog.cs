using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Runtime.Configuration;

namespace Trading.Runtime.Streams.Kafka;

/// <summary>
/// <see cref="IMessageLog"/> over Kafka with Confluent.Kafka 1.9.3, configured by <see cref="KafkaOptions"/>
/// (by default for the Kafka 0.9 broker: no ApiVersions, no headers or timestamps, no CreateTopics).
/// Topics are created by the broker on first use (auto.create.topics.enable) with its num.partitions.
/// </summary>
public sealed class KafkaMessageLog : IMessageLog, IDisposable
{
    private readonly KafkaOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly KafkaTopicMetadata _metadata;

    /// <param name="options">Connection and client settings.</param>
    /// <param name="loggerFactory">Receives librdkafka's log lines and client errors.</param>
    /// <param name="metadataTimeout">How long <see cref="PartitionCount"/> waits for a new topic's partitions to get leaders (30 s by default).</param>
    public KafkaMessageLog(KafkaOptions options, ILoggerFactory? loggerFactory = null, TimeSpan? metadataTimeout = null)
    {
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _metadata = new KafkaTopicMetadata(options, _loggerFactory.CreateLogger<KafkaTopicMetadata>(), metadataTimeout ?? TimeSpan.FromSeconds(30));
    }

    /// <inheritdoc />
    /// <exception cref="MessageLogException">The topic's metadata did not become ready in time.</exception>
    public int PartitionCount(string topic) => _metadata.PartitionCount(topic);

    /// <inheritdoc />
    public IMessageProducer CreateProducer() => new KafkaProducer(_options, _loggerFactory.CreateLogger<KafkaProducer>());

    /// <inheritdoc />
    public IGroupConsumer CreateGroupConsumer(string groupId, IPartitionListener listener)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentNullException.ThrowIfNull(listener);
        return new KafkaGroupConsumer(_options.CreateConsumerConfig(groupId), listener, PartitionCount, _loggerFactory.CreateLogger<KafkaGroupConsumer>());
    }

    /// <inheritdoc />
    public IPartitionReader CreateReader() => new KafkaPartitionReader(_options, _loggerFactory.CreateLogger<KafkaPartitionReader>());

    /// <summary>Releases the metadata client.</summary>
    public void Dispose() => _metadata.Dispose();
}
