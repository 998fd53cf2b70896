using System.ComponentModel.DataAnnotations;

namespace Trading.Runtime.Configuration;

/// <summary>ClickHouse history store, reached through its HTTP interface.</summary>
public sealed class ClickHouseOptions
{
    public const string Section = "ClickHouse";

    [Required, Url]
    public string Url { get; set; } = "http://127.0.0.1:8123";

    [Required(AllowEmptyStrings = false), RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$")]
    public string Database { get; set; } = "trading";

    public string User { get; set; } = "default";

    public string Password { get; set; } = "";

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;
}
