using System.Security.Claims;

namespace Trading.Client.Api.Endpoints;

/// <summary>Who is calling, and the rule that a user acts only on their own account (admins on anyone's).</summary>
public static class EndpointUser
{
    public static long Id(HttpContext http) =>
        long.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No authenticated user."),
            System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsAdmin(HttpContext http) => http.User.IsInRole("Admin");

    /// <summary>Runs <paramref name="action"/> for the caller, or for <paramref name="requested"/> when an admin asks; 403 for anyone else.</summary>
    public static Task<IResult> Scoped(HttpContext http, long? requested, Func<long, Task<IResult>> action)
    {
        var self = Id(http);
        if (requested is null || requested == self) return action(self);
        if (!IsAdmin(http))
            return Task.FromResult(Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"User {self} may not act on user {requested}."));
        return action(requested.Value);
    }

    public static TBuilder RequireUser<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization("User");

    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization("Admin");
}
