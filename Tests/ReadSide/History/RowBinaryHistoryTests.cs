using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Trading.Benchmarks.History;
using Trading.Grains.Interfaces.Exchange;
using Trading.Grains.Margin;
using Trading.Grains.Matching;
using OrderView = Trading.Grains.Interfaces.Exchange.OrderView;
using Trading.Runtime.Configuration;
using Trading.Runtime.Messaging;
using Trading.Runtime.Storage.ClickHouse;
using Trading.Runtime.Streams;
using Trading.Silo.ReadSide.History;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.ReadSide.History;

/// <summary>
/// Rows written as RowBinary read back exactly from the real ClickHouse 18.16: the encoder's every column type and
/// awkward string, and the history sinks' trades, orders and position changes, each in a database of its own.
/// </summary>
[Trait("Category", "Integration")]
[Collection(HistoryWait.Collection)] // the outage test stops ClickHouse: no other history test runs meanwhile
public sealed class RowBinaryHistoryTests
{
    private static readonly string[] AwkwardStrings =
    [
        "", "plain", "tab\there", "line\nbreak\r\n", "back\\slash", "'single' \"double\"", "nul\0byte", "€ünïcødé 日本 🚀",
        new string('x', 200), new string('é', 10_000),
    ];

    [Fact]
    public async Task Every_column_type_and_awkward_string_reads_back_as_written()
    {
        await using var db = await Database.CreateAsync();
        var table = new ClickHouseTable("encoded",
        [
            new("id", "Int32"), new("s", "String"), new("time", "DateTime"), new("i64", "Int64"), new("u64", "UInt64"), new("flag", "UInt8"),
        ], "MergeTree() ORDER BY id");
        await db.Client.ExecuteAsync(table.CreateStatement(db.Client.Database), CancellationToken.None);

        using var rows = new RowBinaryRows(table, initialBytes: 64);
        var expected = new List<string[]>();
        for (var i = 0; i < AwkwardStrings.Length; i++)
        {
            var (i64, u64, seconds) = (i % 3) switch
            {
                0 => (long.MinValue, ulong.MaxValue, 0L),
                1 => (long.MaxValue, 0UL, (long)uint.MaxValue),
                _ => (-i * 1_000_000_007L, (ulong)i * 3_000_000_019UL, 1_795_000_000L + i),
            };
            rows.Int32(i - 5);
            rows.String(AwkwardStrings[i]);
            rows.DateTime(seconds);
            rows.Int64(i64);
            rows.UInt64(u64);
            rows.UInt8((byte)(250 + i % 6));
            rows.EndRow();
            expected.Add([(i - 5).ToString(), AwkwardStrings[i], seconds.ToString(), i64.ToString(), u64.ToString(), (250 + i % 6).ToString()]);
        }
        await db.Client.InsertAsync(rows, CancellationToken.None);

        var got = await db.Client.QueryAsync(
            $"SELECT id, s, toUInt32(time), i64, u64, flag FROM {db.Client.Table(table.Name)} ORDER BY id", CancellationToken.None);
        Assert.Equal(expected, got);
    }

