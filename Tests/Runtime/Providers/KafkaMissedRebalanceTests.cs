using System.Diagnostics;
using Trading.Runtime.Streams;
using Trading.Runtime.Streams.Kafka;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Runtime.Providers;

/// <summary>
/// What a Kafka member sees when it stops polling for longer than max.poll.interval.ms: the group moves
/// on without it, and its next Poll revokes the partitions it has lost (commits there fail) and rejoins.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KafkaMissedRebalanceTests
{
    [Fact]
    public void Member_that_stops_polling_loses_its_partitions_and_rejoins_on_its_next_poll()
    {
        var options = TestServers.Kafka;
        options.SessionTimeoutMs = 6000;
        options.Consumer["heartbeat.interval.ms"] = "500";
        options.Consumer["max.poll.interval.ms"] = "6000";
        using var log = new KafkaMessageLog(options, metadataTimeout: TimeSpan.FromSeconds(20));
        var topic = TestServers.UniqueName("providers");
        var group = TestServers.UniqueName("providers-group");
        var partitions = log.PartitionCount(topic);
        var events = new GroupEvents();
        using var a = new ConsumerDriver(log, group, "A", events);
        var stalled = new RecordingListener();
        using var b = log.CreateGroupConsumer(group, stalled);

        b.Subscribe([topic]);
        var watch = Stopwatch.StartNew();
        while (b.Assignment.Count < partitions && watch.Elapsed < TimeSpan.FromSeconds(30)) b.Poll(TimeSpan.FromMilliseconds(100));
        Assert.Equal(partitions, b.Assignment.Count);

        a.Start(topic);
        while (b.Assignment.Count != partitions / 2 && watch.Elapsed < TimeSpan.FromSeconds(60)) b.Poll(TimeSpan.FromMilliseconds(100));
        Assert.Equal(partitions / 2, b.Assignment.Count);
        var ownedByB = b.Assignment.ToList();
        Assert.Empty(stalled.CommitErrors); // B's commit in the regular revoke (A joining) succeeded

        // B stops polling; after max.poll.interval.ms its client leaves the group and A gets everything.
        Eventually.True(() => a.Assignment.Count == partitions, TimeSpan.FromSeconds(45), () => $"A owns {a.Assignment.Count}", a);
        Assert.Equal(3, a.Run(c => c.Committed(new TopicPartition(topic, 0))));

        // B's next polls: OnRevoked for what it lost, its commit there refused, then it rejoins.
        var revokedBefore = stalled.Revoked.Count;
        while ((b.Assignment.Count == 0 || a.Assignment.Count == partitions) && watch.Elapsed < TimeSpan.FromSeconds(120))
            b.Poll(TimeSpan.FromMilliseconds(100));
        Assert.Equal(ownedByB.OrderBy(p => p.Partition), stalled.Revoked.Skip(revokedBefore).Take(ownedByB.Count).OrderBy(p => p.Partition));
        Assert.NotEmpty(stalled.CommitErrors);
        Assert.True(b.Assignment.Count > 0, "B rejoined and got a share");
        a.Stop(close: true);
        b.Close();
    }

    private sealed class RecordingListener : IPartitionListener
    {
        public List<TopicPartition> Revoked { get; } = [];
        public List<MessageLogException> CommitErrors { get; } = [];

        public void OnAssigned(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions) { }

        public void OnRevoked(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions)
        {
            Revoked.AddRange(partitions);
            try { consumer.Commit(partitions.Select(p => new TopicPartitionOffset(p.Topic, p.Partition, 3)).ToList()); }
            catch (MessageLogException e) { CommitErrors.Add(e); }
        }
    }
}
