using Microsoft.AspNetCore.Diagnostics;
using Trading.Runtime.Client;

namespace Trading.Client.Api.Endpoints;

/// <summary>
/// The last line for cluster failures that escape an endpoint (for instance a lookup before <see cref="GatewayCalls"/>):
/// the same problem+json answers, 504 for a grain that did not answer in time and 503 for a log that refused.
/// </summary>
internal sealed class ClusterExceptionHandler(ILogger<ClusterExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            GrainReplyTimeoutException => (StatusCodes.Status504GatewayTimeout, "No answer in time"),
            IOException => (StatusCodes.Status503ServiceUnavailable, "The cluster refused the request"),
            _ => (0, ""),
        };
        if (status == 0) return false;
        logger.LogWarning("{Method} {Path}: {Title}: {Error}", http.Request.Method, http.Request.Path.Value, title, exception.Message);
        await Results.Problem(statusCode: status, title: title, detail: exception.Message).ExecuteAsync(http).ConfigureAwait(false);
        return true;
    }
}
