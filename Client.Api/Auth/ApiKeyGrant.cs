using System.ComponentModel.DataAnnotations;

namespace Trading.Client.Api.Auth;

/// <summary>One API key of <see cref="AuthOptions.BootstrapKeys"/>: who it signs for and with which role.</summary>
public sealed class ApiKeyGrant
{
    [Required, MinLength(8), MaxLength(128)]
    public string ApiKey { get; set; } = "";

    [Range(1, long.MaxValue)]
    public long UserId { get; set; }

    /// <summary><c>User</c> or <c>Admin</c>.</summary>
    [Required, RegularExpression("^(User|Admin)$")]
    public string Role { get; set; } = ApiRoles.User;

    /// <summary>A name for logs (never the key itself).</summary>
    [MaxLength(64)]
    public string Label { get; set; } = "";
}
