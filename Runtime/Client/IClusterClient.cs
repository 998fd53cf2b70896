using Trading.Runtime.Grains;

namespace Trading.Runtime.Client;

/// <summary>Talks to grains through their input topics, as Orleans' IClusterClient does through silos.</summary>
public interface IClusterClient
{
    /// <summary>Writes a message to the grain's input log and returns once the log acknowledged it.</summary>
    Task SendAsync<TGrain>(string key, object message, CancellationToken cancellationToken = default) where TGrain : IGrain;

    /// <summary>
    /// Writes a request to the grain's input log and awaits its reply, routed back through this
    /// client's reply topic. On timeout a <see cref="GrainReplyTimeoutException"/> is thrown; the
    /// request itself stays in the log and will still be handled.
    /// </summary>
    Task<TReply> AskAsync<TGrain, TReply>(string key, object request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TGrain : IGrain;
}

/// <summary>A grain did not answer in time. The request was accepted into the log and is not lost.</summary>
public sealed class GrainReplyTimeoutException(GrainId grain, TimeSpan timeout)
    : TimeoutException($"{grain} did not answer within {timeout.TotalSeconds:0.###} s; the request was accepted and will still be processed.")
{
    public GrainId Grain { get; } = grain;
}

/// <summary>The grain failed to handle the request; the message says why.</summary>
public sealed class GrainCallException(GrainId grain, string message) : Exception($"{grain}: {message}")
{
    public GrainId Grain { get; } = grain;
    public string Reason { get; } = message;
}
