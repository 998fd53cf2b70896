using System.Collections.Concurrent;
using System.Text;
using Trading.Runtime.Partitioning;
using Trading.Runtime.Streams;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Runtime.Providers;

/// <summary>
/// The behaviour every <see cref="IMessageLog"/> must have, run against the in-memory log and against
/// the real Kafka broker by the subclasses. Each test uses fresh topic and group names.
/// </summary>
public abstract class MessageLogContract
{
    protected const int ExpectedPartitions = 12;

    protected abstract IMessageLog Log { get; }

    /// <summary>Upper bound for a rebalance or a batch of records to arrive.</summary>
    protected abstract TimeSpan Patience { get; }

    /// <summary>How long "nothing arrives" is watched for.</summary>
    protected abstract TimeSpan QuietPeriod { get; }

    /// <summary>Makes the member drop out of its group like a crashed process: no OnRevoked, no commit.</summary>
    protected abstract void Kill(IGroupConsumer consumer);

    protected static string NewTopic() => TestServers.UniqueName("providers");
    protected static string NewGroup() => TestServers.UniqueName("providers-group");

    [Fact]
    public void Records_are_consumed_in_order_per_key_from_the_partition_murmur2_picks()
    {
        var topic = NewTopic();
        var partitions = Log.PartitionCount(topic);
        Assert.Equal(ExpectedPartitions, partitions);
        var sent = Enumerable.Range(0, 400).Select(i => ($"user-{i % 40}", $"user-{i % 40}:{i / 40}")).ToList();

        var reports = ProduceAll(topic, sent);

        foreach (var (key, _, report) in reports)
        {
            Assert.True(report.Succeeded, report.Error);
            Assert.Equal(topic, report.Topic);
            Assert.Equal(Murmur2Partitioner.Partition(key, partitions), report.Partition);
        }
        foreach (var perPartition in reports.GroupBy(r => r.Report.Partition))
            Assert.Equal(Enumerable.Range(0, perPartition.Count()).Select(i => (long)i), perPartition.Select(r => r.Report.Offset));

        var events = new GroupEvents();
        using var driver = new ConsumerDriver(Log, NewGroup(), "A", events);
        driver.Start(topic);
        Eventually.True(() => driver.Records.Count >= sent.Count, Patience, () => $"{driver.Records.Count} of {sent.Count} records", driver);
        driver.Stop(close: true);

        var received = driver.Records;
        Assert.Equal(sent.Count, received.Count);
        var offsetOf = reports.ToDictionary(r => r.Value, r => (r.Report.Partition, r.Report.Offset));
        var nextSequence = new Dictionary<string, int>();
        foreach (var record in received)
        {
            var value = Encoding.UTF8.GetString(record.Value);
            var sequence = int.Parse(value.Split(':')[1]);
            Assert.Equal(nextSequence.GetValueOrDefault(record.Key), sequence);
            nextSequence[record.Key] = sequence + 1;
            Assert.Equal(offsetOf[value], (record.Partition, record.Offset));
        }
        Assert.All(nextSequence.Values, n => Assert.Equal(10, n));
        Assert.Empty(events.Violations);
    }

