using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Trading.Client.Api.Exchange;
using Trading.Client.Api.Push.Connections;
using Trading.Client.Api.Push.Depth;
using Trading.Client.Api.Push.Klines;
using Trading.Client.Api.Push.Protocol;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Grains.Symbols;
using Trading.Runtime.Storage.Cache;

namespace Trading.Client.Api.Push.Fanout;

/// <summary>
/// Who is subscribed to what, and the fan-out of every event the push feed reads: each event is serialized once
/// per channel and the same bytes are queued on every subscriber. Public channels are per symbol; private ones
/// per user, and a connection can only subscribe to its own user's.
/// </summary>
public sealed class PushHub(SymbolCatalog symbols, TradingService trading, IMarketCache cache, MarketCacheKeys cacheKeys,
    IOptions<CacheOptions> cacheOptions, IOptions<ExchangeOptions> exchange, IOptions<PushOptions> options, PushStatistics statistics,
    TimeProvider clock, ILogger<PushHub> logger)
{
    private readonly ConcurrentDictionary<string, SymbolFeeds> _symbols = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, UserFeeds> _users = new();

    /// <summary>Every open connection (heartbeats).</summary>
    public SubscriberSet Connections { get; } = new();

    public ICollection<SymbolFeeds> Symbols => _symbols.Values;

    public async Task<ClientError?> SubscribeAsync(PushConnection connection, ClientRequest request, CancellationToken cancellationToken)
    {
        if (request.Channel.IsPrivate())
        {
            if (connection.UserId is not { } userId)
                return new ClientError("channel", $"{request.Channel.Name()} is a private channel: open /ws with a signed upgrade request (X-API-KEY, X-TIMESTAMP, X-SIGNATURE of GET /ws)");
            var user = _users.GetOrAdd(userId, _ => new UserFeeds());
            connection.Send(PushFrames.Ack("subscribed", request.Subscription));
            Private(user, request.Channel).Add(connection);
            return null;
        }
        var symbol = request.Symbol!;
        var spec = await symbols.FindAsync(symbol, cancellationToken).ConfigureAwait(false);
        if (spec is null) return new ClientError("symbol", $"unknown symbol '{symbol}'");
        var feeds = _symbols.GetOrAdd(symbol, s => new SymbolFeeds(s, spec, NewReplica(s, spec), NewKlines(s, spec)));
        feeds.Spec = spec;
        connection.Send(PushFrames.Ack("subscribed", request.Subscription));
        switch (request.Channel)
        {
            case PushChannel.Depth:
                feeds.Depth.Subscribe(connection, spec);
                break;
            case PushChannel.Kline:
                feeds.Klines.Subscribe(connection, request.Interval!, spec);
                break;
            case PushChannel.Trades:
                feeds.Trades.Add(connection);
                break;
            default:
                feeds.Ticker.Add(connection);
                feeds.MarkTickerDue();
                break;
        }
        return null;
    }

    /// <summary>Removes one subscription; false when the connection did not hold it.</summary>
    public bool Unsubscribe(PushConnection connection, Subscription subscription)
    {
        var (channel, symbol, interval) = subscription;
        if (channel.IsPrivate())
            return connection.UserId is { } userId && _users.TryGetValue(userId, out var user) && Private(user, channel).Remove(connection);
        if (symbol is null || !_symbols.TryGetValue(symbol, out var feeds)) return false;
        switch (channel)
        {
            case PushChannel.Depth:
                var had = feeds.Depth.SubscriberCount;
                feeds.Depth.Unsubscribe(connection);
                return feeds.Depth.SubscriberCount < had;
            case PushChannel.Trades:
                return feeds.Trades.Remove(connection);
            case PushChannel.Kline:
                return interval is not null && feeds.Klines.Unsubscribe(connection, interval);
            default:
                return feeds.Ticker.Remove(connection);
        }
    }

    // ---- events from the feed (one thread, log order per partition) ----

    public void OnMatchResult(MatchResult result)
    {
        if (!_symbols.TryGetValue(result.Symbol, out var feeds)) return;
        if (feeds.Klines.Active) feeds.Klines.OnMatchResult(result);
        if (feeds.Trades.Count == 0 && feeds.Ticker.Count == 0) return;
        var frame = PushFrames.Trades(feeds.Spec, result.Events, Now());
        if (frame is null) return;
        feeds.Trades.Broadcast(frame);
        if (feeds.Ticker.Count > 0) feeds.MarkTickerDue();
    }

    public void OnDepthUpdate(DepthUpdate update)
    {
        if (!_symbols.TryGetValue(update.Symbol, out var feeds)) return;
        feeds.Depth.OnUpdate(update);
        if (feeds.Ticker.Count > 0) feeds.MarkTickerDue();
    }

    public void OnUserUpdate(UserUpdate update)
    {
        if (!_users.TryGetValue(update.UserId, out var user) || user.IsEmpty) return;
        var now = Now();
        if (user.Orders.Count > 0 && (update.Orders.Count > 0 || update.Trades.Count > 0))
        {
            var orders = new List<OrderResponse>(update.Orders.Count);
            for (var i = 0; i < update.Orders.Count; i++)
                if (SpecOf(update.Orders[i].Symbol) is { } spec) orders.Add(ApiViews.Order(spec, update.Orders[i]));
            var trades = new List<TradeResponse>(update.Trades.Count);
            for (var i = 0; i < update.Trades.Count; i++)
                if (SpecOf(update.Trades[i].Symbol) is { } spec) trades.Add(ApiViews.Trade(spec, update.Trades[i]));
            user.Orders.Broadcast(PushFrames.Orders(orders, trades, now));
        }
        if (user.Positions.Count > 0 && update.Position is { } position && SpecOf(position.Symbol) is { } positionSpec)
            user.Positions.Broadcast(PushFrames.Private(PushChannel.Positions, "positions", [ApiViews.Position(positionSpec, position)], now));
        if (user.Account.Count > 0 && update.Balances.Count > 0)
        {
            var balances = new List<BalanceResponse>(update.Balances.Count);
            for (var i = 0; i < update.Balances.Count; i++) balances.Add(ApiViews.Balance(update.Balances[i]));
            user.Account.Broadcast(PushFrames.Private(PushChannel.Account, "balances", balances, now));
        }
    }

    /// <summary>Drops every subscription of a connection that ended.</summary>
    public void Remove(PushConnection connection, IEnumerable<Subscription> subscriptions)
    {
        foreach (var subscription in subscriptions) Unsubscribe(connection, subscription);
        Connections.Remove(connection);
    }

    private DepthReplica NewReplica(string symbol, SymbolSpec spec) =>
        new(symbol, spec, ct => trading.GetDepthAsync(symbol, exchange.Value.DepthLevels, ct), options.Value, statistics, clock, logger);

    /// <summary>The kline channel of a symbol, based on the latest-data cache's candles (none when the cache is off).</summary>
    private KlineReplica NewKlines(string symbol, SymbolSpec spec) =>
        new(symbol, spec, interval => cacheOptions.Value.Enabled
                ? cache.GetJsonAsync<RecentKlines>(cacheKeys.Kline(symbol, interval.Name))
                : Task.FromResult<RecentKlines?>(null),
            options.Value, statistics, clock, logger);

    private SymbolSpec? SpecOf(string symbol)
    {
        if (_symbols.TryGetValue(symbol, out var feeds)) return feeds.Spec;
        var lookup = symbols.FindAsync(symbol, CancellationToken.None);
        return lookup.IsCompletedSuccessfully ? lookup.Result : lookup.GetAwaiter().GetResult();
    }

    private static SubscriberSet Private(UserFeeds user, PushChannel channel) => channel switch
    {
        PushChannel.Orders => user.Orders,
        PushChannel.Positions => user.Positions,
        _ => user.Account,
    };

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
