using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Runtime.Messaging;

namespace Trading.Runtime.Cluster;

/// <summary>Reads the reports the silos publish (<see cref="SiloStatisticsPublisher"/>); an expired key is a dead silo.</summary>
public sealed class RedisSiloReports(ConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<ClusterOptions> cluster) : ISiloReports
{
    public async Task<IReadOnlyList<SiloReport>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var options = redisOptions.Value;
        var db = redis.GetDatabase(options.Database);
        var keys = await SiloStatisticsPublisher.ReportKeysAsync(db, options, cluster.Value.ClusterId).ConfigureAwait(false);
        if (keys.Length == 0) return [];
        var values = await db.StringGetAsync(keys).ConfigureAwait(false);
        var reports = new List<SiloReport>(values.Length);
        foreach (var value in values)
        {
            if (value.IsNull) continue;
            try
            {
                var report = JsonSerializer.Deserialize<SiloReport>((string)value!, MessageTypeRegistry.JsonOptions);
                if (report is not null) reports.Add(report);
            }
            catch (JsonException)
            {
                // A silo of another version: not part of the views.
            }
        }
        reports.Sort((a, b) => string.CompareOrdinal(a.SiloId, b.SiloId));
        return reports;
    }
}
