using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
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
public sealed class TradeHistorySink(ClickHouseClient clickHouse, HistoryOptions options, MessageTypeRegistry messages) : IReadSideSink, IDisposable
{
    private readonly List<TradeRow> _trades = [];
    private readonly MatchResultTradeReader _reader = new();
    private readonly Dictionary<string, long> _writtenUpTo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _upTo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long FromMs, long ToMs)> _klinesDue = new(StringComparer.Ordinal);
    private readonly List<string> _unknown = [];
    private readonly RowBinaryRows _rows = new(HistorySchema.Trades(options));
    private bool _unsure = true;

    public int PendingRows => _trades.Count;

    public void Add(StreamEvent streamEvent)
    {
        if (!messages.TryResolve(streamEvent.Envelope.Type, out var type) || type != typeof(MatchResult)) return;
        var first = _trades.Count;
        _reader.Read(streamEvent.Envelope.Payload, _trades);
        // Candles are recomputed even for trades skipped as written: the writer before a crash may have stored the trades only.
        for (var i = first; i < _trades.Count; i++) KlineDue(_trades[i].Symbol, _trades[i].Timestamp);
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

    public void Dispose() => _rows.Dispose();

    private void KlineDue(string symbol, long timestamp)
    {
        var minute = KlineInterval.OneMinute.OpenTimeOf(timestamp);
        _klinesDue[symbol] = _klinesDue.TryGetValue(symbol, out var due)
            ? (Math.Min(due.FromMs, minute), Math.Max(due.ToMs, minute))
            : (minute, minute);
    }

    private async Task<int> WriteTradesAsync(CancellationToken cancellationToken)
    {
        await LearnWrittenAsync(cancellationToken).ConfigureAwait(false);
        _upTo.Clear();
        foreach (var (symbol, id) in _writtenUpTo) _upTo[symbol] = id;
        _rows.Clear();
        foreach (ref readonly var trade in CollectionsMarshal.AsSpan(_trades))
        {
            ref var upTo = ref CollectionsMarshal.GetValueRefOrNullRef(_upTo, trade.Symbol);
            if (Unsafe.IsNullRef(ref upTo)) throw new InvalidOperationException($"No written trade id known for {trade.Symbol}.");
            if (trade.TradeSequence <= upTo) continue;
            upTo = trade.TradeSequence;
            WriteRow(trade);
        }
        if (_rows.Count > 0) await clickHouse.InsertAsync(_rows, cancellationToken).ConfigureAwait(false);
        foreach (var (symbol, id) in _upTo) _writtenUpTo[symbol] = id;
        _trades.Clear();
        return _rows.Count;
    }

    /// <summary>Asks the table for the highest trade id of each symbol in the batch it does not know (all of them after a failure).</summary>
    private async Task LearnWrittenAsync(CancellationToken cancellationToken)
    {
        _unknown.Clear();
        foreach (var symbol in _klinesDue.Keys) // every symbol of the buffered trades is due for candles
            if (_unsure || !_writtenUpTo.ContainsKey(symbol)) _unknown.Add(symbol);
        if (_unknown.Count == 0) return;
        var symbols = new StringBuilder();
        foreach (var symbol in _unknown) symbols.Append(symbols.Length == 0 ? "" : ", ").Append(ClickHouseSql.String(symbol));
        var rows = await clickHouse.QueryAsync(
            $"SELECT symbol, max(trade_id) FROM {clickHouse.Table(options.TradesTable)} WHERE symbol IN ({symbols}) GROUP BY symbol",
            cancellationToken).ConfigureAwait(false);
        foreach (var s in _unknown) _writtenUpTo[s] = 0;
        foreach (var row in rows) _writtenUpTo[row[0]] = ClickHouseClient.Long(row[1]);
        _unsure = false;
    }

    private void WriteRow(in TradeRow t)
    {
        var r = _rows;
        r.String(t.Symbol);
        r.DateTime(t.Timestamp / 1000);
        r.Int64(t.Timestamp);
        r.Int64(t.TradeSequence);
        r.Int64(t.Price);
        r.Int64(t.Quantity);
        r.Int64(t.Notional);
        r.String(t.Side == OrderSide.Buy ? "BUY"u8 : "SELL"u8);
        r.Int64(t.OrderId);
        r.Int64(t.UserId);
        r.Int64(t.MakerOrderId);
        r.Int64(t.MakerUserId);
        r.Int64(t.TakerFee);
        r.Int64(t.MakerFee);
        r.Flag(t.Liquidation);
        r.EndRow();
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
