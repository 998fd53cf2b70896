using System.Text;
using Confluent.Kafka;
using Trading.Runtime.Partitioning;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Runtime.Providers;

public sealed class Murmur2PartitionerTests
{
    /// <summary>
    /// Values printed by the Java client itself: org.apache.kafka.common.utils.Utils.murmur2 from
    /// kafka-clients-0.9.0.1.jar over each key's UTF-8 bytes (partition = (hash &amp; 0x7fffffff) % 12).
    /// </summary>
    [Theory]
    [InlineData("", 275646681, 9)]
    [InlineData("a", -1563381124, 4)]
    [InlineData("ab", 316155434, 2)]
    [InlineData("abc", 479470107, 3)]
    [InlineData("21", -973932308, 0)]
    [InlineData("foobar", -790332482, 6)]
    [InlineData("BTCUSDT", -841713390, 2)]
    [InlineData("ETHUSDT", 616678109, 5)]
    [InlineData("42", 417700972, 4)]
    [InlineData("user-1000", -1612455601, 7)]
    [InlineData("a-little-bit-long-string", -985981536, 8)]
    [InlineData("a-little-bit-longer-string", -1486304829, 11)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971, 5)]
    [InlineData("été-€", -1487586725, 3)]
    [InlineData("kafka", -798503068, 4)]
    public void Hash_and_partition_equal_the_Java_client(string key, int javaHash, int partitionOf12)
    {
        Assert.Equal(javaHash, Murmur2Partitioner.Hash(Encoding.UTF8.GetBytes(key)));
        Assert.Equal(partitionOf12, Murmur2Partitioner.Partition(key, 12));
    }

    [Fact]
    public void Bytes_above_127_are_treated_as_unsigned_like_the_Java_masking()
    {
        Assert.Equal(-1958495739, Murmur2Partitioner.Hash([0xff, 0x80, 0x7f, 0x00, 0xfe]));
    }

    [Fact]
    public void Long_keys_beyond_the_stack_buffer_hash_the_same_as_their_bytes()
    {
        var key = new string('x', 1000) + "é";
        Assert.Equal(Murmur2Partitioner.Partition(Encoding.UTF8.GetBytes(key), 7), Murmur2Partitioner.Partition(key, 7));
    }

    [Fact]
    public void Partition_count_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Murmur2Partitioner.Partition("k", 0));

    /// <summary>librdkafka's murmur2_random partitioner, used by the producers, must place every key where ours does.</summary>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task The_broker_reports_the_partition_we_compute_for_every_key()
    {
        var kafka = TestServers.Kafka;
        kafka.Partitioner = "murmur2_random";
        kafka.Producer["message.timeout.ms"] = "30000"; // a missing broker fails the test in 30 s, not librdkafka's 5 min
        var topic = TestServers.UniqueName("murmur2");
        using var producer = new ProducerBuilder<string, string>(kafka.CreateProducerConfig()).Build();
        var keys = Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? $"user-{i}" : i % 3 == 1 ? $"SYM{i}USDT" : $"ключ-{i}-€").ToList();

        var results = await Task.WhenAll(keys.Select(k => producer.ProduceAsync(topic, new Message<string, string> { Key = k, Value = k })));

        using var admin = new AdminClientBuilder(new AdminClientConfig(kafka.CreateProducerConfig())).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count;
        Assert.Equal(12, partitions);
        Assert.All(results, r => Assert.Equal(Murmur2Partitioner.Partition(r.Message.Key, partitions), r.Partition.Value));
        Assert.True(results.Select(r => r.Partition.Value).Distinct().Count() == partitions, "300 keys should reach every partition");
    }
}
