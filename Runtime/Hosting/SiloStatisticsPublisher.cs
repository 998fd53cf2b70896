using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Trading.Runtime.Configuration;

namespace Trading.Runtime.Hosting;

/// <summary>
/// Publishes this silo's statistics to Redis every <see cref="RuntimeOptions.StatisticsIntervalMs"/> under
/// <c>{prefix}{cluster}:silos:{siloId}</c> with a TTL of three intervals, so a dashboard reading
/// <c>{prefix}{cluster}:silos:*</c> sees the live cluster and a dead silo disappears on its own.
/// </summary>
public sealed class SiloStatisticsPublisher(
    SiloRuntime silo, ConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<ClusterOptions> cluster,
    IOptions<RuntimeOptions> options, ILogger<SiloStatisticsPublisher> logger) : BackgroundService
{
    public static string KeyOf(RedisOptions redis, string clusterId, string siloId) => $"{redis.KeyPrefix}{clusterId}:silos:{siloId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.StatisticsIntervalMs);
        var key = KeyOf(redisOptions.Value, cluster.Value.ClusterId, silo.SiloId);
        var db = redis.GetDatabase(redisOptions.Value.Database);
        var previous = Snapshot();
        var previousAt = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = Snapshot();
            var seconds = Stopwatch.GetElapsedTime(previousAt).TotalSeconds;
            previousAt = Stopwatch.GetTimestamp();
            var report = new
            {
                siloId = silo.SiloId,
                startedAt,
                timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                pendingOutputs = silo.PendingOutputs,
                totalPushed = silo.TotalPushed,
                deliveryFailures = silo.DeliveryFailures,
                averageBatchSize = silo.AverageBatchSize,
                grainTypes = now.ToDictionary(t => t.Key, t =>
                {
                    previous.TryGetValue(t.Key, out var before);
                    var partitions = silo.Partitions.FirstOrDefault(p => p.GrainType == t.Key).Partitions ?? [];
                    return new
                    {
                        activeGrains = t.Value.Active,
                        messagesInPerSecond = Math.Round((t.Value.In - before.In) / seconds, 1),
                        messagesOutPerSecond = Math.Round((t.Value.Out - before.Out) / seconds, 1),
                        duplicatesDropped = t.Value.Duplicates,
                        commitLag = partitions.Sum(p => p.CommitLag),
                        partitions,
                    };
                }),
                consumers = silo.Statistics.Consumers.ToDictionary(c => c.Key, c => new
                {
                    lag = Interlocked.Read(ref c.Value.Lag),
                    rowsWritten = Interlocked.Read(ref c.Value.RowsWritten),
                    errors = Interlocked.Read(ref c.Value.Errors),
                }),
            };
            previous = now;
            try
            {
                await db.StringSetAsync(key, JsonSerializer.Serialize(report, Messaging.MessageTypeRegistry.JsonOptions), interval * 3).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                logger.LogWarning(e, "Publishing statistics of silo {SiloId} failed", silo.SiloId);
            }
        }
    }

    private Dictionary<string, (long In, long Out, long Active, long Duplicates)> Snapshot() =>
        silo.Statistics.Types.ToDictionary(t => t.Key, t => (Interlocked.Read(ref t.Value.MessagesIn),
            Interlocked.Read(ref t.Value.MessagesOut), t.Value.ActiveGrains, Interlocked.Read(ref t.Value.DuplicatesDropped)));
}
