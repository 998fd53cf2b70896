using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trading.Client.Api.Push.Connections;
using Trading.Client.Api.Push.Fanout;
using Trading.Client.Api.Push.Feed;
using Trading.Runtime.Configuration;

namespace Trading.Client.Api.Push;

/// <summary>The WebSocket push endpoint and its feed (section <c>Push</c>; <c>Push:Enabled=false</c> leaves both out).</summary>
public static class PushRegistration
{
    public static IServiceCollection AddPush(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStrictOptions<PushOptions>(configuration, PushOptions.Section);
        if (!configuration.GetValue($"{PushOptions.Section}:{nameof(PushOptions.Enabled)}", true)) return services;
        services.TryAddSingleton<PushStatistics>();
        services.TryAddSingleton<PushHub>();
        services.TryAddSingleton<PushSession>();
        services.TryAddSingleton<PushFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<PushFeed>());
        services.AddHostedService<TickerPublisher>();
        services.AddHostedService<HeartbeatService>();
        return services;
    }

    public static WebApplication MapPush(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<PushOptions>>().Value.Enabled) return app;
        app.UseWebSockets();
        app.MapPushEndpoint();
        return app;
    }
}