    [Fact]
    public async Task Trades_written_by_the_sink_read_back_field_for_field_and_a_second_write_adds_none()
    {
        await using var db = await Database.CreateAsync();
        var history = new HistoryOptions();
        await db.MigrateAsync(history);
        var messages = Messages();
        var trades = new SyntheticTrades(["BTCUSDT", "ETH'\tUSDT"], 3, 1_795_000_000_000, 7_919);
        var source = new List<(string Symbol, BookEvent Trade)>();
        using var sink = new TradeHistorySink(db.Client, history, messages);
        for (var n = 0; n < 400; n++)
        {
            var result = trades.Result(n);
            if (n == 7) result = result with { Events = [result.Events[0] with { Liquidation = true, TakerFee = long.MinValue, MakerFee = long.MaxValue }] };
            foreach (var e in result.Events) source.Add((result.Symbol, e));
            sink.Add(Event(messages, result, n));
        }
        Assert.Equal(source.Count, await sink.WriteAsync(CancellationToken.None));

        var rows = await db.Client.QueryAsync(
            "SELECT symbol, toUInt32(time), time_ms, trade_id, price, qty, notional, taker_side, taker_order_id, taker_user_id, " +
            $"maker_order_id, maker_user_id, taker_fee, maker_fee, liquidation FROM {db.Client.Table(history.TradesTable)} ORDER BY symbol, trade_id",
            CancellationToken.None);
        var expected = source.OrderBy(t => t.Symbol, StringComparer.Ordinal).ThenBy(t => t.Trade.TradeSequence).Select(t => new[]
        {
            t.Symbol, (t.Trade.Timestamp / 1000).ToString(), t.Trade.Timestamp.ToString(), t.Trade.TradeSequence.ToString(), t.Trade.Price.ToString(),
            t.Trade.Quantity.ToString(), t.Trade.Notional.ToString(), t.Trade.Side == OrderSide.Buy ? "BUY" : "SELL", t.Trade.OrderId.ToString(),
            t.Trade.UserId.ToString(), t.Trade.MakerOrderId.ToString(), t.Trade.MakerUserId.ToString(), t.Trade.TakerFee.ToString(),
            t.Trade.MakerFee.ToString(), t.Trade.Liquidation ? "1" : "0",
        }).ToList();
        Assert.Equal(expected, rows);
        var candles = await db.Client.QueryAsync($"SELECT sum(trades) FROM {db.Client.Table(history.KlinesTable)} FINAL", CancellationToken.None);
        Assert.Equal(source.Count.ToString(), candles[0][0]);

        // A new owner of the partitions re-reads the same records: it learns what the table holds and writes nothing.
        sink.Reset();
        for (var n = 0; n < 400; n++) sink.Add(Event(messages, trades.Result(n), n));
        Assert.Equal(0, await sink.WriteAsync(CancellationToken.None));
        var count = await db.Client.QueryAsync($"SELECT count() FROM {db.Client.Table(history.TradesTable)}", CancellationToken.None);
        Assert.Equal(source.Count.ToString(), count[0][0]);
    }