    [Fact]
    public void Delivery_reports_arrive_once_each_off_the_producing_thread_with_consecutive_offsets()
    {
        var topic = NewTopic();
        var producingThread = Environment.CurrentManagedThreadId;
        var reports = new ConcurrentQueue<(DeliveryReport Report, int Thread)>();
        using (var producer = Log.CreateProducer())
        {
            for (var i = 0; i < 50; i++)
                producer.Produce(topic, "BTCUSDT", Encoding.UTF8.GetBytes($"m{i}"), r => reports.Enqueue((r, Environment.CurrentManagedThreadId)));
            Assert.Equal(0, producer.Flush(Patience));
        }

        var expectedPartition = Murmur2Partitioner.Partition("BTCUSDT", Log.PartitionCount(topic));
        Assert.Equal(50, reports.Count);
        Assert.All(reports, r =>
        {
            Assert.True(r.Report.Succeeded, r.Report.Error);
            Assert.Equal(expectedPartition, r.Report.Partition);
            Assert.NotEqual(producingThread, r.Thread);
        });
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), reports.Select(r => r.Report.Offset));
    }

    [Fact]
    public void Group_splits_partitions_and_a_leaving_member_hands_over_at_its_committed_offsets()
    {
        using var members = TwoMembers();
        var (topic, partitions, events, a, b) = (members.Topic, members.Partitions, members.Events, members.A, members.B);

        a.Start(topic);
        AwaitOwnsAll(a, partitions);
        ProduceAll(topic, Batch("one", 240));
        Eventually.True(() => a.Records.Count == 240, Patience, () => $"A has {a.Records.Count} of 240", a);

        b.Start(topic);
        AwaitHalfEach(a, b, partitions);
        Assert.Empty(a.Assignment.Intersect(b.Assignment));
        foreach (var p in b.Assignment)
            Assert.True(events.Last("A", "revoked", p) < events.Last("B", "assigned", p), $"B got {p} before A revoked it");
        Assert.All(a.CommittedOnRevoke.Where(c => b.Assignment.Contains(c.Key)),
            c => Assert.Equal(c.Value, b.Run(consumer => consumer.Committed(c.Key))));

        ProduceAll(topic, Batch("two", 240));
        Eventually.True(() => a.Records.Count + b.Records.Count == 480, Patience,
            () => $"A has {a.Records.Count}, B has {b.Records.Count} of 480", a, b);
        var ownedByB = b.Assignment.ToList();
        Assert.Contains(b.Records, r => ownedByB.Contains(r.TopicPartition));

        var aBeforeHandover = a.Records.Count;
        b.Stop(close: true);
        AwaitOwnsAll(a, partitions);
        foreach (var p in ownedByB)
        {
            Assert.True(events.Last("B", "revoked", p) < events.Last("A", "assigned", p), $"A got {p} before B revoked it");
            Assert.Equal(b.CommittedOnRevoke[p], a.Run(c => c.Committed(p)));
        }

        ProduceAll(topic, Batch("three", 240));
        Eventually.True(() => a.Records.Count + b.Records.Count >= 720, Patience,
            () => $"A has {a.Records.Count}, B has {b.Records.Count} of 720", a);
        Thread.Sleep(QuietPeriod);
        a.Stop(close: true);

        var all = a.Records.Concat(b.Records).ToList();
        Assert.Equal(720, all.Count);
        Assert.Equal(720, all.Select(r => (r.Partition, r.Offset)).Distinct().Count());
        foreach (var p in ownedByB)
        {
            var firstTakenOver = a.Records.Skip(aBeforeHandover).Where(r => r.TopicPartition == p).Select(r => r.Offset).DefaultIfEmpty(-1).Min();
            if (firstTakenOver >= 0) Assert.Equal(b.CommittedOnRevoke[p], firstTakenOver);
        }
        Assert.Empty(events.Violations);
    }

    [Fact]
    public void Killed_member_partitions_resume_from_the_last_commit_and_later_records_are_redelivered()
    {
        using var members = TwoMembers();
        var (topic, partitions, events, a, b) = (members.Topic, members.Partitions, members.Events, members.A, members.B);
        a.Start(topic);
        AwaitOwnsAll(a, partitions);
        b.Start(topic);
        AwaitHalfEach(a, b, partitions);
        var ownedByB = b.Assignment.ToList();

        ProduceAll(topic, Batch("one", 240));
        Eventually.True(() => a.Records.Count + b.Records.Count == 240, Patience, () => $"{a.Records.Count + b.Records.Count} of 240", a, b);
        var committedByB = new Dictionary<TopicPartition, long>();
        foreach (var p in ownedByB)
            committedByB[p] = b.Records.Where(r => r.TopicPartition == p).Select(r => r.Offset + 1).DefaultIfEmpty(0).Max();
        b.CommitProcessed();
        foreach (var p in ownedByB)
            Assert.Equal(committedByB[p] == 0 ? null : committedByB[p], b.Run(c => c.Committed(p)));

        var twoReports = ProduceAll(topic, Batch("two", 240));
        var bBatchTwo = twoReports.Count(r => ownedByB.Contains(new TopicPartition(topic, r.Report.Partition)));
        Assert.True(bBatchTwo > 0, "no record of batch two went to B's partitions");
        Eventually.True(() => b.Records.Count(r => Encoding.UTF8.GetString(r.Value).StartsWith("two")) == bBatchTwo, Patience,
            () => "B to receive its share of batch two", a, b);
        var aBeforeKill = a.Records.Count;
        var bRevokes = events.Count("B", "revoked");

        b.Stop(close: false);
        events.Crashed("B"); // before Kill: the others may be assigned B's partitions before Kill returns
        Kill(b.Consumer);
        Assert.Throws<MessageLogException>(() => b.Consumer.Commit([new TopicPartitionOffset(topic, ownedByB[0].Partition, 1_000)]));

        Eventually.True(() => a.Assignment.Count == partitions, Patience, () => $"A owns {a.Assignment.Count} after the kill", a);
        Eventually.True(() => a.Records.Skip(aBeforeKill).Count(r => ownedByB.Contains(r.TopicPartition)) >= bBatchTwo, Patience,
            () => "A to receive B's uncommitted records", a);
        Thread.Sleep(QuietPeriod);
        a.Stop(close: true);

        Assert.Equal(bRevokes, events.Count("B", "revoked"));
        var takenOver = a.Records.Skip(aBeforeKill).Where(r => ownedByB.Contains(r.TopicPartition)).ToList();
        var seenByB = b.Records.Where(r => Encoding.UTF8.GetString(r.Value).StartsWith("two")).Select(r => (r.Partition, r.Offset)).ToHashSet();
        Assert.Equal(bBatchTwo, takenOver.Count);
        Assert.Equal(seenByB, takenOver.Select(r => (r.Partition, r.Offset)).ToHashSet());
        foreach (var p in ownedByB)
        {
            var offsets = takenOver.Where(r => r.TopicPartition == p).Select(r => r.Offset).ToList();
            Assert.Equal(Enumerable.Range(0, offsets.Count).Select(i => committedByB[p] + i), offsets);
        }
        Assert.Empty(events.Violations);
    }

    [Fact]
    public void Paused_partition_delivers_nothing_until_resumed_while_others_flow()
    {
        var topic = NewTopic();
        var partitions = Log.PartitionCount(topic);
        var (pausedKey, flowingKey) = TwoKeysOnDifferentPartitions(partitions);
        var paused = new TopicPartition(topic, Murmur2Partitioner.Partition(pausedKey, partitions));
        var flowing = new TopicPartition(topic, Murmur2Partitioner.Partition(flowingKey, partitions));
        var events = new GroupEvents();
        using var driver = new ConsumerDriver(Log, NewGroup(), "A", events);
        driver.Start(topic);
        Eventually.True(() => driver.Assignment.Count == partitions, Patience, () => $"A owns {driver.Assignment.Count}", driver);
        driver.Run(c => c.Pause([paused]));

        ProduceAll(topic, Enumerable.Range(0, 10).SelectMany(i => new[] { (pausedKey, $"p{i}"), (flowingKey, $"f{i}") }));
        Eventually.True(() => driver.Records.Count(r => r.TopicPartition == flowing) == 10, Patience, () => "the unpaused partition's records", driver);
        Thread.Sleep(QuietPeriod);
        Assert.DoesNotContain(driver.Records, r => r.TopicPartition == paused);

        driver.Run(c => c.Resume([paused]));
        Eventually.True(() => driver.Records.Count(r => r.TopicPartition == paused) == 10, Patience, () => "the resumed partition's records", driver);
        driver.Stop(close: true);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), driver.Records.Where(r => r.TopicPartition == paused).Select(r => r.Offset));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"p{i}"), driver.Records.Where(r => r.TopicPartition == paused).Select(r => Encoding.UTF8.GetString(r.Value)));
    }

    [Fact]
    public void A_pause_ends_with_the_assignment_a_partition_assigned_again_without_a_pause_delivers()
    {
        // librdkafka keeps a paused partition's flag across a rebalance; a member that gets the partition back and
        // does not pause it inside OnAssigned must receive its records (a silo resumed between a pause and a
        // rebalance would otherwise never consume it again).
        using var members = TwoMembers();
        var (topic, partitions, events, a, b) = (members.Topic, members.Partitions, members.Events, members.A, members.B);
        a.Start(topic);
        AwaitOwnsAll(a, partitions);
        var all = a.Assignment.ToList();
        a.Run(c => c.Pause(all));

        b.Start(topic);
        AwaitHalfEach(a, b, partitions);
        b.Stop(close: true);
        Eventually.True(() => a.Assignment.Count == partitions, Patience, () => $"A owns {a.Assignment.Count} again", a);

        ProduceAll(topic, Batch("after", 120));
        Eventually.True(() => a.Records.Count == 120, Patience,
            () => $"A has {a.Records.Count} of 120; silent partitions [{string.Join(",", all.Where(p => a.Records.All(r => r.TopicPartition != p)).Select(p => p.Partition))}]", a);
        a.Stop(close: true);
        Assert.Empty(b.Records);
        Assert.Equal(120, a.Records.Select(r => (r.Partition, r.Offset)).Distinct().Count());
        Assert.Empty(events.Violations);
    }

    [Fact]
    public void Seek_rewinds_and_skips_within_an_assigned_partition()
    {
        var topic = NewTopic();
        var partitions = Log.PartitionCount(topic);
        var tp = new TopicPartition(topic, Murmur2Partitioner.Partition("ETHUSDT", partitions));
        ProduceAll(topic, Enumerable.Range(0, 10).Select(i => ("ETHUSDT", $"v{i}")));
        var events = new GroupEvents();
        using var driver = new ConsumerDriver(Log, NewGroup(), "A", events);
        driver.Start(topic);
        Eventually.True(() => driver.Records.Count == 10, Patience, () => $"{driver.Records.Count} of 10", driver);

        driver.Run(c => c.Seek(new TopicPartitionOffset(topic, tp.Partition, 3)));
        Eventually.True(() => driver.Records.Count == 17, Patience, () => $"{driver.Records.Count} of 17 after rewinding", driver);
        driver.Run(c => c.Seek(new TopicPartitionOffset(topic, tp.Partition, 8)));
        Eventually.True(() => driver.Records.Count == 19, Patience, () => $"{driver.Records.Count} of 19 after skipping", driver);
        Thread.Sleep(QuietPeriod);
        driver.Stop(close: true);

        var offsets = driver.Records.Select(r => r.Offset).ToList();
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 4, 5, 6, 7, 8, 9, 8, 9 }, offsets);
        Assert.All(driver.Records, r => Assert.Equal($"v{r.Offset}", Encoding.UTF8.GetString(r.Value)));
    }

    [Fact]
    public void Seek_and_pause_inside_OnAssigned_apply_to_the_new_assignment()
    {
        var topic = NewTopic();
        var partitions = Log.PartitionCount(topic);
        var (seekKey, pauseKey) = TwoKeysOnDifferentPartitions(partitions);
        var sought = new TopicPartition(topic, Murmur2Partitioner.Partition(seekKey, partitions));
        var paused = new TopicPartition(topic, Murmur2Partitioner.Partition(pauseKey, partitions));
        ProduceAll(topic, Enumerable.Range(0, 10).SelectMany(i => new[] { (seekKey, $"s{i}"), (pauseKey, $"p{i}") }));
        var events = new GroupEvents();
        using var driver = new ConsumerDriver(Log, NewGroup(), "A", events)
        {
            OnAssignedHook = (consumer, assigned) =>
            {
                if (assigned.Contains(sought)) consumer.Seek(new TopicPartitionOffset(topic, sought.Partition, 6));
                if (assigned.Contains(paused)) consumer.Pause([paused]);
            },
        };
        driver.Start(topic);
        Eventually.True(() => driver.Records.Count(r => r.TopicPartition == sought) == 4, Patience, () => "records from offset 6 on", driver);
        Thread.Sleep(QuietPeriod);
        Assert.DoesNotContain(driver.Records, r => r.TopicPartition == paused);
        Assert.Equal(new long[] { 6, 7, 8, 9 }, driver.Records.Where(r => r.TopicPartition == sought).Select(r => r.Offset));

        driver.Run(c => c.Resume([paused]));
        Eventually.True(() => driver.Records.Count(r => r.TopicPartition == paused) == 10, Patience, () => "the resumed partition's records", driver);
        driver.Stop(close: true);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), driver.Records.Where(r => r.TopicPartition == paused).Select(r => r.Offset));
    }

    [Fact]
    public void Reader_returns_exact_ranges_and_watermarks_outside_any_group()
    {
        var topic = NewTopic();
        var partitions = Log.PartitionCount(topic);
        var (key, otherKey) = TwoKeysOnDifferentPartitions(partitions);
        var tp = new TopicPartition(topic, Murmur2Partitioner.Partition(key, partitions));
        var empty = new TopicPartition(topic, Murmur2Partitioner.Partition(otherKey, partitions));
        ProduceAll(topic, Enumerable.Range(0, 20).Select(i => (key, $"r{i}")));

        using var reader = Log.CreateReader();
        Assert.Equal((0L, 20L), reader.Watermarks(tp));
        Assert.Equal((0L, 0L), reader.Watermarks(empty));

        var middle = reader.Read(tp, 5, 12, CancellationToken.None).ToList();
        Assert.Equal(Enumerable.Range(5, 7).Select(i => (long)i), middle.Select(r => r.Offset));
        Assert.All(middle, r => Assert.Equal((key, $"r{r.Offset}", tp), (r.Key, Encoding.UTF8.GetString(r.Value), r.TopicPartition)));
        Assert.Equal(Enumerable.Range(15, 5).Select(i => (long)i), reader.Read(tp, 15, 1_000, CancellationToken.None).Select(r => r.Offset));
        Assert.Empty(reader.Read(tp, 8, 8, CancellationToken.None));
        Assert.Empty(reader.Read(empty, 0, 10, CancellationToken.None));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), reader.Read(tp, 0, 20, CancellationToken.None).Select(r => r.Offset));
    }

    [Fact]
    public void Commits_are_per_group_and_visible_to_every_member()
    {
        var topic = NewTopic();
        Log.PartitionCount(topic);
        var group = NewGroup();
        var tp = new TopicPartition(topic, 3);
        var events = new GroupEvents();
        using var a = new ConsumerDriver(Log, group, "A", events);
        using var other = new ConsumerDriver(Log, NewGroup(), "Other", events);
        a.Start(topic);
        Eventually.True(() => a.Assignment.Count == ExpectedPartitions, Patience, () => $"A owns {a.Assignment.Count}", a);
        Assert.Null(a.Run(c => c.Committed(tp)));

        a.Run(c => c.Commit([new TopicPartitionOffset(topic, 3, 7)]));
        Assert.Equal(7, a.Run(c => c.Committed(tp)));
        a.Run(c => c.Commit([new TopicPartitionOffset(topic, 3, 9)]));
        Assert.Equal(9, a.Run(c => c.Committed(tp)));

        using var sameGroup = Log.CreateGroupConsumer(group, new NoOpListener());
        Assert.Equal(9, sameGroup.Committed(tp));
        other.Start(topic);
        Assert.Null(other.Run(c => c.Committed(tp)));
        a.Stop(close: true);
        other.Stop(close: true);
    }

    /// <summary>Members A and B of a new group on a new topic, neither started.</summary>
    private GroupPair TwoMembers()
    {
        var topic = NewTopic();
        var group = NewGroup();
        var events = new GroupEvents();
        return new GroupPair(topic, Log.PartitionCount(topic), events,
            new ConsumerDriver(Log, group, "A", events), new ConsumerDriver(Log, group, "B", events));
    }

    private sealed record GroupPair(string Topic, int Partitions, GroupEvents Events, ConsumerDriver A, ConsumerDriver B) : IDisposable
    {
        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
        }
    }

    private void AwaitOwnsAll(ConsumerDriver a, int partitions) =>
        Eventually.True(() => a.Assignment.Count == partitions, Patience, () => $"{a.Name} owns {a.Assignment.Count}", a);

    private void AwaitHalfEach(ConsumerDriver a, ConsumerDriver b, int partitions) =>
        Eventually.True(() => a.Assignment.Count == partitions / 2 && b.Assignment.Count == partitions / 2, Patience,
            () => $"{a.Name} owns {a.Assignment.Count}, {b.Name} owns {b.Assignment.Count}", a, b);

    protected static IEnumerable<(string Key, string Value)> Batch(string name, int count) =>
        Enumerable.Range(0, count).Select(i => ($"user-{i % 60}", $"{name}:{i}"));

    protected List<(string Key, string Value, DeliveryReport Report)> ProduceAll(string topic, IEnumerable<(string Key, string Value)> records)
    {
        var reports = new List<(string, string, DeliveryReport)>();
        var gate = new object();
        using var producer = Log.CreateProducer();
        foreach (var (key, value) in records)
            producer.Produce(topic, key, Encoding.UTF8.GetBytes(value), r => { lock (gate) reports.Add((key, value, r)); });
        Assert.Equal(0, producer.Flush(Patience));
        lock (gate)
        {
            Assert.All(reports, r => Assert.True(r.Item3.Succeeded, r.Item3.Error));
            return reports.ToList();
        }
    }

    protected static (string, string) TwoKeysOnDifferentPartitions(int partitions)
    {
        const string first = "BTCUSDT";
        var second = Enumerable.Range(0, 100).Select(i => $"key-{i}")
            .First(k => Murmur2Partitioner.Partition(k, partitions) != Murmur2Partitioner.Partition(first, partitions));
        return (first, second);
    }
}
