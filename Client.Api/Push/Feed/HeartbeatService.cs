using Microsoft.Extensions.Options;
using Trading.Client.Api.Push.Fanout;
using Trading.Client.Api.Push.Protocol;

namespace Trading.Client.Api.Push.Feed;

/// <summary>Sends every connection <c>{"op":"heartbeat","time":...}</c> each Push:HeartbeatSeconds (one frame, shared).</summary>
public sealed class HeartbeatService(PushHub hub, IOptions<PushOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HeartbeatSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                if (hub.Connections.Count > 0)
                    hub.Connections.Broadcast(PushFrames.Beat("heartbeat", clock.GetUtcNow().ToUnixTimeMilliseconds()));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
