using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Trading.Client.Api.Auth;

/// <summary>
/// The known API keys, held only as SHA-256 hashes, and the secret derivation:
/// secret = hex HMAC-SHA256(masterKey, apiKey). A key presented to the gateway is hashed and looked up;
/// its secret is derived on the spot, so no secret is ever stored.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly byte[] _masterKey;
    private readonly Dictionary<string, ApiKeyIdentity> _byHash = new(StringComparer.Ordinal);

    public ApiKeyStore(IOptions<AuthOptions> options)
    {
        try
        {
            _masterKey = Convert.FromBase64String(options.Value.MasterKey);
        }
        catch (FormatException)
        {
            throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), ["Auth:MasterKey must be base64."]);
        }
        foreach (var grant in options.Value.BootstrapKeys)
        {
            var hash = Hash(grant.ApiKey);
            if (!_byHash.TryAdd(hash, new ApiKeyIdentity(hash, grant.UserId, grant.Role, grant.Label)))
                throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), [$"Auth:BootstrapKeys lists the key '{grant.Label}' twice."]);
        }
    }

    public int Count => _byHash.Count;

    public ApiKeyIdentity? Find(string apiKey) => _byHash.GetValueOrDefault(Hash(apiKey));

    /// <summary>The signing secret of <paramref name="apiKey"/> as raw bytes (the UTF-8 of its hex form).</summary>
    public byte[] SecretOf(string apiKey)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_masterKey, Encoding.UTF8.GetBytes(apiKey), mac);
        return Encoding.ASCII.GetBytes(Convert.ToHexStringLower(mac));
    }

    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}

/// <summary>Who a key signs for. <see cref="KeyHash"/> identifies the key without revealing it.</summary>
public sealed record ApiKeyIdentity(string KeyHash, long UserId, string Role, string Label);
