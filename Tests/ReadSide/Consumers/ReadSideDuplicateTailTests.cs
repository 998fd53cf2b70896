using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Runtime.Hosting;
using Trading.Runtime.Messaging;
using Trading.Runtime.Streams;
using Trading.Runtime.Streams.InMemory;
using Trading.Silo.ReadSide;
using Trading.Tests.Runtime.Providers;

namespace Trading.Tests.ReadSide.Consumers;

/// <summary>
/// A read-side consumer that reads a replay (records with the same source and sequence as ones it already took) drops
/// them, and still counts them as read: its lag reaches 0 and it commits past them, so they are not read again after a
/// restart. Before, the lag stayed at the number of duplicates at the end of a partition (the ClickHouse outage test
/// timed out on "lag 300").
/// </summary>
public sealed class ReadSideDuplicateTailTests
{
    private sealed class CountingSink : IReadSideSink
    {
        private int _pending;
        public int Written;
        public int PendingRows => Volatile.Read(ref _pending);
        public void Add(StreamEvent streamEvent) => Interlocked.Increment(ref _pending);
        public Task<int> WriteAsync(CancellationToken cancellationToken)
        {
            var rows = Interlocked.Exchange(ref _pending, 0);
            Interlocked.Add(ref Written, rows);
            return Task.FromResult(rows);
        }
        public bool IsUnavailable(Exception failure) => false;
        public void Reset() => Interlocked.Exchange(ref _pending, 0);
    }

    [Fact]
    public async Task Duplicates_at_the_end_of_a_partition_are_read_past_committed_and_leave_no_lag()
    {
        var log = new InMemoryMessageLog(1);
        const string topic = "results";
        using (var producer = log.CreateProducer())
        {
            // 50 records of one source, then a replay of its last 20 (same source and sequences).
            for (var n = 1; n <= 50; n++) Produce(producer, topic, n);
            for (var n = 31; n <= 50; n++) Produce(producer, topic, n);
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(5)));
        }
        var statistics = new SiloStatistics();
        var sink = new CountingSink();
        var consumer = ReadSideConsumer.InCluster("dup", "tc_dup", [topic], sink, log, new BatchPolicy(10, 50, 10, 100), statistics,
            NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var run = consumer.RunOnOwnThread(stop.Token);
        var counters = statistics.Consumer("dup");

        var watch = Stopwatch.StartNew();
        while ((sink.Written < 50 || Interlocked.Read(ref counters.Lag) != 0) && watch.Elapsed < TimeSpan.FromSeconds(15))
            await Task.Delay(20);
        Assert.Equal(50, sink.Written); // each record once
        Assert.Equal(0, Interlocked.Read(ref counters.Lag)); // the replayed tail was read, not left as lag
        stop.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(15));

        // What the group committed: past the replayed tail, so a restarted member does not read it again.
        using var next = log.CreateGroupConsumer("tc_dup.dup", new NoOpListener());
        Assert.Equal(70, next.Committed(new TopicPartition(topic, 0)));
        Assert.Equal(50, sink.Written);
    }

    private static void Produce(IMessageProducer producer, string topic, long sequence) =>
        producer.Produce(topic, "BTCUSDT", EnvelopeCodec.Encode(MessageKind.Message, "OrderBook/BTCUSDT", sequence, "Tick", null, null, 1, [1, 2, 3]), _ => { });
}
