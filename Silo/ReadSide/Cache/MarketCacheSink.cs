using System.Globalization;
using System.Text.Json;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Grains.Matching;
using Trading.Runtime.Client;
using Trading.Runtime.Messaging;
using Trading.Runtime.Storage.Cache;
using Trading.Runtime.Streams;

namespace Trading.Silo.ReadSide.Cache;

/// <summary>
/// Turns <c>match-results</c>, <c>market_data.orderbooks</c> and <c>positions</c> into latest-data cache writes:
/// recent trades, the latest price and the candles of every interval per symbol, the top-N depth, and each user's open orders, positions and
/// balances. Writes are overwrites of the latest state (or capped lists), so re-reading records after a crash
/// leaves the same final values. Symbols with new trades are handed to <see cref="TickerDue"/> for a ticker refresh.
/// </summary>
internal sealed class MarketCacheSink(IMarketCache cache, MarketCacheKeys keys, CacheOptions options, int depthLevels,
    IClusterClient client, TickerRefresher tickers, ILogger logger) : IReadSideSink
{
    private static readonly JsonSerializerOptions Json = MessageTypeRegistry.JsonOptions;
    private readonly MessageTypeRegistry _types = CreateTypes();
    private readonly Dictionary<string, DepthChain> _depth = new(StringComparer.Ordinal);
    private readonly HashSet<string> _depthChanged = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tickerDue = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(options.TtlSeconds);
    private readonly KlineCacheWriter _klines = new(cache, keys, options);
    private ICacheBatch _batch = cache.CreateBatch();

    public int PendingRows { get; private set; }

    public void Add(StreamEvent streamEvent)
    {
        var envelope = streamEvent.Envelope;
        if (!_types.TryResolve(envelope.Type, out _)) return;
        PendingRows++;
        switch (_types.Deserialize(envelope.Type, envelope.Payload))
        {
            case MatchResult result: OnMatchResult(result); break;
            case DepthUpdate update: OnDepth(update); break;
            case UserUpdate user: OnUser(user); break;
        }
    }

    /// <summary>Sends the buffered writes in one batch; throws <see cref="CacheUnavailableException"/> and keeps them when the cache is down.</summary>
    public async Task<int> WriteAsync(CancellationToken cancellationToken)
    {
        foreach (var symbol in _depthChanged)
            _batch.Set(keys.OrderBook(symbol), JsonSerializer.Serialize(_depth[symbol].ToDepth(symbol), Json), _ttl);
        _depthChanged.Clear();
        _klines.QueueWrites(_batch);
        var writes = _batch.Count;
        await _batch.ExecuteAsync().ConfigureAwait(false);
        foreach (var symbol in _tickerDue) tickers.MarkDue(symbol);
        _tickerDue.Clear();
        PendingRows = 0;
        return writes;
    }

    public bool IsUnavailable(Exception failure) => failure is CacheUnavailableException;

    /// <summary>Forgets buffered writes and depth copies (the partitions changed hands; they are rebuilt from the log).</summary>
    public void Reset()
    {
        _batch = cache.CreateBatch();
        _depth.Clear();
        _depthChanged.Clear();
        _klines.Reset();
        _tickerDue.Clear();
        PendingRows = 0;
    }

    private void OnMatchResult(MatchResult result)
    {
        BookEvent? last = null;
        foreach (var e in result.Events)
        {
            if (e.Kind != MatchEventKind.Trade) continue;
            var trade = new PublicTrade(result.Symbol, e.TradeSequence, e.Price, e.Quantity, e.Notional, e.Side, e.Timestamp);
            _batch.Push(keys.Trades(result.Symbol), JsonSerializer.Serialize(trade, Json), options.RecentTrades, _ttl);
            _klines.Add(result.Symbol, e);
            last = e;
        }
        if (last is null) return;
        _batch.Set(keys.Price(result.Symbol), JsonSerializer.Serialize(new LatestPrice(result.Symbol, last.Price, last.Timestamp), Json), _ttl);
        _tickerDue.Add(result.Symbol);
    }

    private void OnDepth(DepthUpdate update)
    {
        var rebased = false;
        if (!_depth.TryGetValue(update.Symbol, out var chain))
        {
            _depth[update.Symbol] = chain = new DepthChain();
            chain.Reset(CachedOrFetched(update));
            rebased = true; // a snapshot asked from the book may already be past this update: it is itself the news
        }
        var outcome = chain.Apply(update);
        if (outcome == DepthChainOutcome.Gap)
        {
            logger.LogInformation("Depth cache of {Symbol}: update {Previous}->{Sequence} does not follow {Last}; taking a snapshot from the book",
                update.Symbol, update.PreviousSequence, update.Sequence, chain.Sequence);
            chain.Reset(Fetch(update.Symbol));
            rebased = true;
            chain.Apply(update);
        }
        if (outcome != DepthChainOutcome.Applied && !rebased) return;
        _depthChanged.Add(update.Symbol);
        _tickerDue.Add(update.Symbol); // best bid and ask moved
    }

    private void OnUser(UserUpdate update)
    {
        var orders = keys.OpenOrders(update.UserId);
        foreach (var order in update.Orders)
        {
            var id = order.OrderId.ToString(CultureInfo.InvariantCulture);
            if (order.Status.IsFinal()) _batch.HashDelete(orders, id);
            else _batch.HashSet(orders, id, JsonSerializer.Serialize(order, Json), null);
        }
        if (update.Position is { } position)
            _batch.HashSet(keys.Positions(update.UserId), position.Symbol, JsonSerializer.Serialize(position, Json), null);
        _batch.Set(keys.Balances(update.UserId), JsonSerializer.Serialize(update.Balances, Json), null);
    }

    /// <summary>
    /// The base for a symbol's first update: what the cache already holds (written by this writer before a restart),
    /// an empty book when the update is the book's first (the log is read from its start), else a snapshot from the
    /// book (which waits behind the book's queued commands, so it is the last resort).
    /// </summary>
    private BookDepth CachedOrFetched(DepthUpdate update)
    {
        var cached = cache.GetJsonAsync<BookDepth>(keys.OrderBook(update.Symbol)).GetAwaiter().GetResult();
        if (cached is not null) return cached;
        return update.PreviousSequence == 0 ? new BookDepth(update.Symbol, 0, 0, [], []) : Fetch(update.Symbol);
    }

    private BookDepth Fetch(string symbol) =>
        client.AskAsync<IOrderBookGrain, BookDepth>(symbol, new GetBookDepth(depthLevels)).GetAwaiter().GetResult();

    private static MessageTypeRegistry CreateTypes()
    {
        var types = new MessageTypeRegistry();
        ExchangeGrainTypes.StreamMessages(types);
        return types;
    }
}
