using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Runtime.Storage.ClickHouse;
using Trading.Runtime.Streams;
using Trading.Silo.ReadSide.History;

namespace Trading.Benchmarks.History;

/// <summary>
/// The history exporter outside a silo, for tests and benchmarks: its own ClickHouse database and topics, a
/// consumer group of its own cluster id. <see cref="StartExporter"/> may be called again after
/// <see cref="StopExporterAsync"/> (a restarted silo). Disposing drops the database.
/// </summary>
public sealed class HistoryExporterRig : IAsyncDisposable
{
    private readonly IMessageLog _log;
    private readonly ILoggerFactory _loggers;
    private HistoryExporterService? _exporter;

    public HistoryExporterRig(IMessageLog log, ClickHouseOptions clickHouse, HistoryOptions history, string clusterId,
        ILoggerFactory? loggers = null)
    {
        _log = log;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        ClusterId = clusterId;
        History = history;
        Topics = new TopicOptions { MatchResults = $"{clusterId}.match-results", Positions = $"{clusterId}.positions" };
        ClickHouse = new ClickHouseClient(Options.Create(clickHouse));
    }

    public string ClusterId { get; }
    public HistoryOptions History { get; }
    public TopicOptions Topics { get; }
    public ClickHouseClient ClickHouse { get; }
    public SiloStatistics Statistics { get; } = new();

    public void StartExporter()
    {
        _exporter = new HistoryExporterService(_log, ClickHouse, new ClickHouseSchemaMigrator(ClickHouse, _loggers.CreateLogger<ClickHouseSchemaMigrator>()),
            Statistics, Options.Create(History), Options.Create(Topics), Options.Create(new ClusterOptions { ClusterId = ClusterId, Mode = ClusterMode.Kafka }),
            _loggers.CreateLogger<HistoryExporterService>(), _loggers);
        _exporter.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public async Task StopExporterAsync()
    {
        if (_exporter is null) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _exporter.StopAsync(timeout.Token);
        _exporter.Dispose();
        _exporter = null;
    }

    /// <summary>Rows of a table as stored, duplicates included (no FINAL); 0 before the table exists.</summary>
    public async Task<long> RawCountAsync(string table)
    {
        try
        {
            var rows = await ClickHouse.QueryAsync($"SELECT count() FROM {ClickHouse.Table(table)}", CancellationToken.None);
            return ClickHouseClient.Long(rows[0][0]);
        }
        catch (ClickHouseException e) when (!e.Unreachable)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopExporterAsync();
        await ClickHouse.ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Name(ClickHouse.Database)}", CancellationToken.None);
        ClickHouse.Dispose();
    }
}
