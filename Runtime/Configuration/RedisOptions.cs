using System.ComponentModel.DataAnnotations;

namespace Trading.Runtime.Configuration;

/// <summary>Redis connection for grain checkpoints and the latest-data cache.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. "127.0.0.1:6379,abortConnect=false".</summary>
    [Required(AllowEmptyStrings = false)]
    public string Configuration { get; set; } = "127.0.0.1:6379";

    [Range(0, 15)]
    public int Database { get; set; } = 0;

    /// <summary>Prefix for every key the platform writes, so several environments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "";
}
