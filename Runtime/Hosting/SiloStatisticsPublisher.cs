using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Trading.Runtime.Configuration;
using Trading.Runtime.Operations;
using Trading.Runtime.Streams;

namespace Trading.Runtime.Hosting;

/// <summary>
/// Publishes this silo's <see cref="SiloReport"/> to Redis every <see cref="RuntimeOptions.StatisticsIntervalMs"/> under
/// <c>{prefix}{cluster}:silos:{siloId}</c> with a TTL of three intervals, so a dashboard reading
/// <c>{prefix}{cluster}:silos:*</c> sees the live cluster and a dead silo disappears on its own.
/// </summary>
public sealed class SiloStatisticsPublisher(
    SiloRuntime silo, IMessageLog log, IOperationsMetrics metrics, ConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions,
    IOptions<ClusterOptions> cluster, IOptions<RuntimeOptions> options, ILogger<SiloStatisticsPublisher> logger) : BackgroundService
{
    public static string KeyOf(RedisOptions redis, string clusterId, string siloId) => $"{redis.KeyPrefix}{clusterId}:silos:{siloId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.StatisticsIntervalMs);
        var key = KeyOf(redisOptions.Value, cluster.Value.ClusterId, silo.SiloId);
        var db = redis.GetDatabase(redisOptions.Value.Database);
        using var builder = new SiloReportBuilder(silo, log, metrics);
        builder.Build(); // the baseline of the first interval's rates
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var report = await Task.Run(builder.Build, stoppingToken).ConfigureAwait(false); // watermark queries block
                await db.StringSetAsync(key, JsonSerializer.Serialize(report, Messaging.MessageTypeRegistry.JsonOptions), interval * 3).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                logger.LogWarning(e, "Publishing statistics of silo {SiloId} failed", silo.SiloId);
            }
        }
    }
}
