using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Trading.Client.Api.Auth;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Client.Api.Endpoints;
using Trading.Client.Api.Exchange;
using Trading.Client.Api.Push;
using Trading.Client.Api.History;
using Trading.Client.Api.Market;
using Trading.Client.Api.Snapshots;
using Trading.Client.Api.Operations;
using Trading.Runtime.Client;
using Trading.Runtime.Cluster;
using Trading.Runtime.Storage.ClickHouse;

namespace Trading.Client.Api;

/// <summary>Registers and maps the API gateway; used by the standalone gateway and by an embedded silo.</summary>
public static class GatewayServices
{
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewayAuth(configuration);
        services.AddMarketCacheKeys(configuration);
        services.TryAddSingleton<ISiloDirectory, InProcessSiloDirectory>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddExceptionHandler<ClusterExceptionHandler>();
        services.AddOpenApi();
        services.AddClusterClient();
        services.TryAddSingleton<OrderIdGenerator>();
        services.TryAddSingleton<SymbolCatalog>();
        services.TryAddSingleton<TickerCache>();
        services.TryAddSingleton<TradingService>();
        services.AddPush(configuration);
        services.TryAddSingleton<ClickHouseClient>();
        services.TryAddSingleton<HistoryReader>();
        services.TryAddSingleton<MarketDataReader>();
        services.TryAddSingleton<LatestPriceReader>();
        services.AddSnapshotApi(configuration);
        services.AddKafkaOperations();
        return services;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseGatewayAuth();
        app.MapOpenApi();
        // A browsable UI over the OpenAPI document: http://127.0.0.1:5080/swagger
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Trading API v1");
            o.DocumentTitle = "Trading API";
        });
        app.MapClusterEndpoints();
        app.MapMarketEndpoints();
        app.MapOrderEndpoints();
        app.MapAccountEndpoints();
        app.MapAdminEndpoints();
        app.MapPush();
        app.MapHistoryEndpoints();
        app.MapSnapshotEndpoints();
        app.MapKafkaEndpoints();
        app.MapMetricsEndpoints();
        return app;
    }
}
