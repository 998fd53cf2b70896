using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trading.Runtime.Configuration;

namespace Trading.Tests.Configuration;

public sealed class PlatformOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddPlatformOptions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public void Kafka_defaults_carry_the_0_9_compatibility_flags_into_librdkafka_configs()
    {
        var kafka = Build([]).GetRequiredService<IOptions<KafkaOptions>>().Value;
        var consumer = kafka.CreateConsumerConfig("g1");
        var producer = kafka.CreateProducerConfig();

        Assert.Equal(false, consumer.ApiVersionRequest);
        Assert.Equal("0.9.0.1", consumer.BrokerVersionFallback);
        Assert.Equal("0.9.0.1", producer.BrokerVersionFallback);
        Assert.True(consumer.SessionTimeoutMs <= 30_000);
        Assert.Equal(false, consumer.EnableAutoCommit);
        Assert.Equal("g1", consumer.GroupId);
        Assert.Equal(Confluent.Kafka.Partitioner.Murmur2Random, producer.Partitioner);
    }

    [Fact]
    public void A_modern_cluster_drops_the_compatibility_flags_through_configuration()
    {
        var kafka = Build(new()
        {
            ["Kafka:BootstrapServers"] = "broker-1:9092,broker-2:9092",
            ["Kafka:ApiVersionRequest"] = "true",
            ["Kafka:BrokerVersionFallback"] = "",
            ["Kafka:SessionTimeoutMs"] = "45000",
            ["Kafka:Producer:enable.idempotence"] = "true",
        }).GetRequiredService<IOptions<KafkaOptions>>().Value;
        var producer = kafka.CreateProducerConfig();

        Assert.Equal("broker-1:9092,broker-2:9092", producer.BootstrapServers);
        Assert.Equal(true, producer.ApiVersionRequest);
        Assert.Null(producer.BrokerVersionFallback);
        Assert.Equal(true, producer.EnableIdempotence);
        Assert.Equal(45_000, kafka.CreateConsumerConfig("g").SessionTimeoutMs);
    }

    [Theory]
    [InlineData("Kafka:BootstrapServers", "")]
    [InlineData("Kafka:SessionTimeoutMs", "10")]
    [InlineData("ClickHouse:Url", "not a url")]
    [InlineData("ClickHouse:Database", "bad-name;drop")]
    [InlineData("Redis:Database", "99")]
    [InlineData("Topics:Partitions", "0")]
    [InlineData("Cluster:ClusterId", "has space")]
    public void Invalid_settings_fail_validation_naming_the_setting(string key, string value)
    {
        var provider = Build(new() { [key] = value });
        var section = key.Split(':')[0];
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(provider, section));
        Assert.Contains(key.Split(':')[1], error.Message);
    }

    [Fact]
    public void Unknown_settings_are_rejected_rather_than_ignored()
    {
        var provider = Build(new() { ["Redis:Configuraton"] = "typo:6379" });
        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<RedisOptions>>().Value);
    }

    private static object Resolve(IServiceProvider provider, string section) => section switch
    {
        "Kafka" => provider.GetRequiredService<IOptions<KafkaOptions>>().Value,
        "Redis" => provider.GetRequiredService<IOptions<RedisOptions>>().Value,
        "ClickHouse" => provider.GetRequiredService<IOptions<ClickHouseOptions>>().Value,
        "Topics" => provider.GetRequiredService<IOptions<TopicOptions>>().Value,
        "Cluster" => provider.GetRequiredService<IOptions<ClusterOptions>>().Value,
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };
}
