using Microsoft.Extensions.Options;
using Trading.Benchmarks.History;
using Trading.Runtime.Configuration;
using Trading.Runtime.Storage.ClickHouse;
using Trading.Runtime.Streams.Kafka;
using Trading.Silo.ReadSide.History;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.ReadSide.History;

/// <summary>
/// The history exporter with two trade consumers and catch-up batches, on the real Kafka and ClickHouse, loses its
/// way to ClickHouse in the middle of a burst (a <see cref="TcpGate"/> in between resets and refuses connections,
/// while ClickHouse itself keeps serving everyone else): nothing is written meanwhile, and afterwards ClickHouse
/// holds every trade exactly once, also after a restarted exporter re-reads replayed records.
/// </summary>
[Trait("Category", "Integration")]
[Collection(HistoryWait.Collection)] // the outage test stops ClickHouse: no other history test runs meanwhile
public sealed class ClickHouseUnreachableTests
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"];

    [Fact]
    public async Task Offsets_are_held_while_ClickHouse_is_unreachable_and_every_trade_lands_once()
    {
        var direct = TestServers.ClickHouse;
        direct.Database = TestServers.UniqueName("history_gate");
        var target = new Uri(direct.Url);
        await using var gate = new TcpGate(target.Host == "localhost" ? "127.0.0.1" : target.Host, target.Port);
        var gated = TestServers.ClickHouse;
        gated.Database = direct.Database;
        gated.Url = $"http://127.0.0.1:{gate.Port}";
        gated.TimeoutSeconds = 5;
        var history = new HistoryOptions
        {
            BatchRows = 200, BatchIntervalMs = 200, MaxBatchRows = 5_000, TradeConsumers = 2, RetryInitialMs = 100, RetryMaxMs = 500,
        };
        using var log = new KafkaMessageLog(TestServers.Kafka);
        using var clickHouse = new ClickHouseClient(Options.Create(direct));
        try
        {
            await Run(gate, gated, history, log, clickHouse);
        }
        finally
        {
            await clickHouse.ExecuteAsync($"DROP DATABASE IF EXISTS {direct.Database}", CancellationToken.None);
        }
    }

    private static async Task Run(TcpGate gate, ClickHouseOptions gated, HistoryOptions history, KafkaMessageLog log, ClickHouseClient clickHouse)
    {
        await using var rig = new HistoryExporterRig(log, gated, history, TestServers.UniqueName("hist_gate"));
        log.PartitionCount(rig.Topics.MatchResults);
        var trades = new SyntheticTrades(Symbols, 3, 1_795_000_000_000, 1_300);
        const int results = 8_000;
        var counters = rig.Statistics.Consumer(HistoryExporterService.TradesConsumer);

        rig.StartExporter();
        trades.Produce(log, rig.Topics.MatchResults, 0, 2_000);
        await HistoryWait.Until(async () => await Count(clickHouse, history) > 0, "the first trades reach ClickHouse");

        gate.Shut();
        long whileShut;
        try
        {
            var errorsBefore = Interlocked.Read(ref counters.Errors);
            trades.Produce(log, rig.Topics.MatchResults, 2_000, 5_000);
            await HistoryWait.Until(() => Task.FromResult(Interlocked.Read(ref counters.Errors) > errorsBefore + 4), "the exporter reports failed writes");
            whileShut = await Count(clickHouse, history);
            await Task.Delay(1_000);
            Assert.Equal(whileShut, await Count(clickHouse, history)); // nothing gets through the shut gate
            Assert.True(whileShut < 5_000 * 3L, $"{whileShut} rows stored while the gate was shut");
        }
        finally
        {
            gate.Open();
        }
        trades.Produce(log, rig.Topics.MatchResults, 5_000, results);
        var expected = results * 3L;
        await HistoryWait.Until(async () => await Count(clickHouse, history) >= expected && Interlocked.Read(ref counters.Lag) == 0,
            "every trade reaches ClickHouse");

        // Books that crashed replay their last outputs while the exporter restarts with an empty memory.
        await rig.StopExporterAsync();
        trades.Produce(log, rig.Topics.MatchResults, results - 1_500, results);
        var written = Interlocked.Read(ref counters.RowsWritten);
        Interlocked.Exchange(ref counters.Lag, -1);
        rig.StartExporter();
        await HistoryWait.Until(() => Task.FromResult(Interlocked.Read(ref counters.Lag) == 0), "the restarted exporter catches up");
        await Task.Delay(1_500);

        Assert.Equal(expected, await Count(clickHouse, history));
        var distinct = await clickHouse.QueryAsync(
            $"SELECT uniqExact(symbol, trade_id), min(trade_id), max(trade_id) FROM {clickHouse.Table(history.TradesTable)}", CancellationToken.None);
        Assert.Equal(new[] { expected.ToString(), "1", (expected / Symbols.Length).ToString() }, distinct[0]);
        Assert.Equal(written, Interlocked.Read(ref counters.RowsWritten));
        var candles = await clickHouse.QueryAsync($"SELECT sum(trades) FROM {clickHouse.Table(history.KlinesTable)} FINAL", CancellationToken.None);
        Assert.Equal(expected.ToString(), candles[0][0]);
    }

    private static async Task<long> Count(ClickHouseClient clickHouse, HistoryOptions history)
    {
        try
        {
            var rows = await clickHouse.QueryAsync($"SELECT count() FROM {clickHouse.Table(history.TradesTable)}", CancellationToken.None);
            return ClickHouseClient.Long(rows[0][0]);
        }
        catch (ClickHouseException e) when (!e.Unreachable)
        {
            return 0; // the table is not there yet
        }
    }
}
