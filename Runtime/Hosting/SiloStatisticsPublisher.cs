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
/// <c>{prefix}{cluster}:silos:{siloId}</c> with a TTL of three intervals (at least <see cref="RuntimeOptions.MinReportTtlMs"/>), so a dashboard reading
/// the ids in <c>{prefix}{cluster}:silo-members</c> sees the live cluster and a dead silo disappears on its own.
/// </summary>
public sealed class SiloStatisticsPublisher(
    SiloRuntime silo, IMessageLog log, IOperationsMetrics metrics, ConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions,
    IOptions<ClusterOptions> cluster, IOptions<RuntimeOptions> options, ILogger<SiloStatisticsPublisher> logger) : BackgroundService
{
    public static string KeyOf(RedisOptions redis, string clusterId, string siloId) => $"{redis.KeyPrefix}{clusterId}:silos:{siloId}";

    /// <summary>The set of silo ids that ever published (readers skip ids whose report expired), so no reader scans Redis.</summary>
    public static string MembersOf(RedisOptions redis, string clusterId) => $"{redis.KeyPrefix}{clusterId}:silo-members";

    /// <summary>The report keys of the cluster's silos, live or expired.</summary>
    public static RedisKey[] ReportKeys(IDatabase db, RedisOptions redis, string clusterId) =>
        KeysOf(db.SetMembers(MembersOf(redis, clusterId)), redis, clusterId);

    /// <inheritdoc cref="ReportKeys"/>
    public static async Task<RedisKey[]> ReportKeysAsync(IDatabase db, RedisOptions redis, string clusterId) =>
        KeysOf(await db.SetMembersAsync(MembersOf(redis, clusterId)).ConfigureAwait(false), redis, clusterId);

    /// <summary>
    /// How long a report stays readable: three intervals, and never less than <see cref="RuntimeOptions.MinReportTtlMs"/>,
    /// so a silo whose report is late on a loaded machine (the report build queries watermarks) is not taken for dead.
    /// </summary>
    public static TimeSpan ReportTtl(RuntimeOptions options) =>
        TimeSpan.FromMilliseconds(Math.Max(3L * options.StatisticsIntervalMs, options.MinReportTtlMs));

    private static RedisKey[] KeysOf(RedisValue[] members, RedisOptions redis, string clusterId)
    {
        var keys = new RedisKey[members.Length];
        for (var i = 0; i < members.Length; i++) keys[i] = KeyOf(redis, clusterId, (string)members[i]!);
        return keys;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.StatisticsIntervalMs);
        var ttl = ReportTtl(options.Value);
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
                await db.StringSetAsync(key, JsonSerializer.Serialize(report, Messaging.MessageTypeRegistry.JsonOptions), ttl).ConfigureAwait(false);
                await db.SetAddAsync(MembersOf(redisOptions.Value, cluster.Value.ClusterId), silo.SiloId).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                logger.LogWarning(e, "Publishing statistics of silo {SiloId} failed", silo.SiloId);
            }
        }
    }
}
