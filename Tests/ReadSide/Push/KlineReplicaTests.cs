using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Client.Api.Push;
using Trading.Client.Api.Push.Connections;
using Trading.Client.Api.Push.Klines;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Grains.MarketData;
using Trading.Grains.Matching;
using Trading.Tests.Margin;

namespace Trading.Tests.ReadSide.Push;

/// <summary>The kline channel: a base from the cached candles, held trades replayed on it, updates and closed candles after.</summary>
public sealed class KlineReplicaTests
{
    private const long Minute = 4_102_444_800_000; // 2100-01-01: a boundary of every interval, and in the future (open candles)
    private readonly PushStatistics _statistics = new();
    private readonly Queue<TaskCompletionSource> _fetches = new();
    private readonly Dictionary<string, RecentKlines> _cache = new(StringComparer.Ordinal);
    private readonly KlineReplica _replica;

    public KlineReplicaTests()
    {
        _replica = new KlineReplica("BTCUSDT", TestSpecs.Btc, async interval =>
        {
            if (interval == KlineInterval.OneMinute)
            {
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (_fetches) _fetches.Enqueue(gate);
                await gate.Task;
            }
            lock (_cache) return _cache.GetValueOrDefault(interval.Name);
        }, new PushOptions { SnapshotRetryMs = 10 }, _statistics, TimeProvider.System, NullLogger.Instance);
    }

    [Fact]
    public async Task Trades_held_while_the_cache_is_read_are_replayed_on_it_then_each_command_updates_and_a_roll_closes_the_candle()
    {
        var trades = Enumerable.Range(1, 8).Select(i => Trade(i, Minute + i * 5_000, 500_000 + i * 10, i)).ToList();
        trades.Add(Trade(9, Minute + 60_000, 499_000, 2)); // opens the next minute
        Cache(trades[..4]); // the cache writer had folded trades 1-4
        var (connection, socket, writer) = Subscriber();
        _replica.Subscribe(connection, KlineInterval.OneMinute, TestSpecs.Btc);
        var fetch = await NextFetchAsync();
        _replica.OnMatchResult(Result(trades[2], trades[3], trades[4])); // the feed is ahead: 3 and 4 are cached already
        fetch.SetResult();
        await Polling.Until(() => socket.Sent.Count == 1);
        _replica.OnMatchResult(Result(trades[5], trades[6]));
        _replica.OnMatchResult(Result(trades[7], trades[8]));
        await Polling.Until(() => socket.Sent.Count == 4);

        var frames = Subscribers.Close(connection, socket, writer);
        Assert.Equal(["snapshot", "update", "update", "update"], frames.Select(f => f.GetProperty("type").GetString()!));
        AssertCandle(Expected(trades[..5]), frames[0], closed: false);
        AssertCandle(Expected(trades[..7]), frames[1], closed: false);
        AssertCandle(Expected(trades[..8]), frames[2], closed: true); // the final minute, then the new one
        AssertCandle(Expected(trades), frames[3], closed: false);
        Assert.Equal(9, frames[3].GetProperty("kline").GetProperty("lastTradeId").GetInt64());
        Assert.Equal(1, _statistics.KlineBasesFetched);
    }

