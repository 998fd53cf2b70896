using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trading.Benchmarks.Runtime.TestGrains;
using Trading.Runtime.Client;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;

namespace Trading.Benchmarks.Runtime;

/// <summary>
/// Time from a silo's SIGKILL until every grain is served again, on the real Kafka and Redis: two test-silo processes
/// host the counter grain on K keys; every key is activated and answered; one silo is killed; then every key is asked
/// until each has answered once more. Target: at most twice the session timeout.
/// <c>dotnet run -c Release --project Benchmarks -- failover [--keys 1000] [--session-timeout-ms 6000]</c>
/// </summary>
public static class FailoverRecovery
{
    public static int Run(string[] args)
    {
        var keys = RuntimeThroughput.ArgValue(args, "--keys", 1_000);
        var sessionTimeoutMs = RuntimeThroughput.ArgValue(args, "--session-timeout-ms", 6_000);
        RunAsync(keys, sessionTimeoutMs).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync(int keys, int sessionTimeoutMs)
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        var clusterId = $"failover-{run}";
        var input = $"failover-in-{run}";
        string[] settings = [$"--Cluster:ClusterId={clusterId}", $"--Counter:InputTopic={input}", $"--Kafka:SessionTimeoutMs={sessionTimeoutMs}"];
        var configuration = new ConfigurationBuilder().AddPlatformSources(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .AddPlatformOptions(configuration)
            .AddKafkaRedisProviders()
            .AddCounterGrain(input, null)
            .AddClusterClient($"failover-client-{run}");
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IClusterClient>();

        using var victim = SiloChild.Start(settings);
        using var survivor = SiloChild.Start(settings);
        await Task.WhenAll(victim.Ready, survivor.Ready);
        var spread = Stopwatch.StartNew();
        while (victim.AssignedPartitions == 0 || survivor.AssignedPartitions == 0) // the group shares the partitions
        {
            if (spread.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the two silos never shared the partitions");
            await Task.Delay(100);
        }
        await AllAnswerAsync(client, keys, TimeSpan.FromSeconds(60)); // every grain active on its owner
        Console.WriteLine($"failover_victim_partitions: {victim.AssignedPartitions}");

        victim.Kill();
        var watch = Stopwatch.StartNew();
        await AllAnswerAsync(client, keys, TimeSpan.FromSeconds(120));
        var recoveryMs = watch.ElapsedMilliseconds;
        Console.WriteLine($"failover_keys: {keys}");
        Console.WriteLine($"failover_session_timeout_ms: {sessionTimeoutMs}");
        Console.WriteLine($"failover_recovery_ms: {recoveryMs}");
        Console.WriteLine($"failover_recovery_per_session_timeout: {(double)recoveryMs / sessionTimeoutMs:0.00}");
    }

    /// <summary>Asks every key until each has answered once; keys whose owner died time out and are asked again.</summary>
    private static async Task AllAnswerAsync(IClusterClient client, int keys, TimeSpan limit)
    {
        var pending = Enumerable.Range(0, keys).Select(k => $"key{k}").ToList();
        var deadline = Stopwatch.StartNew();
        while (pending.Count > 0)
        {
            if (deadline.Elapsed > limit) throw new TimeoutException($"{pending.Count} keys still unanswered after {limit.TotalSeconds:0} s");
            var asks = pending.Select(async key =>
            {
                try
                {
                    await client.AskAsync<ICounterGrain, CountReply>(key, new GetCount(), TimeSpan.FromSeconds(1));
                    return null;
                }
                catch (TimeoutException)
                {
                    return key;
                }
            }).ToList();
            pending = [.. (await Task.WhenAll(asks)).OfType<string>()];
        }
    }

    /// <summary>A <c>test-silo</c> child process of this benchmark's own binary.</summary>
    private sealed class SiloChild : IDisposable
    {
        private readonly Process _process;
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private SiloChild(Process process) => _process = process;

        public Task Ready => _ready.Task.WaitAsync(TimeSpan.FromSeconds(60));

        /// <summary>Partitions of the counter grain's topic this silo holds, from its latest assignment log line.</summary>
        public int AssignedPartitions { get; private set; }

        public static SiloChild Start(string[] settings)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(typeof(FailoverRecovery).Assembly.Location);
            info.ArgumentList.Add("test-silo");
            foreach (var s in settings) info.ArgumentList.Add(s);
            var child = new SiloChild(Process.Start(info) ?? throw new InvalidOperationException("could not start a test silo"));
            child._process.OutputDataReceived += (_, e) =>
            {
                if (e.Data == "READY") child._ready.TrySetResult();
                else if (e.Data is { } line && line.IndexOf(": assigned ", StringComparison.Ordinal) is var at and >= 0
                         && int.TryParse(line.AsSpan(at + 11).ToString().Split(' ')[0], out var count))
                    child.AssignedPartitions = count;
            };
            child._process.ErrorDataReceived += (_, _) => { };
            child._process.BeginOutputReadLine();
            child._process.BeginErrorReadLine();
            return child;
        }

        /// <summary>SIGKILL: no checkpoint, no commit, no leaving the group.</summary>
        public void Kill() => _process.Kill(entireProcessTree: true);

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }
}
