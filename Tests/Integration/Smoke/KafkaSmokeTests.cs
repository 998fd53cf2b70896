using System.Text;
using Confluent.Kafka;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Integration.Smoke;

/// <summary>Keyed produce and consumer-group consume against the real Kafka 0.9.0.1 broker.</summary>
[Trait("Category", "Integration")]
public sealed class KafkaSmokeTests
{
    private const int Messages = 1000;
    private const int Keys = 50;
    private const int ExpectedPartitions = 12;

    [Fact]
    public async Task Keyed_messages_round_trip_through_a_consumer_group_in_order_per_key()
    {
        var kafka = TestServers.Kafka;
        var topic = TestServers.UniqueName("smoke");

        using var producer = new ProducerBuilder<string, string>(kafka.CreateProducerConfig()).Build();
        var partitionsUsed = new HashSet<int>();
        for (var i = 0; i < Messages; i++)
        {
            var key = $"key-{i % Keys}";
            var result = await producer.ProduceAsync(topic, new Message<string, string> { Key = key, Value = $"{key}:{i / Keys}" });
            Assert.Equal(PersistenceStatus.Persisted, result.Status);
            partitionsUsed.Add(result.Partition.Value);
        }

        using (var admin = new AdminClientBuilder(new AdminClientConfig(kafka.CreateProducerConfig())).Build())
        {
            var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
            Assert.Equal(ExpectedPartitions, metadata.Topics.Single().Partitions.Count);
        }
        Assert.True(partitionsUsed.Count > ExpectedPartitions / 2, $"keys landed on only {partitionsUsed.Count} partitions");

        var config = kafka.CreateConsumerConfig(TestServers.UniqueName("smoke-group"));
        var assigned = new List<TopicPartition>();
        using var consumer = new ConsumerBuilder<string, string>(config)
            .SetPartitionsAssignedHandler((_, parts) => assigned.AddRange(parts))
            .Build();
        consumer.Subscribe(topic);

        var nextPerKey = new Dictionary<string, int>();
        var partitionOfKey = new Dictionary<string, int>();
        var received = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (received < Messages && DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (record is null) continue;
            var sequence = int.Parse(record.Message.Value.Split(':')[1]);
            nextPerKey.TryGetValue(record.Message.Key, out var expected);
            Assert.Equal(expected, sequence);
            nextPerKey[record.Message.Key] = sequence + 1;
            if (partitionOfKey.TryGetValue(record.Message.Key, out var p)) Assert.Equal(p, record.Partition.Value);
            partitionOfKey[record.Message.Key] = record.Partition.Value;
            received++;
        }
        consumer.Commit();
        consumer.Close();

        Assert.Equal(Messages, received);
        Assert.Equal(ExpectedPartitions, assigned.Count);
        Assert.All(nextPerKey.Values, n => Assert.Equal(Messages / Keys, n));
    }
}
