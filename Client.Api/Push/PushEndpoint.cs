using System.Globalization;
using System.Security.Claims;
using Trading.Client.Api.Auth;
using Trading.Client.Api.Push.Connections;

namespace Trading.Client.Api.Push;

/// <summary>
/// <c>GET /ws</c>: the WebSocket upgrade. Public channels need no authentication. For private channels the client
/// signs the upgrade request exactly like a REST call (X-API-KEY, X-TIMESTAMP, X-SIGNATURE of
/// timestamp + "GET" + "/ws", empty body), checked by the gateway's signed-request handler; a signature that does
/// not check out is refused with 401 before the upgrade.
/// </summary>
public static class PushEndpoint
{
    public const string Path = "/ws";

    public static IEndpointRouteBuilder MapPushEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, async (HttpContext http, PushSession session) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "WebSocket only",
                    detail: "GET /ws is a WebSocket endpoint: send an upgrade request.");
            if (http.Request.Headers.ContainsKey(SignedRequestHandler.ApiKeyHeader) && http.User.Identity?.IsAuthenticated != true)
                return Results.Challenge(); // the signed-request handler writes the 401 naming the bad header
            long? userId = long.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id : null;
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            await session.RunAsync(socket, userId, http.RequestAborted);
            return Results.Empty;
        }).WithTags("Push").WithName("WebSocketPush").ExcludeFromDescription();
        return routes;
    }
}
