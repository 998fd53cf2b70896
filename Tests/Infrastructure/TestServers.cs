using Microsoft.Extensions.Configuration;
using Trading.Runtime.Configuration;

namespace Trading.Tests.Infrastructure;

/// <summary>
/// Server settings for integration tests, read the way the hosts read them: the shared
/// config/appsettings.json, then environment variables. Tests against real servers never skip:
/// a missing server is a failure (start them with scripts/services.sh up).
/// </summary>
public static class TestServers
{
    private static readonly IConfigurationRoot Configuration = new ConfigurationBuilder()
        .AddJsonFile(System.IO.Path.Combine(RepositoryRoot.Path, "config", "appsettings.json"), optional: false)
        .AddEnvironmentVariables()
        .Build();

    public static KafkaOptions Kafka => Bind<KafkaOptions>(KafkaOptions.Section);
    public static RedisOptions Redis => Bind<RedisOptions>(RedisOptions.Section);
    public static ClickHouseOptions ClickHouse => Bind<ClickHouseOptions>(ClickHouseOptions.Section);

    /// <summary>The flattened settings of one configuration section, e.g. "Kafka".</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Section(string name) =>
        Configuration.GetSection(name).AsEnumerable().Where(kv => kv.Value is not null);

    /// <summary>A name no earlier run used, for topics, groups, tables and keys.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    private static T Bind<T>(string section) where T : new()
    {
        var options = new T();
        Configuration.GetSection(section).Bind(options);
        return options;
    }
}
