using System.Diagnostics;
using System.Text;
using Trading.Runtime.Configuration;
using Trading.Runtime.Streams;
using Trading.Runtime.Streams.InMemory;

namespace Trading.Tests.Runtime.Providers;

/// <summary>The message-log contract against the embedded in-memory log, plus what only it offers.</summary>
public sealed class InMemoryMessageLogTests : MessageLogContract
{
    private readonly InMemoryMessageLog _log = new(new TopicOptions { Partitions = ExpectedPartitions });

    protected override IMessageLog Log => _log;
    protected override TimeSpan Patience => TimeSpan.FromSeconds(10);
    protected override TimeSpan QuietPeriod => TimeSpan.FromMilliseconds(200);
    protected override void Kill(IGroupConsumer consumer) => ((InMemoryGroupConsumer)consumer).Kill();

    [Fact]
    public void Explicitly_created_topic_keeps_its_partition_count()
    {
        Assert.True(_log.CreateTopic("explicit", 3));
        Assert.False(_log.CreateTopic("explicit", 3));
        Assert.Equal(3, _log.PartitionCount("explicit"));
        Assert.Throws<MessageLogException>(() => _log.CreateTopic("explicit", 4));
        Assert.Equal(ExpectedPartitions, _log.PartitionCount("auto"));
    }

    [Fact]
    public async Task Poll_blocks_until_a_record_arrives_and_returns_null_at_its_timeout()
    {
        var consumer = _log.CreateGroupConsumer("g", new NoOpListener());
        consumer.Subscribe(["blocking"]);
        var watch = Stopwatch.StartNew();
        Assert.Null(consumer.Poll(TimeSpan.FromMilliseconds(300)));
        Assert.InRange(watch.ElapsedMilliseconds, 280, 3_000);

        using var producer = _log.CreateProducer();
        var poll = Task.Factory.StartNew(() => consumer.Poll(TimeSpan.FromSeconds(20)), TaskCreationOptions.LongRunning);
        await Task.Delay(200);
        Assert.False(poll.IsCompleted);
        watch.Restart();
        producer.Produce("blocking", "k", [1, 2, 3], _ => { });
        var record = await poll.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.InRange(watch.ElapsedMilliseconds, 0, 1_000);
        Assert.Equal(new byte[] { 1, 2, 3 }, record!.Value);
        consumer.Dispose();
    }

    [Fact]
    public void Revocation_runs_on_the_next_poll_and_nobody_gets_the_partitions_before_it()
    {
        _log.CreateTopic("eager", 4);
        var events = new GroupEvents();
        var a = _log.CreateGroupConsumer("eager-group", new EventListener("A", events));
        var b = _log.CreateGroupConsumer("eager-group", new EventListener("B", events));
        a.Subscribe(["eager"]);
        a.Poll(TimeSpan.Zero);
        Assert.Equal(4, a.Assignment.Count);

        b.Subscribe(["eager"]);
        // A has not polled since B joined: B must get nothing yet, however long it polls.
        Assert.Null(b.Poll(TimeSpan.FromMilliseconds(100)));
        Assert.Empty(b.Assignment);
        Assert.Equal(0, events.Count("A", "revoked"));

        a.Poll(TimeSpan.Zero);
        Assert.Equal(4, events.Count("A", "revoked"));
        b.Poll(TimeSpan.Zero);
        Assert.Equal([new TopicPartition("eager", 0), new TopicPartition("eager", 1)], a.Assignment);
        Assert.Equal([new TopicPartition("eager", 2), new TopicPartition("eager", 3)], b.Assignment);

        b.Dispose(); // graceful, like Close: B's OnRevoked runs here, synchronously
        Assert.Equal(2, events.Count("B", "revoked"));
        a.Poll(TimeSpan.Zero);
        Assert.Equal(4, a.Assignment.Count);
        Assert.Empty(events.Violations);
        Assert.Throws<ObjectDisposedException>(() => b.Poll(TimeSpan.Zero));
        a.Close();
    }

    [Fact]
    public void Member_that_misses_a_rebalance_is_evicted_then_loses_its_partitions_and_rejoins()
    {
        var log = new InMemoryMessageLog(4, rebalanceTimeout: TimeSpan.FromSeconds(2));
        var events = new GroupEvents();
        var lostCommitErrors = new List<Exception>();
        var a = log.CreateGroupConsumer("evict", new EventListener("A", events, (consumer, partitions) =>
        {
            try { consumer.Commit(partitions.Select(p => new TopicPartitionOffset(p.Topic, p.Partition, 99)).ToList()); }
            catch (MessageLogException e) { lostCommitErrors.Add(e); }
        }));
        var b = log.CreateGroupConsumer("evict", new EventListener("B", events));
        a.Subscribe(["t"]);
        a.Poll(TimeSpan.Zero);
        a.Commit([new TopicPartitionOffset("t", 1, 5)]);
        b.Subscribe(["t"]);

        // A stops polling: after the timeout B gets everything, starting at the committed offsets.
        Assert.Null(b.Poll(TimeSpan.FromMilliseconds(100)));
        Assert.Empty(b.Assignment);
        var watch = Stopwatch.StartNew();
        while (b.Assignment.Count < 4 && watch.Elapsed < TimeSpan.FromSeconds(10)) b.Poll(TimeSpan.FromMilliseconds(50));
        Assert.Equal(4, b.Assignment.Count);
        Assert.Equal(5, b.Committed(new TopicPartition("t", 1)));

        a.Poll(TimeSpan.Zero); // A learns it lost its partitions: OnRevoked runs, its commits are refused
        Assert.Equal(4, events.Count("A", "revoked"));
        Assert.Single(lostCommitErrors);
        Assert.Equal(5, b.Committed(new TopicPartition("t", 1)));

        // A rejoined: once B revokes, the group is split again.
        watch.Restart();
        while ((a.Assignment.Count != 2 || b.Assignment.Count != 2) && watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            a.Poll(TimeSpan.FromMilliseconds(20));
            b.Poll(TimeSpan.FromMilliseconds(20));
        }
        Assert.Equal(2, a.Assignment.Count);
        Assert.Equal(2, b.Assignment.Count);
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void Produced_value_is_copied_so_the_caller_may_reuse_its_buffer()
    {
        using var producer = _log.CreateProducer();
        var buffer = Encoding.UTF8.GetBytes("first");
        producer.Produce("copy", "k", buffer, _ => { });
        buffer[0] = (byte)'X';
        using var reader = _log.CreateReader();
        var tp = new TopicPartition("copy", Trading.Runtime.Partitioning.Murmur2Partitioner.Partition("k", ExpectedPartitions));
        Assert.Equal("first", Encoding.UTF8.GetString(reader.Read(tp, 0, 1, CancellationToken.None).Single().Value));
    }

    private sealed class EventListener(string name, GroupEvents events, Action<IGroupConsumer, IReadOnlyList<TopicPartition>>? onRevoked = null) : IPartitionListener
    {
        public void OnAssigned(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions) => events.Assigned(name, partitions);

        public void OnRevoked(IGroupConsumer consumer, IReadOnlyList<TopicPartition> partitions)
        {
            onRevoked?.Invoke(consumer, partitions);
            events.Revoked(name, partitions);
        }
    }
}
