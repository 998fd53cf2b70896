using System.Diagnostics;
using Microsoft.Extensions.Options;
using Trading.Benchmarks.History;
using Trading.Client.Api.History;
using Trading.Grains.MarketData;
using Trading.Runtime.Configuration;
using Trading.Runtime.Streams.Kafka;
using Trading.Silo.ReadSide.History;
using Trading.Tests.Infrastructure;

namespace Trading.Tests.ReadSide.History;

/// <summary>
/// The history exporter on the real Kafka and ClickHouse: ClickHouse is stopped in the middle of a burst of trades and
/// started again; afterwards it holds every trade exactly once (also after a restarted exporter re-reads replayed
/// records), and the candles it serves equal those <see cref="KlineBuilder"/> computes from the same trades.
/// </summary>
[Trait("Category", "Integration")]
[Collection(HistoryWait.Collection)] // the outage test stops ClickHouse: no other history test runs meanwhile
public sealed class ClickHouseOutageTests
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

    [Fact]
    public async Task Every_trade_is_stored_exactly_once_across_a_ClickHouse_restart_and_klines_match_the_trades()
    {
        var clickHouse = TestServers.ClickHouse;
        clickHouse.Database = TestServers.UniqueName("history_test");
        clickHouse.TimeoutSeconds = 5; // a stopping server may hold requests: fail them fast, as the test counts failures
        var history = new HistoryOptions { BatchRows = 500, BatchIntervalMs = 200, RetryInitialMs = 100, RetryMaxMs = 1000 };
        using var log = new KafkaMessageLog(TestServers.Kafka);
        await using var rig = new HistoryExporterRig(log, clickHouse, history, TestServers.UniqueName("hist"));
        log.PartitionCount(rig.Topics.MatchResults);
        // 3 symbols, 2 trades per result, 2.5 s apart: 12,000 trades over about 4 hours of trade time.
        var trades = new SyntheticTrades(Symbols, 2, 1_795_000_000_000, 2_500);
        const int results = 6_000;
        var counters = rig.Statistics.Consumer(HistoryExporterService.TradesConsumer);

        rig.StartExporter();
        trades.Produce(log, rig.Topics.MatchResults, 0, 2_000);
        await HistoryWait.Until(async () => await rig.RawCountAsync(history.TradesTable) > 0, "the first trades reach ClickHouse");

        var errorsBefore = Interlocked.Read(ref counters.Errors);
        Services("stop");
        try
        {
            trades.Produce(log, rig.Topics.MatchResults, 2_000, 4_000);
            await HistoryWait.Until(() => Task.FromResult(Interlocked.Read(ref counters.Errors) > errorsBefore + 2), "the exporter reports failed writes");
        }
        finally
        {
            Services("start");
        }
        trades.Produce(log, rig.Topics.MatchResults, 4_000, results);
        var expected = results * 2L;
        await HistoryWait.Until(async () => await rig.RawCountAsync(history.TradesTable) >= expected && Interlocked.Read(ref counters.Lag) == 0,
            "every trade reaches ClickHouse");

        // A book that crashed replays its last outputs (same source and sequence) while the exporter restarts with
        // an empty memory: the re-read records must not add rows.
        await rig.StopExporterAsync();
        trades.Produce(log, rig.Topics.MatchResults, results - 900, results);
        var written = Interlocked.Read(ref counters.RowsWritten);
        Interlocked.Exchange(ref counters.Lag, -1); // measured again once the restarted exporter owns the partitions
        rig.StartExporter();
        await HistoryWait.Until(() => Task.FromResult(Interlocked.Read(ref counters.Lag) == 0),
            () => $"the restarted exporter catches up (lag {Interlocked.Read(ref counters.Lag)}, -1 = not measured since the restart; " +
                  $"rows written {Interlocked.Read(ref counters.RowsWritten)}, errors {Interlocked.Read(ref counters.Errors)})");
        await Task.Delay(1500); // a batch interval and more, for any re-read rows to be written

        Assert.Equal(expected, await rig.RawCountAsync(history.TradesTable));
        var distinct = await rig.ClickHouse.QueryAsync(
            $"SELECT uniqExact(symbol, trade_id), min(trade_id), max(trade_id) FROM {rig.ClickHouse.Table(history.TradesTable)}", CancellationToken.None);
        Assert.Equal(new[] { expected.ToString(), "1", (expected / Symbols.Length).ToString() }, distinct[0]);
        Assert.Equal(written, Interlocked.Read(ref counters.RowsWritten));
        Assert.True(Interlocked.Read(ref counters.Errors) > 0);

        var reader = new HistoryReader(rig.ClickHouse, Options.Create(history));
        foreach (var symbol in Symbols)
        {
            foreach (var interval in KlineInterval.All)
            {
                var want = ExpectedKlines(trades, results, symbol, interval);
                var got = await reader.KlinesAsync(symbol, interval, 0, HistoryQuery.MaxTimeMs, 1500, CancellationToken.None);
                Assert.Equal(want, got);
            }
        }
        var latest = await reader.LatestTradePriceAsync("ETHUSDT", CancellationToken.None);
        var last = trades.Result(results - 2).Events[^1]; // result 5998 is the last ETHUSDT one
        Assert.Equal(new LatestTrade("ETHUSDT", last.Price, last.Timestamp, last.TradeSequence), latest);
    }

    private static List<Kline> ExpectedKlines(SyntheticTrades trades, int results, string symbol, KlineInterval interval)
    {
        var builder = new KlineBuilder(interval);
        var candles = new List<Kline>();
        for (var n = 0; n < results; n++)
        {
            var result = trades.Result(n);
            if (result.Symbol != symbol) continue;
            foreach (var t in result.Events)
            {
                var candle = builder.Add(t.Timestamp, t.Price, t.Quantity, t.Notional)!;
                if (candles.Count > 0 && candles[^1].OpenTime == candle.OpenTime) candles[^1] = candle;
                else candles.Add(candle);
            }
        }
        return candles;
    }

    private static void Services(string verb)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "scripts", "services.sh"), verb, "clickhouse"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), $"services.sh {verb} clickhouse did not finish");
        Assert.True(process.ExitCode == 0, $"services.sh {verb} clickhouse failed: {output.Result}{errors.Result}");
    }
}
