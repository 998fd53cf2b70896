using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Trading.Client.Api.Auth;

/// <summary>
/// Authenticates HMAC-signed requests (headers X-API-KEY, X-TIMESTAMP, X-SIGNATURE; see
/// <see cref="RequestSignature"/>). A request without X-API-KEY is anonymous; one with a bad key, a timestamp
/// outside the window or a wrong signature is refused with 401 problem+json naming the header; a body larger
/// than <see cref="AuthOptions.MaxBodyBytes"/> gets 413. The body is buffered so endpoints read it again.
/// </summary>
public sealed class SignedRequestHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys,
    IOptions<AuthOptions> auth,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "Signed";
    public const string ApiKeyHeader = "X-API-KEY";
    public const string TimestampHeader = "X-TIMESTAMP";
    public const string SignatureHeader = "X-SIGNATURE";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers;
        var apiKey = headers[ApiKeyHeader].ToString();
        if (apiKey.Length == 0) return AuthenticateResult.NoResult();

        var identity = keys.Find(apiKey);
        if (identity is null) return Fail(ApiKeyHeader, "unknown API key");
        if (!long.TryParse(headers[TimestampHeader].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            return Fail(TimestampHeader, "required: epoch milliseconds");
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (Math.Abs(now - timestamp) > auth.Value.TimestampWindowMs)
            return Fail(TimestampHeader, $"outside the {auth.Value.TimestampWindowMs} ms window around the server time {now}");
        var signature = headers[SignatureHeader].ToString();
        if (signature.Length == 0) return Fail(SignatureHeader, "required: hex HMAC-SHA256");

        using var hmac = RequestSignature.Begin(keys.SecretOf(apiKey), timestamp, Request.Method, PathAndQuery());
        if (!await HashBodyAsync(hmac))
            return Fail("body", $"larger than {MaxBodyBytes()} bytes", StatusCodes.Status413PayloadTooLarge);
        if (!RequestSignature.Matches(hmac.GetHashAndReset(), signature))
            return Fail(SignatureHeader, "does not match HMAC-SHA256(secret, timestamp + method + pathAndQuery + body)");

        var claims = new[]
        {
            new Claim(ClaimTypes.NameIdentifier, identity.UserId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Role, identity.Role),
            new Claim(ApiRoles.KeyClaim, identity.KeyHash),
        };
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var failure = result.Failure as AuthFailure ?? new AuthFailure(ApiKeyHeader, "required: sign the request (X-API-KEY, X-TIMESTAMP, X-SIGNATURE)");
        if (failure.Status == StatusCodes.Status401Unauthorized) Response.Headers.WWWAuthenticate = "HMAC-SHA256";
        await Results.ValidationProblem(new Dictionary<string, string[]> { [failure.Field] = [failure.Message] },
            statusCode: failure.Status, title: failure.Status == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Not authenticated")
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "This endpoint needs the Admin role.")
            .ExecuteAsync(Context);

    private AuthenticateResult Fail(string field, string message, int status = StatusCodes.Status401Unauthorized)
    {
        Logger.LogInformation("Refused signed request {Method} {Path}: {Field} {Reason}", Request.Method, Request.Path.Value, field, message);
        return AuthenticateResult.Fail(new AuthFailure(field, message, status));
    }

    /// <summary>The request target as the client sent it (raw, undecoded), which is what it signed.</summary>
    private string PathAndQuery()
    {
        var raw = Context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return string.IsNullOrEmpty(raw) || raw[0] != '/' ? Request.PathBase + Request.Path + Request.QueryString : raw;
    }

    /// <summary>Snapshot documents may be large (validation and recovery take them whole); everything else stays small.</summary>
    private int MaxBodyBytes() => Request.Path.StartsWithSegments("/api/snapshot/recovery", StringComparison.Ordinal)
        ? auth.Value.MaxSnapshotBodyBytes : auth.Value.MaxBodyBytes;

    /// <summary>Feeds the body into the signature as it is read (buffered for the endpoint); false when it is larger than allowed.</summary>
    private async Task<bool> HashBodyAsync(IncrementalHash hmac)
    {
        var max = MaxBodyBytes();
        if (Request.ContentLength > max) return false;
        // Kestrel's own limit (30 MB by default) would cut a snapshot document short: this request's limit is ours.
        if (Context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max;
        var buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
        try
        {
            Request.EnableBuffering(bufferThreshold: 32 * 1024, bufferLimit: max + buffer.Length);
            long total = 0;
            int read;
            while ((read = await Request.Body.ReadAsync(buffer, Context.RequestAborted)) > 0)
            {
                total += read;
                if (total > max) return false;
                hmac.AppendData(buffer, 0, read);
            }
            Request.Body.Position = 0;
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
