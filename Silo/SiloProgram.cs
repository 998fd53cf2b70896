using Trading.Client.Api;
using Trading.Grains.Exchange;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Grains.Snapshots;
using Trading.Runtime.Client;
using Trading.Silo.Exchange;
using Trading.Runtime.Cluster;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Silo.Hosting;
using Trading.Silo.ReadSide.Cache;
using Trading.Silo.ReadSide.History;
using Trading.Silo.Snapshots;

namespace Trading.Silo;

/// <summary>
/// The silo host. With Cluster:Mode=Embedded (the default) it runs the whole system in one process:
/// silo with in-memory providers plus the API gateway. With Cluster:Mode=Kafka it joins the cluster
/// through Kafka and Redis; set Gateway:Enabled=true to serve the API from the silo too.
/// </summary>
public sealed class SiloProgram
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Runs the silo, or with <c>snapshot-document</c> first the document process (<see cref="SnapshotDocumentCommand"/>).</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == SnapshotDocumentCommand.Name) return SnapshotDocumentCommand.Run(args[1..]);
        Build(args).Run();
        return 0;
    }

    /// <summary>The configured host (silo, plus the gateway where enabled); benchmarks start it in their own process.</summary>
    public static WebApplication Build(string[] args)
    {
        var demo = args.Contains("--demo");
        args = args.Where(a => a != "--demo").ToArray();
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddPlatformSources(args);
        if (string.IsNullOrEmpty(builder.Configuration["Urls"])) builder.WebHost.UseUrls(DefaultUrl);

        builder.Services.AddPlatformOptions(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        var mode = builder.Configuration.GetValue($"{ClusterOptions.Section}:Mode", ClusterMode.Embedded);
        if (mode == ClusterMode.Kafka)
        {
            builder.Services.AddSingleton<ISiloDirectory, RedisSiloDirectory>();
            builder.Services.AddSingleton<ISiloReports, RedisSiloReports>();
        }
        else builder.Services.AddSingleton<ISiloDirectory, InProcessSiloDirectory>();
        builder.Services.AddHostedService<SiloLifetimeService>();
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo");

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60)); // SIGTERM: drain, checkpoint, commit
        builder.Services.AddClusterProviders(mode);
        builder.Services.AddStrictOptions<ExchangeOptions>(builder.Configuration, ExchangeOptions.Section);
        var topics = builder.Configuration.GetSection(TopicOptions.Section).Get<TopicOptions>() ?? new TopicOptions();
        var clusterId = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>()?.ClusterId ?? new ClusterOptions().ClusterId;
        builder.Services.AddExchangeGrains(topics, clusterId);
        builder.Services.AddExchangeGrainInterfaces(topics);
        builder.Services.AddSnapshotCoordinator(topics.SnapshotCommands);
        builder.Services.AddClusterClient();
        builder.Services.AddHostedService<SymbolBootstrapService>();
        if (demo || builder.Configuration.GetValue($"{ExchangeOptions.Section}:Demo", false))
            builder.Services.AddHostedService<DemoTradingService>();
        builder.Services.AddSiloRuntime();
        if (mode == ClusterMode.Kafka) builder.Services.AddSiloStatisticsPublisher();
        builder.Services.AddHistoryExport(builder.Configuration, mode);
        builder.Services.AddMarketCacheWriter(builder.Configuration);
        builder.Services.AddSnapshotServices();
        var gateway = mode == ClusterMode.Embedded || builder.Configuration.GetValue("Gateway:Enabled", false);
        if (gateway) builder.Services.AddGateway(builder.Configuration);

        var app = builder.Build();
        app.MapHealthChecks("/health");
        if (gateway) app.MapGateway();
        return app;
    }
}
