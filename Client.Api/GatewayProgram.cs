using Trading.Grains.Interfaces.Exchange;
using Trading.Runtime.Cluster;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;

namespace Trading.Client.Api;

/// <summary>The standalone API gateway (cluster mode); the embedded mode runs it inside the silo host.</summary>
public sealed class GatewayProgram
{
    public const string DefaultUrl = "http://127.0.0.1:5090";

    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddPlatformSources(args);
        if (string.IsNullOrEmpty(builder.Configuration["Urls"])) builder.WebHost.UseUrls(DefaultUrl);
        builder.Services.AddPlatformOptions(builder.Configuration);
        builder.Services.AddHealthChecks();
        if (builder.Configuration.GetValue($"{ClusterOptions.Section}:Mode", ClusterMode.Embedded) == ClusterMode.Kafka)
        {
            builder.Services.AddKafkaRedisProviders();
            builder.Services.AddSingleton<ISiloDirectory, RedisSiloDirectory>();
            builder.Services.AddSingleton<ISiloReports, RedisSiloReports>();
        }
        builder.Services.AddStrictOptions<ExchangeOptions>(builder.Configuration, ExchangeOptions.Section);
        builder.Services.AddExchangeGrainInterfaces(builder.Configuration.GetSection(TopicOptions.Section).Get<TopicOptions>() ?? new TopicOptions());
        builder.Services.AddGateway(builder.Configuration);

        var app = builder.Build();
        app.MapHealthChecks("/health");
        app.MapGateway();
        app.Run();
    }
}
