namespace Trading.Client.Api.Auth;

/// <summary>Role names and the authorization policies built on them.</summary>
public static class ApiRoles
{
    public const string User = "User";
    public const string Admin = "Admin";

    /// <summary>The claim naming the API key's hash, the rate limiter's partition.</summary>
    public const string KeyClaim = "api_key_hash";
}
