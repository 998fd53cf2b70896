using Trading.Benchmarks.Mix50;

namespace Trading.Tests.Benchmarks;

/// <summary>The measurement harness on small streams: verification, failure detection, deep mode.</summary>
public sealed class Mix50HarnessTests
{
    private static readonly Mix50Stream Small =
        Mix50Generator.Generate(Mix50Parameters.Default with { Warmup = 2_000, Measured = 20_000 });

    private static readonly string[] FigureNames =
    [
        "stream_hash", "trades", "traded_qty", "trade_hash", "resting_orders", "resting_checksum",
        "ops_per_sec", "ops_per_sec_min", "ops_per_sec_max", "p50_ns", "p99_ns", "p999_ns", "allocated_bytes_per_op",
    ];

    private static string[] Lines(StringWriter output) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void ShadowEngine_ReproducesTheStreamAndReportsFigures()
    {
        Mix50Report report = Mix50Benchmark.Measure(new ShadowBookEngine(), "shadow", Small, runs: 2);

        Assert.Equal(Small.Expected, report.Outcome);
        Assert.Equal(Small.StreamHash, report.StreamHash);
        Assert.True(report.OpsPerSecMin > 0);
        Assert.True(report.OpsPerSecMin <= report.OpsPerSecMedian && report.OpsPerSecMedian <= report.OpsPerSecMax);
        Assert.True(report.P50Ns <= report.P99Ns && report.P99Ns <= report.P999Ns);
        Assert.True(report.AllocatedBytesPerOp > 0); // the reference book allocates per order
    }

    [Fact]
    public void Verify_MatchesShadowBookOutcome()
    {
        var engine = new ShadowBookEngine();
        Assert.Equal(Small.Expected, Mix50Runner.Verify(ref engine, Small));
    }

    [Fact]
    public void WrongChecksum_FailsWithClearMessage()
    {
        var e = Assert.Throws<Mix50BenchmarkFailedException>(
            () => Mix50Benchmark.Measure(new WrongChecksumEngine(), "broken", Small, runs: 1));
        Assert.Contains("VERIFICATION FAILED", e.Message);
        Assert.Contains("broken", e.Message);
        Assert.Contains("resting_checksum", e.Message);
        Assert.Contains("<-- differs", e.Message);
    }

    [Fact]
    public void ThrowingEngine_FailsNamingTheCommand()
    {
        // Resting IOC remainders change the book, so a later cancel names an order this engine no longer has.
        var e = Assert.Throws<Mix50BenchmarkFailedException>(
            () => Mix50Benchmark.Measure(new IocRestsEngine(), "broken", Small, runs: 1));
        Assert.Contains("VERIFICATION FAILED", e.Message);
        Assert.Contains("at command #", e.Message);
        Assert.IsType<InvalidOperationException>(e.InnerException);
    }

    [Fact]
    public void Cli_PrintsEveryFigure()
    {
        var output = new StringWriter();
        Assert.Equal(0, Mix50Cli.Execute(new Mix50Options { Runs = 1 }, Small, deep: false, output));

        string[] lines = Lines(output);
        Assert.Equal(FigureNames.Length, lines.Length);
        for (int i = 0; i < FigureNames.Length; i++)
        {
            Assert.StartsWith(FigureNames[i] + ": ", lines[i], StringComparison.Ordinal);
        }

        Assert.Equal($"stream_hash: 0x{Small.StreamHash:X16}", lines[0]);
        Assert.Equal($"trades: {Small.Expected.Trades}", lines[1]);
        Assert.Equal($"traded_qty: {Small.Expected.TradedQty}", lines[2]);
        Assert.Equal($"trade_hash: 0x{Small.Expected.TradeHash:X16}", lines[3]);
        Assert.Equal($"resting_orders: {Small.Expected.RestingOrders}", lines[4]);
        Assert.Equal($"resting_checksum: 0x{Small.Expected.RestingChecksum:X16}", lines[5]);
    }

