using Microsoft.Extensions.Logging.Abstractions;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Runtime.Streams;

namespace Trading.Tests.Runtime.Hosting;

/// <summary>
/// The output batcher refills the list of the batch it sent last. Records queued while a batch is being handed to the
/// producer go to the next batch, once each and in order, also after a produce that threw.
/// </summary>
public sealed class OutputBatcherTests
{
    private sealed class RecordingProducer : IMessageProducer
    {
        public readonly List<string> Produced = new();
        public Action<string>? DuringProduce;
        public string? ThrowOn;

        public void Produce(string topic, string key, byte[] value, Action<DeliveryReport> onDelivered)
        {
            if (key == ThrowOn)
            {
                ThrowOn = null;
                throw new MessageLogException($"refused {key}");
            }
            lock (Produced) Produced.Add(key);
            DuringProduce?.Invoke(key);
            onDelivered(new DeliveryReport(topic, 0, Produced.Count, null));
        }

        public int Flush(TimeSpan timeout) => 0;

        public void Dispose() { }
    }

    private static OutputRecord Record(string key) => new("t", key, [1], null);

    [Fact]
    public async Task Records_queued_while_a_batch_is_sent_go_out_once_and_in_order_in_the_next_batch()
    {
        var producer = new RecordingProducer();
        // A long interval and a large batch: only SendNow sends, so the test decides every batch.
        await using var batcher = new OutputBatcher(producer, new RuntimeOptions { OutputBatchSize = 1000, OutputFlushIntervalMs = 60_000 },
            NullLogger.Instance);
        var next = 0;
        // Each produced record of the first rounds queues a new one at that moment, as a partition worker would.
        producer.DuringProduce = _ => { if (next < 40) batcher.Enqueue(Record($"q{++next}")); };
        for (var i = 0; i < 5; i++) batcher.Enqueue(Record($"b{i}"));
        for (var round = 0; round < 50 && batcher.Pending > 0; round++) batcher.SendNow();

        Assert.Equal(0, batcher.Pending);
        Assert.Equal([.. Enumerable.Range(0, 5).Select(i => $"b{i}"), .. Enumerable.Range(1, 40).Select(i => $"q{i}")], producer.Produced);
    }

    [Fact]
    public async Task A_record_the_producer_refuses_is_retried_and_the_rest_of_its_batch_still_goes_out()
    {
        var producer = new RecordingProducer { ThrowOn = "r3" };
        await using var batcher = new OutputBatcher(producer, new RuntimeOptions { OutputBatchSize = 1000, OutputFlushIntervalMs = 60_000 },
            NullLogger.Instance);
        for (var i = 0; i < 6; i++) batcher.Enqueue(Record($"r{i}"));
        batcher.SendNow();
        Assert.Equal(["r0", "r1", "r2", "r4", "r5"], producer.Produced);
        Assert.Equal(1, batcher.DeliveryFailures);

        await batcher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10)); // the retry comes after its backoff
        Assert.Equal(["r0", "r1", "r2", "r4", "r5", "r3"], producer.Produced);
        Assert.Equal(0, batcher.Pending);
        Assert.Equal(6, batcher.TotalPushed);
    }
}
