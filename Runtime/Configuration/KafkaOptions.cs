using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;

namespace Trading.Runtime.Configuration;

/// <summary>
/// Kafka connection settings. The defaults target the local Apache Kafka 0.9.0.1 broker started by
/// scripts/services.sh; a modern cluster sets <see cref="ApiVersionRequest"/> to true and clears
/// <see cref="BrokerVersionFallback"/> to use its full protocol.
/// </summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    [Required(AllowEmptyStrings = false)]
    public string BootstrapServers { get; set; } = "127.0.0.1:9092";

    /// <summary>librdkafka <c>api.version.request</c>; Kafka 0.9 does not answer ApiVersions.</summary>
    public bool ApiVersionRequest { get; set; } = false;

    /// <summary>librdkafka <c>broker.version.fallback</c>; empty leaves librdkafka's default.</summary>
    public string? BrokerVersionFallback { get; set; } = "0.9.0.1";

    /// <summary>Consumer group session timeout. Kafka 0.9 brokers accept at most 30000 ms by default.</summary>
    [Range(1000, 300_000)]
    public int SessionTimeoutMs { get; set; } = 10_000;

    /// <summary>librdkafka partitioner; murmur2_random hashes keys as the Java client does.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Partitioner { get; set; } = "murmur2_random";

    [Required(AllowEmptyStrings = false)]
    public string ClientId { get; set; } = "trading-platform";

    /// <summary>Extra librdkafka properties for producers, applied last (e.g. "linger.ms").</summary>
    public Dictionary<string, string> Producer { get; set; } = new();

    /// <summary>Extra librdkafka properties for consumers, applied last.</summary>
    public Dictionary<string, string> Consumer { get; set; } = new();

    public ProducerConfig CreateProducerConfig()
    {
        var config = new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            ClientId = ClientId,
            ApiVersionRequest = ApiVersionRequest,
            Partitioner = ParsePartitioner(Partitioner),
        };
        ApplyCommon(config);
        foreach (var (key, value) in Producer) config.Set(key, value);
        return config;
    }

    /// <summary>The metadata client's settings: the connection only, no producer or consumer properties.</summary>
    public AdminClientConfig CreateAdminConfig()
    {
        var config = new AdminClientConfig { BootstrapServers = BootstrapServers, ClientId = ClientId, ApiVersionRequest = ApiVersionRequest };
        ApplyCommon(config);
        return config;
    }

    public ConsumerConfig CreateConsumerConfig(string groupId)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            ClientId = ClientId,
            GroupId = groupId,
            ApiVersionRequest = ApiVersionRequest,
            SessionTimeoutMs = SessionTimeoutMs,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        ApplyCommon(config);
        // Consume results carry the topic but no headers or timestamps (the envelope has its own time; 0.9 has neither).
        config.Set("dotnet.consumer.consume.result.fields", "topic");
        foreach (var (key, value) in Consumer) config.Set(key, value);
        return config;
    }

    private void ApplyCommon(ClientConfig config)
    {
        if (!string.IsNullOrWhiteSpace(BrokerVersionFallback))
            config.BrokerVersionFallback = BrokerVersionFallback;
    }

    private static Partitioner ParsePartitioner(string name) => name switch
    {
        "murmur2_random" => Confluent.Kafka.Partitioner.Murmur2Random,
        "murmur2" => Confluent.Kafka.Partitioner.Murmur2,
        "consistent_random" => Confluent.Kafka.Partitioner.ConsistentRandom,
        "consistent" => Confluent.Kafka.Partitioner.Consistent,
        "random" => Confluent.Kafka.Partitioner.Random,
        _ => throw new ArgumentException($"Unknown Kafka partitioner '{name}'.", nameof(name)),
    };
}
