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
/// Messages per second through one silo with the counter grain, Kafka in and Kafka out:
/// <c>dotnet run -c Release --project Benchmarks -- runtime [--messages N] [--keys K]</c>. The input is
/// written before the silo starts, so the figure is the silo's own rate: from start until every
/// output is on the events topic (activation of the grains from Redis included).
/// </summary>
public static class RuntimeThroughput
{
    public static int Run(string[] args)
    {
        var messages = ArgValue(args, "--messages", 200_000);
        var keys = ArgValue(args, "--keys", 1_000);
        var configuration = new ConfigurationBuilder().AddPlatformSources([]).Build();
        var kafka = new KafkaOptions();
        configuration.GetSection(KafkaOptions.Section).Bind(kafka);
        var run = Guid.NewGuid().ToString("N")[..12];
        var input = $"bench-in-{run}";
        var events = $"bench-out-{run}";

        using var log = new KafkaMessageLog(kafka);
        var registry = new MessageTypeRegistry().Register<Increment>();
        var produceWatch = Stopwatch.StartNew();
        using (var producer = log.CreateProducer())
        {
            for (var n = 0; n < messages; n++)
            {
                var envelope = new MessageEnvelope(MessageKind.Message, "bench", n + 1, "Increment", null, null, n, registry.Serialize(new Increment(1)));
                producer.Produce(input, $"key{n % keys}", EnvelopeCodec.Encode(envelope), static _ => { });
            }
            if (producer.Flush(TimeSpan.FromMinutes(2)) != 0) throw new InvalidOperationException("input not fully produced");
        }
        Console.WriteLine($"runtime_input_produced_per_sec: {messages / produceWatch.Elapsed.TotalSeconds:0}");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Configuration["Cluster:ClusterId"] = $"bench-{run}";
        builder.Logging.AddFilter(l => l >= LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.AddPlatformOptions(builder.Configuration);
        builder.Services.AddKafkaRedisProviders();
        builder.Services.AddCounterGrain(input, events);
        builder.Services.AddSiloRuntime();
        using var host = builder.Build();

        var watch = Stopwatch.StartNew();
        host.Start();
        using var reader = log.CreateReader();
        var partitions = log.PartitionCount(events);
        long delivered = 0, firstDelivered = 0;
        var firstAt = TimeSpan.Zero;
        while (delivered < messages)
        {
            Thread.Sleep(20);
            delivered = 0;
            for (var p = 0; p < partitions; p++) delivered += reader.Watermarks(new TopicPartition(events, p)).High;
            if (firstDelivered == 0 && delivered > 0) (firstDelivered, firstAt) = (delivered, watch.Elapsed);
            if (watch.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"only {delivered} of {messages} outputs after 5 minutes");
        }
        var elapsed = watch.Elapsed.TotalSeconds;
        // Steady state: from the first outputs (group joined, partitions assigned) to the last.
        Console.WriteLine($"runtime_group_join_seconds: {firstAt.TotalSeconds:0.00}");
        Console.WriteLine($"runtime_steady_messages_per_sec: {(messages - firstDelivered) / (elapsed - firstAt.TotalSeconds):0}");
        var silo = host.Services.GetRequiredService<SiloRuntime>();
        Console.WriteLine($"runtime_messages: {messages}");
        Console.WriteLine($"runtime_keys: {keys}");
        Console.WriteLine($"runtime_messages_per_sec_including_join: {messages / elapsed:0}");
        Console.WriteLine($"runtime_average_output_batch: {silo.AverageBatchSize:0}");
        host.StopAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        return 0;
    }

    private static int ArgValue(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }
}
