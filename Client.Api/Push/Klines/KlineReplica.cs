using Trading.Client.Api.Push.Connections;
using Trading.Client.Api.Push.Fanout;
using Trading.Client.Api.Push.Protocol;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Interfaces.ReadSide;
using Trading.Grains.MarketData;
using Trading.Grains.Symbols;

namespace Trading.Client.Api.Push.Klines;

/// <summary>
/// The kline channel of one symbol. While anyone subscribes (to any interval) it keeps the candles of every interval:
/// a base from the latest-data cache (<see cref="RecentKlines"/>, with the last trade each holds), then every trade of
/// the push feed after it. The feed reads from the topics' ends and the cache writer trails it by its lag, so trades
/// that arrive while the base is read are held and replayed on it; a symbol's trade sequence is consecutive, so a base
/// that is behind the held trades is a gap and is read again a moment later (the writer catches up). A subscriber gets
/// the current candle of its interval, then an update after each book command that traded in it, and the final
/// candle (<c>closed</c>) when a trade opens the next one. Frames are serialized once per interval and shared.
/// </summary>
public sealed class KlineReplica(string symbol, SymbolSpec spec, Func<KlineInterval, Task<RecentKlines?>> fetchCached,
    PushOptions options, PushStatistics statistics, TimeProvider clock, ILogger logger)
{
    /// <summary>Reads of the cache before a base that does not reach the held trades is taken anyway (the writer is down or far behind).</summary>
    private const int MaxSyncAttempts = 4;
    /// <summary>Candles kept per interval: the current one and the one before (a slightly late trade updates it).</summary>
    private const int Kept = 2;

    private static readonly IReadOnlyList<KlineInterval> Intervals = KlineInterval.All;

    private readonly Lock _gate = new();
    private readonly KlineSeries[] _series = NewSeries();
    private readonly SubscriberSet[] _subscribers = NewSets();
    private readonly byte[]?[] _snapshotFrames = new byte[Intervals.Count][];
    private readonly bool[] _dirty = new bool[Intervals.Count];
    private readonly List<BookEvent> _held = new();
    private SymbolSpec _spec = spec;
    private long _lastSequence; // last trade folded in; 0: none known
    private int _subscriberCount;
    private bool _synced;
    private bool _fetching;
    private bool _heldOverflow;
    private int _generation; // bumped when the last subscriber leaves: a fetch of an older generation is dropped

    public string Symbol => symbol;

    /// <summary>True while anyone subscribes: the feed hands every trade of the symbol over.</summary>
    public bool Active => Volatile.Read(ref _subscriberCount) > 0;

    public int SubscriberCount(KlineInterval interval) => _subscribers[IndexOf(interval)].Count;

    /// <summary>Adds a subscriber of <paramref name="interval"/>: it gets the current candle now if the copy is in sync, else when it is.</summary>
    public void Subscribe(PushConnection connection, KlineInterval interval, SymbolSpec current)
    {
        var index = IndexOf(interval);
        lock (_gate)
        {
            _spec = current;
            if (!_subscribers[index].Add(connection))
            {
                if (_synced) connection.Send(SnapshotFrame(index));
                return;
            }
            _subscriberCount++;
            if (_synced) connection.Send(SnapshotFrame(index));
            else if (!_fetching) StartFetch();
        }
    }

    /// <summary>Removes a subscriber; false when it did not hold the subscription.</summary>
    public bool Unsubscribe(PushConnection connection, KlineInterval interval)
    {
        lock (_gate)
        {
            if (!_subscribers[IndexOf(interval)].Remove(connection)) return false;
            if (--_subscriberCount > 0) return true;
            // Nobody watches: stop keeping the candles; the next subscriber starts from the cache again.
            _generation++;
            _synced = false;
            _fetching = false;
            _held.Clear();
            _lastSequence = 0;
            for (var i = 0; i < _series.Length; i++)
            {
                _series[i] = new KlineSeries(Intervals[i], Kept);
                _snapshotFrames[i] = null;
            }
            return true;
        }
    }

    /// <summary>Called by the feed, in log order, for every book command of this symbol while <see cref="Active"/>.</summary>
    public void OnMatchResult(MatchResult result)
    {
        var events = result.Events;
        lock (_gate)
        {
            for (var e = 0; e < events.Count; e++)
            {
                var trade = events[e];
                if (trade.Kind != Grains.Matching.MatchEventKind.Trade) continue;
                if (!_synced)
                {
                    Hold(trade);
                    continue;
                }
                if (trade.TradeSequence <= _lastSequence) continue;
                if (trade.TradeSequence != _lastSequence + 1 && (_lastSequence > 0 || trade.TradeSequence != 1))
                {
                    // A trade we cannot place: the feed skipped some, or the base knew none and this is not the book's first.
                    if (_lastSequence > 0)
                        logger.LogWarning("Klines of {Symbol}: trade {Sequence} does not follow {Last}; reading the cached candles again",
                            symbol, trade.TradeSequence, _lastSequence);
                    BroadcastDirty();
                    _synced = false;
                    StartFetch();
                    Hold(trade);
                    continue;
                }
                Fold(trade, live: true);
            }
            if (_synced) BroadcastDirty();
        }
    }

    private void Hold(BookEvent trade)
    {
        if (!_fetching) return;
        if (_held.Count >= options.DepthBufferLimit)
        {
            _held.Clear();
            _heldOverflow = true;
        }
        else _held.Add(trade);
    }

    /// <summary>Folds one trade into every interval; live: queue the frames its subscribers get.</summary>
    private void Fold(BookEvent trade, bool live)
    {
        _lastSequence = trade.TradeSequence;
        for (var i = 0; i < _series.Length; i++)
        {
            var series = _series[i];
            var outcome = series.Add(trade.TradeSequence, trade.Timestamp, trade.Price, trade.Quantity, trade.Notional, out var candle);
            if (outcome is not (KlineOutcome.Updated or KlineOutcome.Rolled)) continue;
            _snapshotFrames[i] = null;
            if (!live || _subscribers[i].Count == 0) continue;
            if (outcome == KlineOutcome.Rolled)
            {
                // The candle before just closed: its final state goes out now (it includes any earlier trade of this command).
                _subscribers[i].Broadcast(Frame(i, series.Candles[^2], closed: true));
                _dirty[i] = true;
            }
            else if (candle!.OpenTime < series.Current!.OpenTime)
                _subscribers[i].Broadcast(Frame(i, candle, closed: true)); // a late trade corrects a closed candle
            else _dirty[i] = true;
        }
    }

    private void BroadcastDirty()
    {
        for (var i = 0; i < _dirty.Length; i++)
        {
            if (!_dirty[i]) continue;
            _dirty[i] = false;
            if (_series[i].Current is { } current && _subscribers[i].Count > 0) _subscribers[i].Broadcast(Frame(i, current, closed: false));
        }
    }

    private byte[] Frame(int index, Kline candle, bool closed)
    {
        statistics.KlineFrame();
        return PushFrames.Kline(_spec, Intervals[index], snapshot: false, candle, closed, _series[index].LastTradeSequence, Now());
    }

    private byte[] SnapshotFrame(int index)
    {
        if (_snapshotFrames[index] is { } cached) return cached;
        var series = _series[index];
        var current = series.Current;
        var now = Now();
        var closed = current is not null && now >= current.OpenTime + series.Interval.Milliseconds;
        var frame = PushFrames.Kline(_spec, series.Interval, snapshot: true, current, closed, series.LastTradeSequence, now);
        if (!closed) _snapshotFrames[index] = frame; // a closed flag depends on the clock: not cached
        return frame;
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private void StartFetch()
    {
        _fetching = true;
        _heldOverflow = false;
        var generation = _generation;
        _ = Task.Run(() => FetchAsync(generation));
    }

    private async Task FetchAsync(int generation)
    {
        for (var attempt = 1; ; attempt++)
        {
            var cached = new RecentKlines?[Intervals.Count];
            var failed = false;
            try
            {
                statistics.KlineBaseFetched();
                for (var i = 0; i < cached.Length; i++) cached[i] = await fetchCached(Intervals[i]).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failed = true;
                logger.LogWarning(e, "Cached candles of {Symbol} not read (attempt {Attempt})", symbol, attempt);
            }
            lock (_gate)
            {
                if (generation != _generation || _subscriberCount == 0) return;
                if (!failed && TrySync(cached, lenient: attempt >= MaxSyncAttempts))
                {
                    _fetching = false;
                    _synced = true;
                    for (var i = 0; i < _subscribers.Length; i++)
                        if (_subscribers[i].Count > 0) _subscribers[i].Broadcast(SnapshotFrame(i));
                    return;
                }
                if (_heldOverflow)
                {
                    _heldOverflow = false;
                    attempt = 0; // the held trades were dropped: start over
                }
            }
            await Task.Delay(options.SnapshotRetryMs).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes the cached candles as the base and replays the held trades on it. False when the held trades do not
    /// continue the base (the cache is behind the feed, or knows nothing and the first held trade is not the book's
    /// first), unless <paramref name="lenient"/>: then the candles start from what is there.
    /// </summary>
    private bool TrySync(RecentKlines?[] cached, bool lenient)
    {
        long baseSequence = 0;
        for (var i = 0; i < cached.Length; i++)
            if (cached[i] is { } c) baseSequence = Math.Max(baseSequence, c.LastTradeSequence);
        var first = _held.Count > 0 ? _held[0].TradeSequence : 0;
        var chains = !_heldOverflow && (_held.Count == 0 || first <= baseSequence + 1);
        if (!chains && !lenient) return false;
        if (!chains)
            logger.LogWarning("Klines of {Symbol}: the cache holds trades up to {Base}, the feed from {First}; starting from the trades seen",
                symbol, baseSequence, first);
        for (var i = 0; i < _series.Length; i++)
        {
            // An interval the cache does not hold (expired: no trade for longer than its TTL) has no open candle.
            _series[i] = new KlineSeries(Intervals[i], Kept);
            if (cached[i] is { } c) _series[i].Restore(c.LastTradeSequence, c.Klines);
            _snapshotFrames[i] = null;
            _dirty[i] = false;
        }
        _lastSequence = baseSequence;
        for (var i = 0; i < _held.Count; i++)
            if (_held[i].TradeSequence > _lastSequence) Fold(_held[i], live: false);
        _held.Clear();
        _heldOverflow = false;
        return true;
    }

    private static int IndexOf(KlineInterval interval)
    {
        for (var i = 0; i < Intervals.Count; i++)
            if (ReferenceEquals(Intervals[i], interval) || Intervals[i] == interval) return i;
        throw new ArgumentOutOfRangeException(nameof(interval), interval, "unknown interval");
    }

    private static KlineSeries[] NewSeries()
    {
        var series = new KlineSeries[Intervals.Count];
        for (var i = 0; i < series.Length; i++) series[i] = new KlineSeries(Intervals[i], Kept);
        return series;
    }

    private static SubscriberSet[] NewSets()
    {
        var sets = new SubscriberSet[Intervals.Count];
        for (var i = 0; i < sets.Length; i++) sets[i] = new SubscriberSet();
        return sets;
    }
}
