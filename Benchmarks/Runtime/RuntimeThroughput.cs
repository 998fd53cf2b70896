using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trading.Benchmarks.Runtime.TestGrains;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Runtime.Messaging;
using Trading.Runtime.Streams;
using Trading.Runtime.Streams.Kafka;

namespace Trading.Benchmarks.Runtime;

/// <summary>
/// The runtime on the real Kafka and Redis, one silo, the counter grain (Kafka in, Kafka out):
/// <c>dotnet run -c Release --project Benchmarks -- runtime [--messages N] [--keys K] [--activations A]</c>.
/// Input is written before the silo starts, so the figures are the silo's own rates.
/// 1. Throughput: N messages over K keys; steady rate from the first output to the last.
/// 2. Activations: A grains checkpointed by a graceful stop, then one message each to a new silo;
///    every message activates its grain from its Redis checkpoint.
/// </summary>
public static class RuntimeThroughput
{
    public static int Run(string[] args)
    {
        var messages = ArgValue(args, "--messages", 200_000);
        var keys = ArgValue(args, "--keys", 1_000);
        var activations = ArgValue(args, "--activations", 50_000);
        var configuration = new ConfigurationBuilder().AddPlatformSources([]).Build();
        var kafka = new KafkaOptions();
        configuration.GetSection(KafkaOptions.Section).Bind(kafka);
        var run = Guid.NewGuid().ToString("N")[..12];
        var input = $"bench-in-{run}";
        var events = $"bench-out-{run}";
        using var log = new KafkaMessageLog(kafka);

        var produced = Produce(log, input, messages, n => $"key{n % keys}", sequenceStart: 0);
        Produce(log, input, activations, n => $"act{n}", sequenceStart: messages);
        Console.WriteLine($"runtime_input_produced_per_sec: {produced:0}");

        var total = (long)messages + activations;
        using (var silo = StartSilo(configuration, run, input, events))
        {
            var (join, first, elapsed) = WaitForOutputs(log, events, total);
            Console.WriteLine($"runtime_messages: {total}");
            Console.WriteLine($"runtime_group_join_seconds: {join:0.00}");
            Console.WriteLine($"runtime_steady_messages_per_sec: {(total - first) / (elapsed - join):0}");
            Console.WriteLine($"runtime_messages_per_sec_including_join: {total / elapsed:0}");
            Console.WriteLine($"runtime_average_output_batch: {silo.Services.GetRequiredService<SiloRuntime>().AverageBatchSize:0}");
            silo.StopAsync(TimeSpan.FromSeconds(120)).GetAwaiter().GetResult(); // checkpoints every grain
        }

        Produce(log, input, activations, n => $"act{n}", sequenceStart: total);
        using (var silo = StartSilo(configuration, run, input, events))
        {
            var (join, first, elapsed) = WaitForOutputs(log, events, total + activations);
            var stats = silo.Services.GetRequiredService<SiloRuntime>().Statistics.For(CounterGrain.TypeName);
            Console.WriteLine($"runtime_activations: {Interlocked.Read(ref stats.Activations)}");
            Console.WriteLine($"runtime_activations_per_sec: {(total + activations - first) / (elapsed - join):0}");
            Console.WriteLine($"runtime_activation_join_seconds: {join:0.00}");
            silo.StopAsync(TimeSpan.FromSeconds(120)).GetAwaiter().GetResult();
        }
        return 0;
    }

    private static double Produce(IMessageLog log, string topic, int count, Func<int, string> key, long sequenceStart)
    {
        var registry = new MessageTypeRegistry().Register<Increment>();
        var payload = registry.Serialize(new Increment(1));
        var watch = Stopwatch.StartNew();
        using var producer = log.CreateProducer();
        for (var n = 0; n < count; n++)
        {
            var envelope = new MessageEnvelope(MessageKind.Message, "bench", sequenceStart + n + 1, "Increment", null, null, n, payload);
            producer.Produce(topic, key(n), EnvelopeCodec.Encode(envelope), static _ => { });
        }
        if (producer.Flush(TimeSpan.FromMinutes(2)) != 0) throw new InvalidOperationException("input not fully produced");
        return count / watch.Elapsed.TotalSeconds;
    }

    private static IHost StartSilo(IConfiguration configuration, string run, string input, string events)
    {
        var settings = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = $"bench-{run}",
            ["Counter:InputTopic"] = input,
            ["Counter:EventsTopic"] = events,
        }).Build();
        var host = TestSiloHost.Build(settings, LogLevel.Warning);
        host.Start();
        return host;
    }

    /// <summary>Seconds until the first new output, outputs present then, and seconds until <paramref name="target"/>.</summary>
    private static (double Join, long First, double Elapsed) WaitForOutputs(IMessageLog log, string events, long target)
    {
        using var reader = log.CreateReader();
        var partitions = log.PartitionCount(events);
        var watch = Stopwatch.StartNew();
        long Count()
        {
            long sum = 0;
            for (var p = 0; p < partitions; p++) sum += reader.Watermarks(new TopicPartition(events, p)).High;
            return sum;
        }
        var start = Count();
        long delivered = start, first = -1;
        var join = 0.0;
        while (delivered < target)
        {
            Thread.Sleep(20);
            delivered = Count();
            if (first < 0 && delivered > start) (first, join) = (delivered, watch.Elapsed.TotalSeconds);
            if (watch.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"only {delivered} of {target} outputs after 5 minutes");
        }
        return (join, first, watch.Elapsed.TotalSeconds);
    }

    internal static int ArgValue(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }
}
