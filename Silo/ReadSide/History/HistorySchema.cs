using Trading.Runtime.Configuration;
using Trading.Runtime.Storage.ClickHouse;

namespace Trading.Silo.ReadSide.History;

/// <summary>
/// The history tables. All are ReplacingMergeTree, partitioned by month and sorted by (symbol, time, natural key),
/// so a row written twice (a replay after a crash) collapses into one; reads use FINAL. Prices are ticks,
/// quantities lots and money 1e-8 units of the quote asset, all Int64 (the gateway turns them into decimals).
/// </summary>
public static class HistorySchema
{
    private static ClickHouseColumn Col(string name, string type) => new(name, type);
    private static ClickHouseColumn Long(string name) => new(name, "Int64");
    private static ClickHouseColumn Text(string name) => new(name, "String");

    public static IReadOnlyList<ClickHouseTable> Tables(HistoryOptions o) => [Trades(o), Orders(o), PositionChanges(o), Klines(o)];

    /// <summary>Every trade once; natural key (symbol, trade_id), trade_id being the book's trade sequence.</summary>
    public static ClickHouseTable Trades(HistoryOptions o) => new(o.TradesTable,
    [
        Text("symbol"), Col("time", "DateTime"), Long("time_ms"), Long("trade_id"), Long("price"), Long("qty"), Long("notional"),
        Text("taker_side"), Long("taker_order_id"), Long("taker_user_id"), Long("maker_order_id"), Long("maker_user_id"),
        Long("taker_fee"), Long("maker_fee"), Col("liquidation", "UInt8"),
    ], "ReplacingMergeTree() PARTITION BY toYYYYMM(time) ORDER BY (symbol, time, trade_id)");

    /// <summary>
    /// Orders in their final state (filled, canceled, expired, rejected); natural key (symbol, order_id). The time is
    /// the order's creation time, which never changes, and the latest update wins (version update_time_ms).
    /// </summary>
    public static ClickHouseTable Orders(HistoryOptions o) => new(o.OrdersTable,
    [
        Text("symbol"), Col("time", "DateTime"), Long("time_ms"), Long("order_id"), Long("user_id"), Text("client_order_id"),
        Text("side"), Text("type"), Text("time_in_force"), Long("price"), Long("stop_price"), Long("quantity"),
        Long("filled_quantity"), Long("filled_notional"), Long("fees"), Text("status"), Text("reason"),
        Col("reduce_only", "UInt8"), Col("liquidation", "UInt8"), Col("update_time_ms", "UInt64"),
    ], "ReplacingMergeTree(update_time_ms) PARTITION BY toYYYYMM(time) ORDER BY (symbol, time, order_id)");

    /// <summary>A user's position after each change; natural key (user_id, event_seq), the deterministic sequence of the update.</summary>
    public static ClickHouseTable PositionChanges(HistoryOptions o) => new(o.PositionChangesTable,
    [
        Text("symbol"), Col("time", "DateTime"), Long("time_ms"), Long("user_id"), Long("event_seq"), Text("side"), Text("margin_mode"),
        Col("leverage", "Int32"), Long("quantity"), Long("entry_notional"), Long("average_price"), Long("mark_price"),
        Long("unrealized_pnl"), Long("realized_pnl"), Long("margin"), Text("status"),
    ], "ReplacingMergeTree() PARTITION BY toYYYYMM(time) ORDER BY (symbol, time, user_id, event_seq)");

    /// <summary>
    /// One-minute candles, recomputed from the trades table for every minute a batch touched; the version is the
    /// trade count, so the fullest recomputation wins. Longer intervals are aggregated from these at query time.
    /// </summary>
    public static ClickHouseTable Klines(HistoryOptions o) => new(o.KlinesTable,
    [
        Text("symbol"), Col("open_time", "DateTime"), Long("open_ms"), Long("open"), Long("high"), Long("low"), Long("close"),
        Long("volume"), Long("quote_volume"), Col("trades", "UInt64"), Long("first_trade_id"), Long("last_trade_id"),
    ], "ReplacingMergeTree(trades) PARTITION BY toYYYYMM(open_time) ORDER BY (symbol, open_time)");
}
