using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.MarketData;
using Trading.Grains.Matching;
using Trading.Runtime.Configuration;
using Trading.Runtime.Messaging;
using Trading.Runtime.Storage.ClickHouse;
using Trading.Runtime.Streams;

namespace Trading.Silo.ReadSide.History;

/// <summary>
/// Trades from <c>match-results</c> into the trades table, then the one-minute candles of every minute a batch
/// touched, recomputed in ClickHouse from the trades table. A symbol's trades arrive in trade-sequence order (one
/// book, one partition), so the sink remembers the highest trade id the table holds per symbol and skips what is
/// at or below it: a batch whose insert failed without an answer, or a replay after a crash, writes nothing twice.
/// After any failure, and after the partitions change hands, it asks the table again.
/// </summary>
public sealed class TradeHistorySink(ClickHouseClient clickHouse, HistoryOptions options, MessageTypeRegistry messages) : IReadSideSink
{
    private readonly List<(string Symbol, BookEvent Trade)> _trades = [];
    private readonly Dictionary<string, long> _writtenUpTo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long FromMs, long ToMs)> _klinesDue = new(StringComparer.Ordinal);
    private readonly JsonRows _rows = new();
    private bool _unsure = true;

    public int PendingRows => _trades.Count;

    public void Add(StreamEvent streamEvent)
    {
        if (!messages.TryResolve(streamEvent.Envelope.Type, out var type) || type != typeof(MatchResult)) return;
        var result = (MatchResult)messages.Deserialize(streamEvent.Envelope.Type, streamEvent.Envelope.Payload);
        foreach (var e in result.Events)
            if (e.Kind == MatchEventKind.Trade) _trades.Add((result.Symbol, e));
    }

    public async Task<int> WriteAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        try
        {
            if (_trades.Count > 0) written = await WriteTradesAsync(cancellationToken).ConfigureAwait(false);
            if (_klinesDue.Count > 0)
            {
                await clickHouse.ExecuteAsync(KlineRefresh(), cancellationToken).ConfigureAwait(false);
                _klinesDue.Clear();
            }
        }
        catch
        {
            _unsure = true;
            throw;
        }
        return written;
    }

    public void Reset()
    {
        _trades.Clear();
        _klinesDue.Clear();
        _writtenUpTo.Clear();
        _unsure = true;
    }

    private async Task<int> WriteTradesAsync(CancellationToken cancellationToken)
    {
        await LearnWrittenAsync(cancellationToken).ConfigureAwait(false);
        var upTo = new Dictionary<string, long>(_writtenUpTo, StringComparer.Ordinal);
        _rows.Clear();
        foreach (var (symbol, trade) in _trades)
        {
            // Candles are recomputed even for skipped trades: the writer before a crash may have stored the trades only.
            var minute = KlineInterval.OneMinute.OpenTimeOf(trade.Timestamp);
            _klinesDue[symbol] = _klinesDue.TryGetValue(symbol, out var due)
                ? (Math.Min(due.FromMs, minute), Math.Max(due.ToMs, minute))
                : (minute, minute);
            if (trade.TradeSequence <= upTo[symbol]) continue;
            upTo[symbol] = trade.TradeSequence;
            WriteRow(symbol, trade);
        }
        if (_rows.Count > 0)
            await clickHouse.InsertAsync(options.TradesTable, "JSONEachRow", _rows.Body, cancellationToken).ConfigureAwait(false);
        foreach (var (symbol, id) in upTo) _writtenUpTo[symbol] = id;
        _trades.Clear();
        return _rows.Count;
    }

    private async Task LearnWrittenAsync(CancellationToken cancellationToken)
    {
        var unknown = _trades.Select(t => t.Symbol).Distinct(StringComparer.Ordinal)
            .Where(s => _unsure || !_writtenUpTo.ContainsKey(s)).ToList();
        if (unknown.Count == 0) return;
        var rows = await clickHouse.QueryAsync(
            $"SELECT symbol, max(trade_id) FROM {clickHouse.Table(options.TradesTable)} WHERE symbol IN ({string.Join(", ", unknown.Select(ClickHouseSql.String))}) GROUP BY symbol",
            cancellationToken).ConfigureAwait(false);
        foreach (var s in unknown) _writtenUpTo[s] = 0;
        foreach (var row in rows) _writtenUpTo[row[0]] = ClickHouseClient.Long(row[1]);
        _unsure = false;
    }

    private void WriteRow(string symbol, BookEvent t)
    {
        var w = _rows.BeginRow();
        w.WriteString("symbol"u8, symbol);
        w.WriteNumber("time"u8, t.Timestamp / 1000);
        w.WriteNumber("time_ms"u8, t.Timestamp);
        w.WriteNumber("trade_id"u8, t.TradeSequence);
        w.WriteNumber("price"u8, t.Price);
        w.WriteNumber("qty"u8, t.Quantity);
        w.WriteNumber("notional"u8, t.Notional);
        w.WriteString("taker_side"u8, t.Side == OrderSide.Buy ? "BUY"u8 : "SELL"u8);
        w.WriteNumber("taker_order_id"u8, t.OrderId);
        w.WriteNumber("taker_user_id"u8, t.UserId);
        w.WriteNumber("maker_order_id"u8, t.MakerOrderId);
        w.WriteNumber("maker_user_id"u8, t.MakerUserId);
        w.WriteNumber("taker_fee"u8, t.TakerFee);
        w.WriteNumber("maker_fee"u8, t.MakerFee);
        w.WriteNumber("liquidation"u8, t.Liquidation ? 1 : 0);
        _rows.EndRow();
    }

    /// <summary>INSERT ... SELECT of the one-minute candles of the due minutes, from every trade of those minutes.</summary>
    private string KlineRefresh()
    {
        var ranges = _klinesDue.Select(d =>
            $"(symbol = {ClickHouseSql.String(d.Key)} AND time >= toDateTime({ClickHouseSql.Int(d.Value.FromMs / 1000)}) " +
            $"AND time < toDateTime({ClickHouseSql.Int(d.Value.ToMs / 1000 + 60)}))");
        return $"INSERT INTO {clickHouse.Table(options.KlinesTable)} (symbol, open_time, open_ms, open, high, low, close, volume, quote_volume, trades, first_trade_id, last_trade_id) " +
               "SELECT symbol, toDateTime(intDiv(minute_ms, 1000)), intDiv(time_ms, 60000) * 60000 AS minute_ms, argMin(price, trade_id), max(price), min(price), " +
               "argMax(price, trade_id), sum(qty), sum(notional), count(), min(trade_id), max(trade_id) " +
               $"FROM {clickHouse.Table(options.TradesTable)} FINAL WHERE {string.Join(" OR ", ranges)} GROUP BY symbol, minute_ms";
    }

    public bool IsUnavailable(Exception failure) => failure is ClickHouseException;
}
