using Microsoft.Extensions.Options;
using Trading.Client.Api.Exchange;
using Trading.Client.Api.Push.Fanout;
using Trading.Client.Api.Push.Protocol;

namespace Trading.Client.Api.Push.Feed;

/// <summary>
/// Pushes each symbol's ticker (the book's own statistics) to its subscribers at most once per
/// Push:TickerIntervalMs, and only when a trade, a depth change or a new subscriber made it due.
/// </summary>
public sealed class TickerPublisher(PushHub hub, TradingService trading, IOptions<PushOptions> options, TimeProvider clock,
    ILogger<TickerPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.TickerIntervalMs), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                foreach (var feeds in hub.Symbols)
                {
                    if (feeds.Ticker.Count == 0 || !feeds.TakeTickerDue()) continue;
                    try
                    {
                        var ticker = await trading.GetTickerAsync(feeds.Symbol, stoppingToken).ConfigureAwait(false);
                        feeds.Ticker.Broadcast(PushFrames.Ticker(ApiViews.Ticker(feeds.Spec, ticker), clock.GetUtcNow().ToUnixTimeMilliseconds()));
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        feeds.MarkTickerDue();
                        logger.LogWarning(e, "Ticker of {Symbol} could not be fetched; retrying at the next interval", feeds.Symbol);
                    }
                }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
