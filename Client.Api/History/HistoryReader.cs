using Microsoft.Extensions.Options;
using Trading.Grains.MarketData;
using Trading.Grains.Matching;
using Trading.Runtime.Configuration;
using Trading.Runtime.Storage.ClickHouse;

namespace Trading.Client.Api.History;

/// <summary>
/// Reads the ClickHouse history: candles of any interval (aggregated from the one-minute table), a user's trades,
/// and the latest trade price of a symbol (a fallback for caches). Reads use FINAL, so rows written twice count once.
/// </summary>
public sealed class HistoryReader(ClickHouseClient clickHouse, IOptions<HistoryOptions> options)
{
    /// <summary>
    /// Candles whose open time lies in [<paramref name="fromMs"/>, <paramref name="toMs"/>], oldest first, at most
    /// <paramref name="limit"/>; without <paramref name="fromMs"/> the newest ones up to <paramref name="toMs"/>.
    /// </summary>
    public async Task<IReadOnlyList<Kline>> KlinesAsync(string symbol, KlineInterval interval, long? fromMs, long toMs, int limit,
        CancellationToken cancellationToken)
    {
        var ms = interval.Milliseconds;
        var start = fromMs is { } f ? (interval.OpenTimeOf(f) == f ? f : interval.OpenTimeOf(f) + ms) : long.MinValue;
        var endExclusive = interval.OpenTimeOf(toMs) + ms;
        var newestFirst = fromMs is null;
        var rows = await clickHouse.QueryAsync(
            $"SELECT intDiv(open_ms, {ms}) * {ms} AS candle, argMin(open, first_trade_id), max(high), min(low), argMax(close, last_trade_id), " +
            "sum(volume), sum(quote_volume), sum(trades) " +
            $"FROM {clickHouse.Table(options.Value.KlinesTable)} FINAL WHERE symbol = {ClickHouseSql.String(symbol)} " +
            $"AND open_ms >= {ClickHouseSql.Int(start)} AND open_ms < {ClickHouseSql.Int(endExclusive)} " +
            $"GROUP BY candle ORDER BY candle {(newestFirst ? "DESC" : "ASC")} LIMIT {limit}", cancellationToken).ConfigureAwait(false);
        var klines = rows.Select(r => new Kline(interval.Name, L(r[0]), L(r[1]), L(r[2]), L(r[3]), L(r[4]), L(r[5]), L(r[6]), L(r[7]))).ToList();
        if (newestFirst) klines.Reverse();
        return klines;
    }

    /// <summary>
    /// Trades of <paramref name="userId"/> (taker or maker) in a symbol with time in [from, to] and id at least
    /// <paramref name="fromId"/>, in id order; without fromId and from, the newest <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<HistoricalTrade>> UserTradesAsync(long userId, string symbol, long? fromMs, long toMs, long? fromId,
        int limit, CancellationToken cancellationToken)
    {
        var newestFirst = fromId is null && fromMs is null;
        var rows = await clickHouse.QueryAsync(
            "SELECT symbol, trade_id, time_ms, price, qty, notional, taker_side, taker_order_id, taker_user_id, maker_order_id, maker_user_id, " +
            $"taker_fee, maker_fee, liquidation FROM {clickHouse.Table(options.Value.TradesTable)} FINAL " +
            $"WHERE symbol = {ClickHouseSql.String(symbol)} AND (taker_user_id = {ClickHouseSql.Int(userId)} OR maker_user_id = {ClickHouseSql.Int(userId)}) " +
            $"AND time_ms >= {ClickHouseSql.Int(fromMs ?? 0)} AND time_ms <= {ClickHouseSql.Int(toMs)} AND trade_id >= {ClickHouseSql.Int(fromId ?? 0)} " +
            $"ORDER BY trade_id {(newestFirst ? "DESC" : "ASC")} LIMIT {limit}", cancellationToken).ConfigureAwait(false);
        var trades = rows.Select(r => new HistoricalTrade(r[0], L(r[1]), L(r[2]), L(r[3]), L(r[4]), L(r[5]),
            r[6] == "BUY" ? OrderSide.Buy : OrderSide.Sell, L(r[7]), L(r[8]), L(r[9]), L(r[10]), L(r[11]), L(r[12]), r[13] == "1")).ToList();
        if (newestFirst) trades.Reverse();
        return trades;
    }

    /// <summary>The symbol's trade with the highest id, or null when the history holds none.</summary>
    public async Task<LatestTrade?> LatestTradePriceAsync(string symbol, CancellationToken cancellationToken)
    {
        var rows = await clickHouse.QueryAsync(
            $"SELECT price, time_ms, trade_id FROM {clickHouse.Table(options.Value.TradesTable)} WHERE symbol = {ClickHouseSql.String(symbol)} " +
            "ORDER BY trade_id DESC LIMIT 1", cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : new LatestTrade(symbol, L(rows[0][0]), L(rows[0][1]), L(rows[0][2]));
    }

    private static long L(string field) => ClickHouseClient.Long(field);
}