    [Fact]
    public void Cli_SeveralEngines_AlternateAndPrefixTheirLines()
    {
        var output = new StringWriter();
        Assert.Equal(0, Mix50Cli.Execute(new Mix50Options { Engine = "shadow,shadow", Runs = 1 }, Small, deep: false, output));
        string[] lines = Lines(output);
        Assert.Equal(2 * FigureNames.Length, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("shadow.", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Cli_DeepMode_PrintsDeepFigures()
    {
        var output = new StringWriter();
        var options = new Mix50Options { Runs = 1, DeepOrders = 5_000, DeepLevelsPerSide = 20 };
        Assert.Equal(0, Mix50Cli.Execute(options, Small, deep: true, output));
        string text = output.ToString();
        Assert.Contains("deep_bytes_per_order: ", text, StringComparison.Ordinal);
        Assert.Contains("deep_ops_per_sec: ", text, StringComparison.Ordinal);
        Mix50Command[] fill = Mix50DeepBook.Build(Small, 5_000, 20);
        (Mix50Outcome expected, _, _) = Mix50DeepBook.Expect(Small, fill);
        Assert.Contains($"deep_resting_orders_after: {expected.RestingOrders}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Program_UnknownEngine_ExitsWithUsageError()
    {
        Assert.Equal(1, Trading.Benchmarks.Program.Main(["mix50", "--engine", "nope"]));
        Assert.Equal(1, Trading.Benchmarks.Program.Main(["no-such-suite"]));
    }

    [Fact]
    public void DeepBook_FillNeverCrosses_AndReportsMemoryAndThroughput()
    {
        Mix50Command[] fill = Mix50DeepBook.Build(Small, orders: 10_000, levelsPerSide: 50);
        Assert.Equal(Small.MaxOrderId + 1, fill[0].OrderId);
        foreach (Mix50Command c in fill)
        {
            Assert.True(c.IsBuy ? c.Price < Small.MinPrice : c.Price > Small.MaxPrice);
        }

        Mix50DeepReport report = Mix50DeepBenchmark.Measure(new ShadowBookEngine(), "shadow", Small, fill, runs: 1);
        (Mix50Outcome expected, _, _) = Mix50DeepBook.Expect(Small, fill);
        Assert.Equal(10_000, report.DeepOrders);
        Assert.Equal(expected.RestingOrders, report.RestingOrdersAfter);
        Assert.True(report.BytesPerOrder > 0);
        Assert.True(report.OpsPerSecMedian > 0);
    }

    [Fact]
    public void Options_ParseAllFlags()
    {
        Mix50Options o = Mix50Options.Parse(
            ["--engine", "x", "--warmup", "0", "--measured", "10", "--runs", "3", "--seed", "7", "--deep-orders", "5", "--deep-levels", "2"]);
        Assert.Equal("x", o.Engine);
        Assert.Equal(0, o.Parameters.Warmup);
        Assert.Equal(10, o.Parameters.Measured);
        Assert.Equal(7UL, o.Parameters.Seed);
        Assert.Equal(3, o.Runs);
        Assert.Equal(5, o.DeepOrders);
        Assert.Equal(2, o.DeepLevelsPerSide);
        Assert.Throws<ArgumentException>(() => Mix50Options.Parse(["--runs"]));
        Assert.Throws<ArgumentException>(() => Mix50Options.Parse(["--bogus", "1"]));
    }

    [Fact]
    public void Statistics_NearestRankAndMedian()
    {
        long[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(5, Mix50Statistics.NearestRank(sorted, 0.50));
        Assert.Equal(10, Mix50Statistics.NearestRank(sorted, 0.99));
        Assert.Equal(2.5, Mix50Statistics.Median([4, 1, 2, 3]));
        Assert.Equal(3, Mix50Statistics.Median([5, 3, 1]));
    }

    /// <summary>A deliberately wrong engine: correct matching, wrong resting checksum.</summary>
    private struct WrongChecksumEngine : IMix50Engine
    {
        private ShadowBookEngine _inner;

        public readonly long RestingOrders => _inner.RestingOrders;

        public void Reset() => _inner.Reset();

        public readonly void Apply<TListener>(in Mix50Command command, ref TListener listener)
            where TListener : struct, IMix50TradeListener =>
            _inner.Apply(command, ref listener);

        public readonly ulong ComputeRestingChecksum() => _inner.ComputeRestingChecksum() ^ 1;
    }

    /// <summary>A deliberately wrong engine: IOC remainders rest like GTC.</summary>
    private struct IocRestsEngine : IMix50Engine
    {
        private ShadowBook _book;

        public readonly long RestingOrders => _book.RestingCount;

        public void Reset() => _book = new ShadowBook();

        public readonly void Apply<TListener>(in Mix50Command command, ref TListener listener)
            where TListener : struct, IMix50TradeListener =>
            _book.Apply(command.Type == Mix50CommandType.Ioc ? command with { Type = Mix50CommandType.Limit } : command, ref listener);

        public readonly ulong ComputeRestingChecksum() => _book.ComputeRestingChecksum().Value;
    }
}
