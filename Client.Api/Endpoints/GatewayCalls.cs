using Trading.Runtime.Client;

namespace Trading.Client.Api.Endpoints;

/// <summary>Turns cluster failures into problem+json: a timeout is 504 (the command stays accepted), a failed turn 500, a refusing log 503.</summary>
public static class GatewayCalls
{
    public static async Task<IResult> RunAsync(Func<Task<IResult>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (ProblemFor(e) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>The answer to a cluster failure, or null for any other exception. The one mapping, also behind <see cref="ClusterExceptionHandler"/>.</summary>
    public static IResult? ProblemFor(Exception exception) => exception switch
    {
        GrainReplyTimeoutException e => Results.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: "No answer in time", detail: e.Message),
        GrainCallException e => Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The request failed", detail: e.Reason),
        IOException e => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The cluster refused the request", detail: e.Message),
        _ => null,
    };
}
