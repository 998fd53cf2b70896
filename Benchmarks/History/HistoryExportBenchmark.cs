using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Trading.Runtime.Configuration;
using Trading.Benchmarks.Runtime;
using Trading.Runtime.Streams.Kafka;
using Trading.Silo.ReadSide.History;

namespace Trading.Benchmarks.History;

/// <summary>
/// The ClickHouse history exporter on the real Kafka and ClickHouse:
/// <c>dotnet run -c Release --project Benchmarks -- history-export [--rows N] [--warmup-rows W] [--trades-per-result K]
/// [--batch-rows B] [--max-batch-rows M] [--trade-consumers C] [--symbols S]</c> (defaults: the History options' defaults).
/// N trades are written to Kafka first (K per match result), then the exporter starts on that backlog.
/// <c>history_rows_per_sec</c> is N over the time from the exporter's first lag figure (it owns partitions and is
/// reading; <c>history_start_seconds</c> after its start) until ClickHouse holds all N trade rows and their one-minute
/// candles; <c>..._including_start</c> also counts the start (schema, group join). Before that, an exporter of its own
/// exports W trades (default 100,000; 0 for none) so the figure is the exporter's, not the JIT's first tiers
/// (<c>history_warmup_rows_per_sec</c> is that cold run). <c>history_exporter_cpu_us_per_row</c> is this process's CPU
/// time during the measured export per row (exporter, Kafka client, HTTP; not ClickHouse or Kafka), a figure that
/// depends less on what else the machine runs. Each run uses a throw-away database and topic.
/// </summary>
public static class HistoryExportBenchmark
{
    public static int Run(string[] args)
    {
        var rows = RuntimeThroughput.ArgValue(args, "--rows", 500_000);
        var warmupRows = RuntimeThroughput.ArgValue(args, "--warmup-rows", 100_000);
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
        var history = new HistoryOptions { BatchRows = batchRows, MaxBatchRows = maxBatchRows, TradeConsumers = tradeConsumers };
        var trades = new SyntheticTrades([.. Enumerable.Range(0, symbolCount).Select(i => $"SYM{i}USDT")], perResult, 1_795_000_000_000, 3);

        using var log = new KafkaMessageLog(kafka);
        Console.WriteLine($"history_trades_per_result: {perResult}");
        Console.WriteLine($"history_batch_rows: {batchRows}");
        Console.WriteLine($"history_max_batch_rows: {maxBatchRows}");
        Console.WriteLine($"history_trade_consumers: {tradeConsumers}");
        if (warmupRows > 0)
        {
            var warmup = Export(log, clickHouse, history, trades, warmupRows);
            Console.WriteLine($"history_warmup_trades: {warmup.Rows}");
            Console.WriteLine($"history_warmup_rows_per_sec: {warmup.RowsPerSecond:0}");
        }
        var measured = Export(log, clickHouse, history, trades, rows);
        Console.WriteLine($"history_trades: {measured.Rows}");
        Console.WriteLine($"history_input_produced_per_sec: {measured.ProducedPerSecond:0}");
        Console.WriteLine($"history_rows_per_sec: {measured.RowsPerSecond:0}");
        Console.WriteLine($"history_rows_per_sec_including_start: {measured.RowsPerSecondIncludingStart:0}");
        Console.WriteLine($"history_start_seconds: {measured.StartSeconds:0.00}");
        Console.WriteLine($"history_errors: {measured.Errors}");
        Console.WriteLine($"history_exporter_cpu_us_per_row: {measured.CpuMicrosecondsPerRow:0.00}");
        return 0;
    }

    private sealed record Outcome(long Rows, double ProducedPerSecond, double RowsPerSecond, double RowsPerSecondIncludingStart,
        double StartSeconds, long Errors, double CpuMicrosecondsPerRow);

    /// <summary>Produces <paramref name="rows"/> trades to a fresh topic, then times a fresh exporter (own database) over them.</summary>
    private static Outcome Export(KafkaMessageLog log, ClickHouseOptions clickHouse, HistoryOptions history, SyntheticTrades trades, int rows)
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        var database = new ClickHouseOptions
        {
            Url = clickHouse.Url, User = clickHouse.User, Password = clickHouse.Password, TimeoutSeconds = clickHouse.TimeoutSeconds,
            Database = $"bench_history_{run}",
        };
        var rig = new HistoryExporterRig(log, database, history, $"bench-history-{run}");
        try
        {
            var results = (rows + trades.TradesPerResult - 1) / trades.TradesPerResult;
            var produceWatch = Stopwatch.StartNew();
            trades.Produce(log, rig.Topics.MatchResults, 0, results);
            var produced = results / produceWatch.Elapsed.TotalSeconds;
            var total = results * (long)trades.TradesPerResult;

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            rig.StartExporter();
            var counters = rig.Statistics.Consumer(HistoryExporterService.TradesConsumer);
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
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var stored = rig.RawCountAsync(history.TradesTable).GetAwaiter().GetResult();
            if (stored != total) throw new InvalidOperationException($"ClickHouse holds {stored} trade rows, expected {total}");
            return new Outcome(total, produced, total / (elapsed - readingAt).TotalSeconds, total / elapsed.TotalSeconds, readingAt.TotalSeconds,
                Interlocked.Read(ref counters.Errors), cpu.TotalMicroseconds / total);
        }
        finally
        {
            rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