    [Fact]
    public async Task Final_orders_and_position_changes_written_by_the_sink_read_back_field_for_field()
    {
        await using var db = await Database.CreateAsync();
        var history = new HistoryOptions();
        await db.MigrateAsync(history);
        var messages = Messages();
        using var sink = new AccountHistorySink(db.Client, history, messages);
        var orders = new List<OrderView>();
        for (var i = 0; i < AwkwardStrings.Length; i++)
        {
            orders.Add(new OrderView
            {
                OrderId = 1_000 + i, Symbol = "BTCUSDT", ClientOrderId = i == 0 ? null : AwkwardStrings[i], Side = i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell,
                Type = OrderType.Limit, TimeInForce = TimeInForce.Ioc, Price = 500_000 + i, StopPrice = i, Quantity = 10 + i, FilledQuantity = 5,
                FilledNotional = long.MaxValue - i, Fees = -i, Status = i % 3 == 0 ? OrderStatus.Filled : OrderStatus.Canceled,
                Reason = i % 2 == 0 ? null : AwkwardStrings[^(i + 1)], ReduceOnly = i % 2 == 1, Liquidation = i % 4 == 1,
                CreateTime = 1_795_000_000_000 + i * 61_000, UpdateTime = i == 1 ? -5 : 1_795_000_100_000 + i,
            });
        }
        var open = orders[0] with { OrderId = 999, Status = OrderStatus.New };
        var position = new PositionView("BTCUSDT", PositionSide.Short, PositionMode.Cross, 125, -42, 7, 500_001, 500_002, -3, 4,
            long.MaxValue, 0, 0, 0, PositionStatus.Open, 0, 0, LockStatus.None, 0, 0);
        var update = new UserUpdate(4242, "BTCUSDT", 1_795_000_200_123, [.. orders, open], [], position, []);
        var envelope = new MessageEnvelope(MessageKind.Message, "Account/4242", 77, messages.NameOf(typeof(UserUpdate)), null, null, 0, messages.Serialize(update));
        sink.Add(new StreamEvent(new LogRecord("positions", 0, 0, "4242", []), envelope));
        Assert.Equal(orders.Count + 1, await sink.WriteAsync(CancellationToken.None));

        var gotOrders = await db.Client.QueryAsync(
            "SELECT symbol, toUInt32(time), time_ms, order_id, user_id, client_order_id, side, type, time_in_force, price, stop_price, quantity, " +
            "filled_quantity, filled_notional, fees, status, reason, reduce_only, liquidation, update_time_ms " +
            $"FROM {db.Client.Table(history.OrdersTable)} ORDER BY order_id", CancellationToken.None);
        Assert.Equal(orders.Select(o => new[]
        {
            o.Symbol, (o.CreateTime / 1000).ToString(), o.CreateTime.ToString(), o.OrderId.ToString(), "4242", o.ClientOrderId ?? "",
            o.Side == OrderSide.Buy ? "BUY" : "SELL", "LIMIT", "IOC", o.Price.ToString(), o.StopPrice.ToString(), o.Quantity.ToString(),
            o.FilledQuantity.ToString(), o.FilledNotional.ToString(), o.Fees.ToString(), o.Status == OrderStatus.Filled ? "FILLED" : "CANCELED",
            o.Reason ?? "", o.ReduceOnly ? "1" : "0", o.Liquidation ? "1" : "0", Math.Max(0, o.UpdateTime).ToString(),
        }).ToList(), gotOrders);

        var gotPosition = await db.Client.QueryAsync(
            "SELECT symbol, toUInt32(time), time_ms, user_id, event_seq, side, margin_mode, leverage, quantity, entry_notional, average_price, " +
            $"mark_price, unrealized_pnl, realized_pnl, margin, status FROM {db.Client.Table(history.PositionChangesTable)}", CancellationToken.None);
        Assert.Equal([["BTCUSDT", "1795000200", "1795000200123", "4242", "77", "SHORT", "CROSS", "125", "-42", "7", "500001", "500002", "-3", "4",
            long.MaxValue.ToString(), "OPEN"]], gotPosition);
    }

    private static StreamEvent Event(MessageTypeRegistry messages, MatchResult result, long offset)
    {
        var envelope = new MessageEnvelope(MessageKind.Message, $"OrderBook/{result.Symbol}", offset, messages.NameOf(typeof(MatchResult)),
            null, null, 0, messages.Serialize(result));
        return new StreamEvent(new LogRecord("match-results", 0, offset, result.Symbol, []), envelope);
    }

    private static MessageTypeRegistry Messages()
    {
        var messages = new MessageTypeRegistry();
        ExchangeGrainTypes.StreamMessages(messages);
        return messages;
    }

    /// <summary>A database of the test's own, dropped afterwards.</summary>
    private sealed class Database : IAsyncDisposable
    {
        private Database(ClickHouseClient client) => Client = client;

        public ClickHouseClient Client { get; }

        public static async Task<Database> CreateAsync()
        {
            var options = TestServers.ClickHouse;
            options.Database = TestServers.UniqueName("rowbinary_test");
            var client = new ClickHouseClient(Options.Create(options));
            await client.ExecuteAsync($"CREATE DATABASE {options.Database}", CancellationToken.None);
            return new Database(client);
        }

        public Task MigrateAsync(HistoryOptions history) =>
            new ClickHouseSchemaMigrator(Client, NullLogger<ClickHouseSchemaMigrator>.Instance).MigrateAsync(HistorySchema.Tables(history), CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            await Client.ExecuteAsync($"DROP DATABASE IF EXISTS {Client.Database}", CancellationToken.None);
            Client.Dispose();
        }
    }
}
