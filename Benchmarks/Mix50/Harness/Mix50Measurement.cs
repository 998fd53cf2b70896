namespace Trading.Benchmarks.Mix50;

/// <summary>
/// The protocol's steps for one engine, callable one run at a time so that several engines can be
/// measured alternately in one process: <see cref="Verify"/> once, then <see cref="Throughput"/>
/// and <see cref="Latency"/> for runs 0..Runs-1, then <see cref="ToReport"/>. Each step starts from
/// a fresh engine (<see cref="IMix50Engine.Reset"/>). Failures throw <see cref="Mix50BenchmarkFailedException"/>.
/// </summary>
public sealed class Mix50Measurement
{
    private readonly Mix50Stream _stream;
    private readonly double[] _ops;
    private readonly double[] _allocated;
    private readonly double[] _p50;
    private readonly double[] _p99;
    private readonly double[] _p999;
    private long[]? _ticks;
    private Mix50Outcome? _outcome;

    /// <summary>Prepares result slots for <paramref name="runs"/> throughput and latency runs.</summary>
    public Mix50Measurement(string engineName, Mix50Stream stream, int runs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        EngineName = engineName;
        _stream = stream;
        Runs = runs;
        _ops = new double[runs];
        _allocated = new double[runs];
        _p50 = new double[runs];
        _p99 = new double[runs];
        _p999 = new double[runs];
    }

    /// <summary>The engine's name, used in messages.</summary>
    public string EngineName { get; }

    /// <summary>Throughput runs and, separately, latency runs.</summary>
    public int Runs { get; }

    /// <summary>Protocol step 2: the untimed verification pass (also JIT warm-up).</summary>
    public Mix50Outcome Verify<TEngine>(TEngine engine)
        where TEngine : struct, IMix50Engine
    {
        Mix50Outcome outcome = Mix50Runner.Verify(ref engine, _stream);
        string? failure = Mix50Verification.Describe(EngineName, _stream.Expected, outcome);
        if (failure is not null)
        {
            throw new Mix50BenchmarkFailedException(failure);
        }

        _outcome = outcome;
        return outcome;
    }

    /// <summary>Protocol step 3: throughput run number <paramref name="run"/>.</summary>
    public void Throughput<TEngine>(TEngine engine, int run)
        where TEngine : struct, IMix50Engine
    {
        Mix50ThroughputSample sample = Mix50Runner.RunThroughput(ref engine, _stream);
        CheckTrades("throughput", sample.Trades, sample.TradedQty);
        _ops[run] = sample.OpsPerSecond;
        _allocated[run] = sample.AllocatedBytesPerOp;
        Console.Error.WriteLine(
            $"mix50: {EngineName} throughput run {run + 1}: {sample.OpsPerSecond:F0} ops/s, {sample.AllocatedBytesPerOp:F2} B/op");
    }

    /// <summary>Protocol step 4: latency run number <paramref name="run"/>.</summary>
    public void Latency<TEngine>(TEngine engine, int run)
        where TEngine : struct, IMix50Engine
    {
        _ticks ??= new long[_stream.Parameters.Measured];
        TradeHashListener trades = Mix50Runner.RunLatency(ref engine, _stream, _ticks);
        CheckTrades("latency", trades.Trades, trades.TradedQty);
        (_p50[run], _p99[run], _p999[run]) = Mix50Statistics.LatencyPercentiles(_ticks);
        Console.Error.WriteLine(
            $"mix50: {EngineName} latency run {run + 1}: p50 {_p50[run]:F0} ns, p99 {_p99[run]:F0} ns, p99.9 {_p999[run]:F0} ns");
    }

    /// <summary>The report; medians across runs.</summary>
    public Mix50Report ToReport() => new()
    {
        StreamHash = _stream.StreamHash,
        Outcome = _outcome ?? throw new InvalidOperationException("Verify must run first"),
        OpsPerSecMedian = Mix50Statistics.Median(_ops),
        OpsPerSecMin = Mix50Statistics.Min(_ops),
        OpsPerSecMax = Mix50Statistics.Max(_ops),
        P50Ns = Mix50Statistics.Median(_p50),
        P99Ns = Mix50Statistics.Median(_p99),
        P999Ns = Mix50Statistics.Median(_p999),
        AllocatedBytesPerOp = Mix50Statistics.Median(_allocated),
    };

    private void CheckTrades(string phase, long trades, long tradedQty) =>
        Mix50Benchmark.CheckTrades(
            EngineName, phase, _stream.MeasuredMix.Trades, _stream.MeasuredMix.TradedQty, trades, tradedQty);
}
