using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trading.Runtime.Configuration;

namespace Trading.Client.Api.Auth;

/// <summary>Signed-request authentication, the User and Admin policies, and the per-key rate limiter.</summary>
public static class AuthRegistration
{
    public static IServiceCollection AddGatewayAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStrictOptions<AuthOptions>(configuration, AuthOptions.Section);
        services.AddOptions<AuthOptions>().Validate(o => o.BootstrapKeys.TrueForAll(k =>
            System.ComponentModel.DataAnnotations.Validator.TryValidateObject(k, new(k), null, validateAllProperties: true)),
            "Auth:BootstrapKeys: every key needs ApiKey (8-128 characters), UserId > 0 and Role User or Admin.");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiKeyStore>();
        services.AddAuthentication(SignedRequestHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SignedRequestHandler>(SignedRequestHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiRoles.User, p => p.RequireAuthenticatedUser())
            .AddPolicy(ApiRoles.Admin, p => p.RequireAuthenticatedUser().RequireRole(ApiRoles.Admin));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: "The rate limit of this API key is exhausted; retry later.").ExecuteAsync(context.HttpContext);
            };
        });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>, PerKeyRateLimiter>();
        return services;
    }

    public static WebApplication UseGatewayAuth(this WebApplication app)
    {
        app.Services.GetRequiredService<ApiKeyStore>(); // a bad master key stops the host at start, not at the first request
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>One token bucket per API key hash; anonymous callers share one per remote address.</summary>
    private sealed class PerKeyRateLimiter(IOptions<AuthOptions> auth) : IConfigureOptions<RateLimiterOptions>
    {
        public void Configure(RateLimiterOptions options)
        {
            var limits = auth.Value.RateLimit;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var key = http.User.FindFirstValue(ApiRoles.KeyClaim) ?? "ip:" + http.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        }
    }
}
