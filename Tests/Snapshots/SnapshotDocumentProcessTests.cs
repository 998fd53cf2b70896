using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Configuration;
using Trading.Runtime.Snapshots;
using Trading.Silo.Snapshots;
using Trading.Tests.EndToEnd;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.Snapshots;

/// <summary>
/// The snapshot document built by a process of its own (<see cref="ChildProcessDocumentBuild"/>, the default in full mode)
/// against the real Kafka and Redis: byte for byte the document the silo builds itself, and a failure that says why.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SnapshotDocumentProcessTests
{
    [Fact]
    public async Task The_document_process_stores_the_document_the_silo_builds_itself()
    {
        await using var host = ExchangeHost.Start(TestBackend.KafkaRedis,
            new Dictionary<string, string?> { ["Snapshots:DocumentInChildProcess"] = "false" });
        var admin = host.As(1);
        await Api.Eventually(async () => Assert.Contains("ETHUSDT", await host.Anonymous().GetStringAsync("/api/symbols")), 60_000);
        await Api.Deposit(admin, 1001, 10_000m);
        await Api.Deposit(admin, 1002, 10_000m);
        await Api.Mark(admin, "ETHUSDT", 3_000m);
        await Api.Limit(host.As(1001), "ETHUSDT", "BUY", 2_900m, 0.5m);
        await Api.Limit(host.As(1002), "ETHUSDT", "SELL", 3_100m, 0.2m);
        await Api.Limit(host.As(1001), "ETHUSDT", "BUY", 3_100m, 0.1m);
        var taken = await admin.SendJsonAsync(HttpMethod.Post, "/api/match/event/snapshot", new { }, 200);
        var snapshotId = taken.GetProperty("data").GetProperty("snapshotId").GetString()!;
        Assert.Equal("Completed", taken.GetProperty("data").GetProperty("state").GetString());

        var clusterId = host.Settings["Cluster:ClusterId"]!;
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis.Configuration);
        var store = new RedisSnapshotStore(redis, RedisSnapshotStore.KeyPrefixOf(TestServers.Redis, clusterId), TestServers.Redis.Database);
        var builtBySilo = await store.GetBlobAsync(snapshotId, SnapshotBlobs.Document);
        Assert.NotNull(builtBySilo);
        var manifest = await store.ManifestAsync(snapshotId);
        Assert.NotNull(manifest);
        var infoBySilo = await store.DocumentInfoAsync(snapshotId);
        Assert.Equal((await store.DocumentAsync(snapshotId))!.LongLength, taken.GetProperty("data").GetProperty("documentBytes").GetInt64());
        Assert.Equal(new SnapshotDocumentInfo((await store.DocumentAsync(snapshotId))!.LongLength,
            Convert.ToHexStringLower(SHA256.HashData(builtBySilo!))), infoBySilo);
        await store.PutDocumentAsync(snapshotId, [1, 2, 3]); // so that only a rewrite can restore them
        await store.PutDocumentInfoAsync(snapshotId, new SnapshotDocumentInfo(3, "bogus"));

        var result = await new ChildProcessDocumentBuild(TestServers.Redis, clusterId, new SnapshotOptions(), NullLogger.Instance)
            .RunAsync(manifest!, CancellationToken.None);

        var rewritten = await store.GetBlobAsync(snapshotId, SnapshotBlobs.Document);
        Assert.Equal(builtBySilo, rewritten);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(rewritten!)), result.Checksum);
        Assert.Equal((await store.DocumentAsync(snapshotId))!.LongLength, result.Bytes);
        Assert.Equal(infoBySilo, await store.DocumentInfoAsync(snapshotId));
        Assert.Contains("\"orderSnapshots\"", System.Text.Encoding.UTF8.GetString((await store.DocumentAsync(snapshotId))!));
    }

    [Fact]
    public async Task A_document_process_that_fails_throws_with_its_reason()
    {
        var build = new ChildProcessDocumentBuild(TestServers.Redis, TestServers.UniqueName("nocluster"), new SnapshotOptions(),
            NullLogger.Instance);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => build.RunAsync(new SnapshotStatus("snap-missing-42",
            SnapshotKind.Full, null, null, SnapshotState.Completed, null, 0, 0, [], []), CancellationToken.None));
        Assert.Contains("exited with 1", failure.Message);
        Assert.Contains("snapshot snap-missing-42 has no stored manifest", failure.Message);
    }

    [Fact]
    public async Task A_stopping_silo_ends_its_document_process()
    {
        // Nothing listens on port 1, and the client keeps its commands until it connects (up to 120 s): the process waits
        // until it is ended.
        var unreachable = new RedisOptions { Configuration = "127.0.0.1:1,abortConnect=false,asyncTimeout=120000,syncTimeout=120000" };
        var build = new ChildProcessDocumentBuild(unreachable, TestServers.UniqueName("stopping"), new SnapshotOptions(), NullLogger.Instance);
        var snapshotId = TestServers.UniqueName("snap-cancel");
        using var stopping = new CancellationTokenSource();
        var run = build.RunAsync(new SnapshotStatus(snapshotId, SnapshotKind.Full, null, null, SnapshotState.Completed, null, 0, 0, [], []),
            stopping.Token);
        await Api.Eventually(() =>
        {
            Assert.Single(DocumentProcesses(snapshotId));
            return Task.CompletedTask;
        }, 20_000);
        stopping.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        await Api.Eventually(() =>
        {
            Assert.Empty(DocumentProcesses(snapshotId));
            return Task.CompletedTask;
        }, 10_000);
    }

    /// <summary>The ids of running processes whose command line names <paramref name="snapshotId"/>.</summary>
    private static List<int> DocumentProcesses(string snapshotId)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(snapshotId, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (IOException) { } // ended meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    [Fact]
    public void The_document_process_starts_below_the_silo_with_the_connection_in_its_environment()
    {
        var redis = new RedisOptions { Configuration = "redis.internal:6380,password=secret", Database = 3, KeyPrefix = "env1:" };
        var info = new ChildProcessDocumentBuild(redis, "cluster-7", new SnapshotOptions { DocumentProcessNice = 15, CompressParts = false },
            NullLogger.Instance).StartInfo("snap-9");
        var args = info.ArgumentList.ToList();
        if (ChildProcessDocumentBuild.Nice is not null)
        {
            Assert.Equal(ChildProcessDocumentBuild.Nice, info.FileName);
            Assert.Equal(["-n", "15"], args.Take(2));
        }
        var silo = args.IndexOf(typeof(SnapshotDocumentCommand).Assembly.Location);
        Assert.True(silo >= 0, string.Join(" ", args));
        Assert.Equal([SnapshotDocumentCommand.Name, "--snapshot-id", "snap-9", "--compress-parts", "false"], args.Skip(silo + 1));
        Assert.DoesNotContain(args, a => a.Contains("secret", StringComparison.Ordinal));
        Assert.Equal("redis.internal:6380,password=secret", info.Environment["Redis__Configuration"]);
        Assert.Equal("3", info.Environment["Redis__Database"]);
        Assert.Equal("env1:", info.Environment["Redis__KeyPrefix"]);
        Assert.Equal("cluster-7", info.Environment["Cluster__ClusterId"]);
    }
}
