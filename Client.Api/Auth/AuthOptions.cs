using System.ComponentModel.DataAnnotations;

namespace Trading.Client.Api.Auth;

/// <summary>
/// Settings of the gateway's request signing (section <c>Auth</c>). Every API key's secret is derived from the
/// master key (hex HMAC-SHA256(masterKey, apiKey)), so the gateway stores no secret, only a hash of each key.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The base64 master key the key secrets are derived from. The shipped one is for development only.</summary>
    [Required, MinLength(24)]
    public string MasterKey { get; set; } = "";

    /// <summary>How far X-TIMESTAMP may be from the gateway's clock, either way (exchanges call it recvWindow).</summary>
    [Range(1_000, 300_000)]
    public int TimestampWindowMs { get; set; } = 30_000;

    /// <summary>Largest request body the gateway reads (and signs); larger ones get 413.</summary>
    [Range(1_024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest body of the snapshot validation and recovery endpoints (a whole snapshot document).</summary>
    [Range(1_024, 1024 * 1024 * 1024)]
    public int MaxSnapshotBodyBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>The API keys known at start: key, user and role.</summary>
    public List<ApiKeyGrant> BootstrapKeys { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();
}
