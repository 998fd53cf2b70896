using Trading.Runtime.Hosting;
using Trading.Runtime.State;
using System.Text.Json;
using Microsoft.Extensions.Logging.Console;
using StackExchange.Redis;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Runtime.Configuration;
using Trading.Runtime.Messaging;
using Trading.Runtime.Snapshots;

namespace Trading.Silo.Snapshots;

/// <summary>
/// The document process: <c>Silo.dll snapshot-document --snapshot-id ID [--compress-parts false]</c>, with the settings
/// of the silo that starts it (the shared appsettings.json, then the environment, e.g. <c>Redis__Configuration</c>,
/// <c>Cluster__ClusterId</c>, then the command line). It reads the stored manifest of the snapshot, compresses its parts
/// and builds its document exactly as the silo would (<see cref="InProcessDocumentBuild"/>), prints one line
/// <c>snapshot_document: {"bytes":N,"checksum":"..."}</c> (the <see cref="SnapshotDocumentInfo"/> it stored) and exits 0; on any failure it writes the reason to standard
/// error and exits 1. Logs go to standard error.
/// </summary>
internal static class SnapshotDocumentCommand
{
    public const string Name = "snapshot-document";
    public const string ResultPrefix = "snapshot_document: ";

    public static int Run(string[] args)
    {
        using var loggers = LoggerFactory.Create(b =>
        {
            b.AddSimpleConsole(o => o.SingleLine = true).AddFilter(level => level >= LogLevel.Information);
            b.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // stdout is the result's
        });
        var logger = loggers.CreateLogger(typeof(SnapshotDocumentCommand));
        try
        {
            var configuration = new ConfigurationBuilder().AddPlatformSources(args).Build();
            var snapshotId = configuration["snapshot-id"];
            if (string.IsNullOrWhiteSpace(snapshotId)) throw new ArgumentException("--snapshot-id is required");
            var compressParts = configuration.GetValue("compress-parts", true);
            var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
            var clusterId = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>()?.ClusterId ?? new ClusterOptions().ClusterId;

            using var connection = ConnectionMultiplexer.Connect(redis.Configuration);
            var store = new RedisSnapshotStore(connection, RedisSnapshotStore.KeyPrefixOf(redis, clusterId), redis.Database);
            var manifest = store.ManifestAsync(snapshotId).GetAwaiter().GetResult()
                ?? throw new InvalidOperationException($"snapshot {snapshotId} has no stored manifest");
            var grains = new RedisGrainStateStore(connection, ProviderRegistration.CheckpointOptions(redis, clusterId));
            var info = new InProcessDocumentBuild(store, grains, compressParts, logger).RunAsync(manifest, CancellationToken.None).GetAwaiter().GetResult();
            Console.Out.WriteLine(ResultPrefix + JsonSerializer.Serialize(info, MessageTypeRegistry.JsonOptions));
            Console.Out.Flush();
            return 0;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Snapshot document failed");
            Console.Error.WriteLine($"snapshot-document failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>Reads the result line of the process's standard output; null when there is none.</summary>
    public static SnapshotDocumentInfo? ParseResult(string line) =>
        line.StartsWith(ResultPrefix, StringComparison.Ordinal)
            ? JsonSerializer.Deserialize<SnapshotDocumentInfo>(line.AsSpan(ResultPrefix.Length), MessageTypeRegistry.JsonOptions)
            : null;
}