    [Fact]
    public async Task A_cache_behind_the_held_trades_is_read_again_and_a_fresh_symbol_starts_at_its_first_trade()
    {
        var trades = Enumerable.Range(1, 6).Select(i => Trade(i, Minute + i * 1_000, 400_000 + i, 1)).ToList();
        Cache(trades[..2]);
        var (connection, socket, writer) = Subscriber();
        _replica.Subscribe(connection, KlineInterval.OneMinute, TestSpecs.Btc);
        var fetch = await NextFetchAsync();
        _replica.OnMatchResult(Result(trades[3])); // trade 3 is neither cached nor seen: the base is behind
        fetch.SetResult();
        var again = await NextFetchAsync();
        Assert.Empty(socket.Sent);
        Cache(trades[..3]); // the writer caught up
        again.SetResult();
        await Polling.Until(() => socket.Sent.Count == 1);
        var frames = Subscribers.Close(connection, socket, writer);
        AssertCandle(Expected(trades[..4]), frames[0], closed: false);

        // A symbol nobody traded yet: no candle, then its first trade.
        var fresh = new KlineReplica("ETHUSDT", TestSpecs.Btc, _ => Task.FromResult<RecentKlines?>(null), new PushOptions { SnapshotRetryMs = 10 },
            _statistics, TimeProvider.System, NullLogger.Instance);
        var (c2, s2, w2) = Subscriber();
        fresh.Subscribe(c2, KlineInterval.FiveMinutes, TestSpecs.Btc);
        await Polling.Until(() => s2.Sent.Count == 1);
        fresh.OnMatchResult(Result(trades[0]));
        await Polling.Until(() => s2.Sent.Count == 2);
        var ethFrames = Subscribers.Close(c2, s2, w2);
        Assert.Equal(JsonValueKind.Null, ethFrames[0].GetProperty("kline").ValueKind);
        Assert.Equal("5m", ethFrames[1].GetProperty("interval").GetString());
        AssertCandle(Expected(trades[..1], KlineInterval.FiveMinutes), ethFrames[1], closed: false);
    }

    private void Cache(IReadOnlyList<BookEvent> folded)
    {
        lock (_cache)
            foreach (var interval in KlineInterval.All)
            {
                var series = new KlineSeries(interval, 60);
                foreach (var t in folded) series.Add(t.TradeSequence, t.Timestamp, t.Price, t.Quantity, t.Notional, out _);
                _cache[interval.Name] = RecentKlines.Of("BTCUSDT", series);
            }
    }

    private static Kline Expected(IEnumerable<BookEvent> trades, KlineInterval? interval = null)
    {
        var builder = new KlineBuilder(interval ?? KlineInterval.OneMinute);
        foreach (var t in trades) builder.Add(t.Timestamp, t.Price, t.Quantity, t.Notional);
        return builder.Current!;
    }

    private static void AssertCandle(Kline expected, JsonElement frame, bool closed)
    {
        Assert.Equal("kline", frame.GetProperty("channel").GetString());
        var k = frame.GetProperty("kline");
        var spec = TestSpecs.Btc;
        Assert.Equal(expected.OpenTime, k.GetProperty("openTime").GetInt64());
        Assert.Equal(spec.TicksToPrice(expected.Open), Dec(k, "open"));
        Assert.Equal(spec.TicksToPrice(expected.High), Dec(k, "high"));
        Assert.Equal(spec.TicksToPrice(expected.Low), Dec(k, "low"));
        Assert.Equal(spec.TicksToPrice(expected.Close), Dec(k, "close"));
        Assert.Equal(spec.LotsToQuantity(expected.Volume), Dec(k, "volume"));
        Assert.Equal(Grains.Symbols.Money.ToDecimal(expected.QuoteVolume), Dec(k, "quoteVolume"));
        Assert.Equal(expected.Trades, k.GetProperty("trades").GetInt64());
        Assert.Equal(closed, k.GetProperty("closed").GetBoolean());
    }

    private static decimal Dec(JsonElement e, string name) => decimal.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static BookEvent Trade(long sequence, long time, long price, long qty) => new()
    {
        Kind = MatchEventKind.Trade, TradeSequence = sequence, Timestamp = time, Price = price, Quantity = qty, Notional = price * qty * 1_000,
        Side = OrderSide.Buy,
    };

    private static MatchResult Result(params BookEvent[] trades) => new("BTCUSDT", trades);

    private (PushConnection, FakeWebSocket, Task) Subscriber() => Subscribers.Start(_statistics);


    private Task<TaskCompletionSource> NextFetchAsync() => Polling.NextAsync(_fetches, "read of the cached candles");

}
