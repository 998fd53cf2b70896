using Trading.Benchmarks.Mix50;
using Trading.Benchmarks.OrderBookBenchmarks;

namespace Trading.Benchmarks;

/// <summary>Benchmark entry point: dispatches on the suite name in <c>args[0]</c>.</summary>
public static class Program
{
    /// <summary>Runs the suite named by <c>args[0]</c> with the remaining arguments.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0) return Usage();
        string[] rest = args[1..];
        switch (args[0])
        {
            case "mix50":
                return Mix50Cli.Run(rest, deep: false);
            case "mix50-deep":
                return Mix50Cli.Run(rest, deep: true);
            case "runtime":
                return Runtime.RuntimeThroughput.Run(rest);
            case "failover":
                return Runtime.FailoverRecovery.Run(rest);
            case "orders":
                return Exchange.OrderFlowBenchmark.Run(rest);
            case "ws-fanout":
                return Push.WebSocketFanoutBenchmark.Run(rest);
            case "history-export":
                return History.HistoryExportBenchmark.Run(rest);
            case "snapshot-document":
                return Snapshots.SnapshotDocumentBenchmark.Run(rest);
            case "snapshot":
                return Snapshots.EngineSnapshotBenchmark.Run(rest);
            case "test-silo":
                return Runtime.TestSiloHost.Run(rest);
            case "bdn-book":
                BenchmarkDotNet.Running.BenchmarkRunner.Run<OrderBookBenchmarks.OrderBookBenchmarks>(args: rest);
                return 0;
            case "bdn-codec":
                BenchmarkDotNet.Running.BenchmarkRunner.Run<Codecs.CodecBenchmarks>(args: rest);
                return 0;
            case "bdn-state":
                BenchmarkDotNet.Running.BenchmarkRunner.Run<Codecs.StateCodecBenchmarks>(args: rest);
                return 0;
            default:
                return Usage();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: dotnet run -c Release --project Benchmarks -- <suite> [options]");
        Console.Error.WriteLine("suites: mix50, mix50-deep, bdn-book, bdn-codec, bdn-state, runtime, failover, orders, ws-fanout, history-export, snapshot-document, snapshot, test-silo");
        return 1;
    }
}
