using System.Text.Json;
using StackExchange.Redis;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Grains.MarketData;
using Trading.Grains.Matching;
using Trading.Runtime.Messaging;
using Trading.Runtime.Storage.Cache;
using Trading.Silo.ReadSide.Cache;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.ReadSide.Cache;

/// <summary>
/// The cache writer's candles on the real Redis across a restart: the writer re-reads the log from its last commit
/// (trades it had already written, and a batch that was only partly written when it died) and the keys still hold
/// exactly the candles of every trade once.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KlineCacheWriterTests : IAsyncLifetime
{
    private readonly MarketCacheKeys _keys = new("", TestServers.UniqueName("klines"));
    private readonly CacheOptions _options = new() { RecentKlines = 60 };
    private ConnectionMultiplexer _redis = null!;
    private RedisMarketCache _cache = null!;

    public async Task InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis.Configuration);
        _cache = new RedisMarketCache(_redis, TestServers.Redis);
    }

    public Task DisposeAsync()
    {
        _redis.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_restarted_writer_continues_the_cached_candles_without_counting_re_read_trades_again()
    {
        var trades = Trades(120); // ~ 20 minutes: several 1m and 5m candles, one 15m roll
        var first = new KlineCacheWriter(_cache, _keys, _options);
        await Fold(first, "BTCUSDT", trades[..70]);
        await WriteAsync(first, _cache.CreateBatch());                  // batch 1 written and committed up to trade 70
        await Fold(first, "BTCUSDT", trades[70..85]);
        await WriteAsync(first, new OnlyKeys(_cache.CreateBatch(), ":1m")); // batch 2: only the 1m key landed, then the writer died

        var restarted = new KlineCacheWriter(_cache, _keys, _options);
        await Fold(restarted, "BTCUSDT", trades[70..]);                // re-read from the last commit
        await WriteAsync(restarted, _cache.CreateBatch());

        foreach (var interval in KlineInterval.All)
        {
            var cached = await Cached(interval);
            Assert.Equal(120, cached.LastTradeSequence);
            Assert.Equal(Expected(trades, interval), cached.Klines);
            var ttl = await _redis.GetDatabase(TestServers.Redis.Database).KeyTimeToLiveAsync(_keys.Kline("BTCUSDT", interval.Name));
            Assert.True(ttl > TimeSpan.FromSeconds(3_500) && ttl <= RecentKlines.TimeToLive(_options, interval), $"{interval.Name} ttl {ttl}");
        }
    }

    [Fact]
    public async Task A_writer_with_nothing_cached_builds_the_candles_from_the_trades_it_reads()
    {
        var trades = Trades(50);
        var writer = new KlineCacheWriter(_cache, _keys, _options);
        await Fold(writer, "ETHUSDT", trades[..20]);
        await WriteAsync(writer, _cache.CreateBatch());
        await Fold(writer, "ETHUSDT", trades[20..]);
        await WriteAsync(writer, _cache.CreateBatch());
        foreach (var interval in KlineInterval.All)
            Assert.Equal(Expected(trades, interval), (await Cached(interval, "ETHUSDT")).Klines);
    }

    /// <summary>Adds the trades on a thread of its own, as the writer's consumer does (it blocks on its first cache read).</summary>
    private static Task Fold(KlineCacheWriter writer, string symbol, BookEvent[] trades) =>
        Task.Run(() => { foreach (var t in trades) writer.Add(symbol, t); });

    private static async Task WriteAsync(KlineCacheWriter writer, ICacheBatch batch)
    {
        writer.QueueWrites(batch);
        await batch.ExecuteAsync();
    }

    private async Task<RecentKlines> Cached(KlineInterval interval, string symbol = "BTCUSDT")
    {
        var json = await _cache.GetAsync(_keys.Kline(symbol, interval.Name));
        Assert.NotNull(json);
        return JsonSerializer.Deserialize<RecentKlines>(json, MessageTypeRegistry.JsonOptions)!;
    }

    /// <summary>The candles of every trade, newest first, as many as the cache keeps.</summary>
    private List<Kline> Expected(IEnumerable<BookEvent> trades, KlineInterval interval)
    {
        var builder = new KlineBuilder(interval, retained: 1_000);
        foreach (var t in trades) builder.Add(t.Timestamp, t.Price, t.Quantity, t.Notional);
        return builder.Candles.Reverse().Take(_options.RecentKlines).ToList();
    }

    private static BookEvent[] Trades(int count)
    {
        var start = 1_800_000_000_000 - 1_800_000_000_000 % 86_400_000 + 3_600_000 * 5 + 61_000;
        var trades = new BookEvent[count];
        for (var i = 0; i < count; i++)
        {
            var price = 500_000 + (i * 7919 % 101) - 50;
            var qty = 1 + i % 5;
            trades[i] = new BookEvent
            {
                Kind = MatchEventKind.Trade, TradeSequence = i + 1, Timestamp = start + i * 9_700L, Price = price, Quantity = qty,
                Notional = price * qty * 100, Side = i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell,
            };
        }
        return trades;
    }

    /// <summary>A batch of which only the writes to keys containing <paramref name="fragment"/> reach the cache.</summary>
    private sealed class OnlyKeys(ICacheBatch inner, string fragment) : ICacheBatch
    {
        public int Count => inner.Count;
        public void Set(string key, string value, TimeSpan? ttl) { if (key.Contains(fragment, StringComparison.Ordinal)) inner.Set(key, value, ttl); }
        public void Push(string key, string value, int maxLength, TimeSpan? ttl) { if (key.Contains(fragment, StringComparison.Ordinal)) inner.Push(key, value, maxLength, ttl); }
        public void HashSet(string key, string field, string value, TimeSpan? ttl) { if (key.Contains(fragment, StringComparison.Ordinal)) inner.HashSet(key, field, value, ttl); }
        public void HashDelete(string key, string field) { if (key.Contains(fragment, StringComparison.Ordinal)) inner.HashDelete(key, field); }
        public Task ExecuteAsync() => inner.ExecuteAsync();
    }
}
