using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Trading.Client.Api.Auth;

/// <summary>
/// The request signature: hex HMAC-SHA256(secret, timestamp + METHOD + pathAndQuery + body), where timestamp
/// is the X-TIMESTAMP header (epoch milliseconds) and pathAndQuery the request target as sent.
/// </summary>
public static class RequestSignature
{
    /// <summary>An HMAC over the signed prefix; append the body as it is read, then take <c>GetHashAndReset()</c>.</summary>
    public static IncrementalHash Begin(byte[] secret, long timestamp, string method, string pathAndQuery)
    {
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + method + pathAndQuery));
        return hmac;
    }

    /// <summary>True when <paramref name="hexSignature"/> is the signature, compared in constant time.</summary>
    public static bool Matches(byte[] expected, string hexSignature)
    {
        if (hexSignature.Length != expected.Length * 2) return false;
        byte[] given;
        try
        {
            given = Convert.FromHexString(hexSignature);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
