using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Trading.Tests.Infrastructure;

/// <summary>
/// An HTTP client that signs every request as the gateway expects: X-API-KEY, X-TIMESTAMP (epoch ms) and
/// X-SIGNATURE = hex HMAC-SHA256(secret, timestamp + METHOD + pathAndQuery + body).
/// </summary>
public sealed class SignedClient(HttpClient http, string apiKey, string secret)
{
    public HttpClient Http => http;

    public string Secret => secret;

    /// <summary>The secret the gateway derives for <paramref name="apiKey"/>: hex HMAC-SHA256(masterKey, apiKey).</summary>
    public static string DeriveSecret(string masterKeyBase64, string apiKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(masterKeyBase64), Encoding.UTF8.GetBytes(apiKey)));

    public static string Sign(string secret, long timestamp, string method, string pathAndQuery, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + method + pathAndQuery + body)));

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, object? body = null, long? timestamp = null,
        string? signatureOverride = null)
    {
        var json = body switch
        {
            null => "",
            string s => s,
            _ => JsonSerializer.Serialize(body),
        };
        var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        request.Headers.Add("X-API-KEY", apiKey);
        request.Headers.Add("X-TIMESTAMP", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-SIGNATURE", signatureOverride ?? Sign(secret, ts, method.Method, pathAndQuery, json));
        return http.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string pathAndQuery)
    {
        using var response = await SendAsync(HttpMethod.Get, pathAndQuery);
        return await ReadAsync(response, 200);
    }

    public async Task<JsonElement> SendJsonAsync(HttpMethod method, string pathAndQuery, object? body, int expectedStatus)
    {
        using var response = await SendAsync(method, pathAndQuery, body);
        return await ReadAsync(response, expectedStatus);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, int expectedStatus)
    {
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != expectedStatus)
            throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
