using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;

namespace Trading.Runtime.Cluster;

/// <summary>
/// The silos of the cluster as their published statistics in Redis show them (full mode): every member silo
/// whose statistics key has not expired is alive. Silos in this process are reported too.
/// </summary>
public sealed class RedisSiloDirectory(ConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<ClusterOptions> cluster)
    : ISiloDirectory
{
    private readonly InProcessSiloDirectory _local = new();

    public IReadOnlyList<SiloInfo> Silos
    {
        get
        {
            var options = redisOptions.Value;
            var db = redis.GetDatabase(options.Database);
            var found = new Dictionary<string, SiloInfo>(StringComparer.Ordinal);
            foreach (var silo in _local.Silos) found[silo.SiloId] = silo;
            var keys = SiloStatisticsPublisher.ReportKeys(db, options, cluster.Value.ClusterId);
            var values = keys.Length == 0 ? [] : db.StringGet(keys);
            foreach (var raw in values)
            {
                var value = (string?)raw;
                if (value is null) continue;
                var root = JsonDocument.Parse(value).RootElement;
                var id = root.GetProperty("siloId").GetString()!;
                var started = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("startedAt").GetInt64());
                found.TryAdd(id, new SiloInfo(id, ClusterMode.Kafka.ToString(), SiloStatus.Active, started, "kafka", "redis"));
            }
            return found.Values.OrderBy(s => s.SiloId, StringComparer.Ordinal).ToArray();
        }
    }

    public void Report(SiloInfo silo) => _local.Report(silo);
}
