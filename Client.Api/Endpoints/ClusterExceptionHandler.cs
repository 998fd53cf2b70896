using Microsoft.AspNetCore.Diagnostics;

namespace Trading.Client.Api.Endpoints;

/// <summary>
/// The last line for cluster failures that escape an endpoint (for instance a lookup before <see cref="GatewayCalls"/>):
/// the same problem+json answers as <see cref="GatewayCalls.ProblemFor"/>.
/// </summary>
internal sealed class ClusterExceptionHandler(ILogger<ClusterExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (GatewayCalls.ProblemFor(exception) is not { } problem) return false;
        logger.LogWarning("{Method} {Path}: {Error}", http.Request.Method, http.Request.Path.Value, exception.Message);
        await problem.ExecuteAsync(http).ConfigureAwait(false);
        return true;
    }
}
