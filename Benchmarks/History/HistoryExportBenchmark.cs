using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Trading.Runtime.Configuration;
using Trading.Benchmarks.Runtime;
using Trading.Runtime.Streams.Kafka;

namespace Trading.Benchmarks.History;

/// <summary>
/// The ClickHouse history exporter on the real Kafka and ClickHouse:
/// <c>dotnet run -c Release --project Benchmarks -- history-export [--rows N] [--trades-per-result K] [--batch-rows B]
/// [--max-batch-rows M] [--trade-consumers C] [--symbols S]</c> (defaults: the History options' defaults).
/// N trades are written to Kafka first (K per match result), then the exporter starts on that backlog.
/// <c>history_rows_per_sec</c> is N over the time from the exporter's first lag figure (it owns partitions and is
/// reading; <c>history_start_seconds</c> after its start) until ClickHouse holds all N trade rows and their one-minute
/// candles; <c>..._including_start</c> also counts the start (schema, group join). Uses a throw-away database.
/// </summary>
public static class HistoryExportBenchmark
{
    public static int Run(string[] args)
    {
        var rows = RuntimeThroughput.ArgValue(args, "--rows", 500_000);
        var perResult = RuntimeThroughput.ArgValue(args, "--trades-per-result", 4);
        var defaults = new HistoryOptions();
        var batchRows = RuntimeThroughput.ArgValue(args, "--batch-rows", defaults.BatchRows);
        var maxBatchRows = RuntimeThroughput.ArgValue(args, "--max-batch-rows", defaults.MaxBatchRows);
        var tradeConsumers = RuntimeThroughput.ArgValue(args, "--trade-consumers", defaults.TradeConsumers);
        var symbolCount = RuntimeThroughput.ArgValue(args, "--symbols", 4);
        var configuration = new ConfigurationBuilder().AddPlatformSources([]).Build();
        var kafka = new KafkaOptions();
        configuration.GetSection(KafkaOptions.Section).Bind(kafka);
        var clickHouse = new ClickHouseOptions();
        configuration.GetSection(ClickHouseOptions.Section).Bind(clickHouse);
        var run = Guid.NewGuid().ToString("N")[..12];
        clickHouse.Database = $"bench_history_{run}";
        var history = new HistoryOptions { BatchRows = batchRows, MaxBatchRows = maxBatchRows, TradeConsumers = tradeConsumers };

        using var log = new KafkaMessageLog(kafka);
        var rig = new HistoryExporterRig(log, clickHouse, history, $"bench-history-{run}");
        try
        {
            var trades = new SyntheticTrades([.. Enumerable.Range(0, symbolCount).Select(i => $"SYM{i}USDT")], perResult, 1_795_000_000_000, 3);
            var results = (rows + perResult - 1) / perResult;
            var produceWatch = Stopwatch.StartNew();
            trades.Produce(log, rig.Topics.MatchResults, 0, results);
            var total = results * (long)perResult;
            Console.WriteLine($"history_trades: {total}");
            Console.WriteLine($"history_trades_per_result: {perResult}");
            Console.WriteLine($"history_batch_rows: {batchRows}");
            Console.WriteLine($"history_max_batch_rows: {maxBatchRows}");
            Console.WriteLine($"history_trade_consumers: {tradeConsumers}");
            Console.WriteLine($"history_input_produced_per_sec: {results / produceWatch.Elapsed.TotalSeconds:0}");

            var watch = Stopwatch.StartNew();
            rig.StartExporter();
            var counters = rig.Statistics.Consumer(Silo.ReadSide.History.HistoryExporterService.TradesConsumer);
            // The exporter is reading once it has measured its backlog (the first lag figure, taken as soon as the
            // group assigned it partitions): from then on it is decoding and writing, not starting.
            var readingAt = TimeSpan.Zero;
            while (Interlocked.Read(ref counters.RowsWritten) < total || Interlocked.Read(ref counters.Lag) > 0)
            {
                if (readingAt == TimeSpan.Zero && Interlocked.Read(ref counters.Lag) > 0) readingAt = watch.Elapsed;
                if (watch.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"only {counters.RowsWritten} of {total} rows written");
                Thread.Sleep(5);
            }
            var elapsed = watch.Elapsed;
            var stored = rig.RawCountAsync(history.TradesTable).GetAwaiter().GetResult();
            if (stored != total) throw new InvalidOperationException($"ClickHouse holds {stored} trade rows, expected {total}");
            Console.WriteLine($"history_rows_per_sec: {total / (elapsed - readingAt).TotalSeconds:0}");
            Console.WriteLine($"history_rows_per_sec_including_start: {total / elapsed.TotalSeconds:0}");
            Console.WriteLine($"history_start_seconds: {readingAt.TotalSeconds:0.00}");
            Console.WriteLine($"history_errors: {Interlocked.Read(ref counters.Errors)}");
        }
        finally
        {
            rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return 0;
    }
}
