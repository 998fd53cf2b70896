using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Trading.Runtime.Configuration;

/// <summary>
/// One place that binds and validates every server and topic setting, shared by Silo and Client.Api.
/// Sources, later ones winning: the shared appsettings.json next to the binary, environment variables
/// (e.g. <c>Kafka__BootstrapServers</c>), command-line arguments (e.g. <c>--Cluster:Mode=Kafka</c>).
/// </summary>
public static class PlatformConfiguration
{
    public const string SharedSettingsFile = "appsettings.json";

    /// <summary>
    /// Adds the shared settings file from the binary's folder (so `dotnet run` from any directory finds
    /// it), then re-adds environment variables and the command line so that they still override it.
    /// </summary>
    public static IConfigurationBuilder AddPlatformSources(this IConfigurationBuilder builder, string[] args)
    {
        var shared = Path.Combine(AppContext.BaseDirectory, SharedSettingsFile);
        return builder
            .AddJsonFile(shared, optional: false, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args);
    }

    public static IServiceCollection AddPlatformOptions(this IServiceCollection services, IConfiguration configuration)
    {
        Bind<KafkaOptions>(services, configuration, KafkaOptions.Section);
        Bind<RedisOptions>(services, configuration, RedisOptions.Section);
        Bind<ClickHouseOptions>(services, configuration, ClickHouseOptions.Section);
        Bind<TopicOptions>(services, configuration, TopicOptions.Section);
        Bind<ClusterOptions>(services, configuration, ClusterOptions.Section);
        Bind<RuntimeOptions>(services, configuration, RuntimeOptions.Section);
        Bind<HistoryOptions>(services, configuration, HistoryOptions.Section);
        Bind<SnapshotOptions>(services, configuration, SnapshotOptions.Section);
        Bind<OperationsOptions>(services, configuration, OperationsOptions.Section);
        return services;
    }

    /// <summary>Binds a section strictly (unknown keys are errors) and validates it when the host starts.</summary>
    public static IServiceCollection AddStrictOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        Bind<T>(services, configuration, section);
        return services;
    }

    private static void Bind<T>(IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>()
            .Bind(configuration.GetSection(section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
